/**
 * Tar headers: ustar (POSIX.1-1988), pax extended headers (POSIX.1-2001) and GNU long names.
 * Parsing is strict (checksum, numeric fields); building is deterministic (used by the writers).
 */
export const BLOCK = 512

export class TarStructureError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'TarStructureError'
  }
}

export interface TarHeader {
  readonly name: Buffer
  readonly prefix: Buffer
  readonly linkname: Buffer
  readonly size: number
  readonly typeflag: string
  readonly ustar: boolean
  readonly gnu: boolean
}

function cstr(b: Buffer, off: number, len: number): Buffer {
  const s = b.subarray(off, off + len)
  const z = s.indexOf(0)
  return z < 0 ? s : s.subarray(0, z)
}

/** Octal (NUL/space terminated) or GNU base-256 (high bit set). Negative or unsafe values are corrupt. */
export function parseNumeric(b: Buffer, off: number, len: number, what: string): number {
  const f = b.subarray(off, off + len)
  if (((f[0] as number) & 0x80) !== 0) {
    if ((f[0] as number) === 0xff) throw new TarStructureError(`negative ${what} field`)
    let v = (f[0] as number) & 0x7f
    for (let i = 1; i < f.length; i++) {
      v = v * 256 + (f[i] as number)
      if (v > Number.MAX_SAFE_INTEGER) throw new TarStructureError(`${what} field out of range`)
    }
    return v
  }
  const s = f.toString('latin1').replace(/[\0 ]+$/, '').replace(/^ +/, '')
  if (s === '') return 0
  if (!/^[0-7]+$/.test(s)) throw new TarStructureError(`${what} field is not an octal number`)
  const v = parseInt(s, 8)
  if (!Number.isSafeInteger(v)) throw new TarStructureError(`${what} field out of range`)
  return v
}

export function isZeroBlock(b: Buffer): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] !== 0) return false
  return true
}

export function headerChecksum(b: Buffer): number {
  let sum = 0
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : (b[i] as number)
  return sum
}

export function parseHeader(b: Buffer): TarHeader {
  const stored = parseNumeric(b, 148, 8, 'checksum')
  if (stored !== headerChecksum(b)) throw new TarStructureError('header checksum mismatch')
  const magic = b.subarray(257, 263).toString('latin1')
  const ustar = magic === 'ustar\0'
  const gnu = magic === 'ustar '
  const typeflag = b[156] === 0 ? '0' : String.fromCharCode(b[156] as number)
  return {
    name: cstr(b, 0, 100),
    prefix: ustar ? cstr(b, 345, 155) : Buffer.alloc(0),
    linkname: cstr(b, 157, 100),
    size: parseNumeric(b, 124, 12, 'size'),
    typeflag,
    ustar,
    gnu
  }
}

/** A valid-looking tar header (used to detect tar by content: v7 tars have no magic). */
export function looksLikeTarHeader(b: Buffer): boolean {
  if (b.length < BLOCK || isZeroBlock(b.subarray(0, BLOCK))) return false
  // Only the checksum: a header with a corrupt size field is still a tar (reported by the reader).
  try {
    return parseNumeric(b, 148, 8, 'checksum') === headerChecksum(b)
  } catch {
    return false
  }
}

/** Pax records: "<len> <key>=<value>\n". Returns null when malformed. */
export function parsePax(data: Buffer): Map<string, Buffer> | null {
  const out = new Map<string, Buffer>()
  let p = 0
  while (p < data.length) {
    if (data[p] === 0) break
    const sp = data.indexOf(0x20, p)
    if (sp < 0) return null
    const lenStr = data.subarray(p, sp).toString('latin1')
    if (!/^[0-9]+$/.test(lenStr)) return null
    const len = parseInt(lenStr, 10)
    if (len <= sp - p + 1 || p + len > data.length || data[p + len - 1] !== 0x0a) return null
    const rec = data.subarray(sp + 1, p + len - 1)
    const eq = rec.indexOf(0x3d)
    if (eq < 0) return null
    out.set(rec.subarray(0, eq).toString('utf8'), rec.subarray(eq + 1))
    p += len
  }
  return out
}

export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK
}

// ---- building (deterministic) ----

function writeOctal(b: Buffer, off: number, len: number, value: number): void {
  b.write(value.toString(8).padStart(len - 1, '0') + '\0', off, len, 'latin1')
}

export interface BuildHeader {
  /** Bytes of the name; when over 100 bytes the caller splits into prefix or uses pax. */
  readonly name: Buffer
  readonly prefix?: Buffer
  readonly size: number
  readonly typeflag: '0' | '5' | 'x'
  readonly mode: number
  readonly mtime: number
}

/** One ustar header block: uid/gid 0, empty owner names, fixed mode and mtime. */
export function buildHeader(h: BuildHeader): Buffer {
  const b = Buffer.alloc(BLOCK)
  h.name.copy(b, 0, 0, Math.min(100, h.name.length))
  writeOctal(b, 100, 8, h.mode)
  writeOctal(b, 108, 8, 0)
  writeOctal(b, 116, 8, 0)
  writeOctal(b, 124, 12, h.size)
  writeOctal(b, 136, 12, h.mtime)
  b.write(h.typeflag, 156, 1, 'latin1')
  b.write('ustar\0', 257, 6, 'latin1')
  b.write('00', 263, 2, 'latin1')
  if (h.prefix) h.prefix.copy(b, 345, 0, Math.min(155, h.prefix.length))
  b.write(headerChecksum(b).toString(8).padStart(6, '0') + '\0 ', 148, 8, 'latin1')
  return b
}

export function paxRecord(key: string, value: string): Buffer {
  const body = ` ${key}=${value}\n`
  const bodyLen = Buffer.byteLength(body)
  // The length counts its own digits: iterate to the fixed point.
  let len = bodyLen + 1
  while (len !== bodyLen + String(len).length) len = bodyLen + String(len).length
  return Buffer.from(`${len}${body}`, 'utf8')
}

const MAX_OCTAL_SIZE = 0o77777777777

/**
 * Header block(s) for one entry: plain ustar when the name fits (directly or split into
 * prefix/name) and is ASCII, otherwise a pax 'x' header carrying path (and size when too big).
 */
export function entryHeaders(path: string, size: number, kind: 'file' | 'dir', mtime: number): Buffer[] {
  const full = kind === 'dir' ? `${path}/` : path
  const bytes = Buffer.from(full, 'utf8')
  const ascii = /^[\x20-\x7e]*$/.test(full)
  const mode = kind === 'dir' ? 0o755 : 0o644
  const typeflag = kind === 'dir' ? '5' : '0'
  let name: Buffer | undefined
  let prefix: Buffer | undefined
  if (ascii && bytes.length <= 100) name = bytes
  else if (ascii) {
    // Split at a '/' so that prefix <= 155 and name <= 100 bytes.
    for (let i = full.lastIndexOf('/', 155); i > 0; i = full.lastIndexOf('/', i - 1)) {
      if (bytes.length - i - 1 <= 100 && i <= 155) {
        prefix = bytes.subarray(0, i)
        name = bytes.subarray(i + 1)
        break
      }
    }
  }
  const records: Buffer[] = []
  if (!name) records.push(paxRecord('path', full))
  if (size > MAX_OCTAL_SIZE) records.push(paxRecord('size', String(size)))
  const out: Buffer[] = []
  if (records.length > 0) {
    const data = Buffer.concat(records)
    const paxName = Buffer.from('PaxHeader', 'latin1')
    out.push(buildHeader({ name: paxName, size: data.length, typeflag: 'x', mode: 0o644, mtime }))
    out.push(data, Buffer.alloc(padding(data.length)))
  }
  const fallbackName = name ?? Buffer.from(full.replace(/[^\x20-\x7e]/g, '_').slice(-100), 'latin1')
  out.push(buildHeader({ name: fallbackName, ...(prefix ? { prefix } : {}), size: Math.min(size, MAX_OCTAL_SIZE), typeflag, mode, mtime }))
  return out
}
