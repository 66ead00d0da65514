/**
 * Zip structure, read central-directory first (APPNOTE 6.3.x; yauzl's design: never scan for local
 * headers, the central directory is the truth, and every offset is bounds-checked). Shared by the
 * zip reader and addFilesToPack.
 */
import type { FileHandle } from 'node:fs/promises'
import { crc32 } from 'node:zlib'
import type { ContainerCode } from './codes'

export const SIG_LOCAL = 0x04034b50
export const SIG_CENTRAL = 0x02014b50
export const SIG_EOCD = 0x06054b50
export const SIG_EOCD64 = 0x06064b50
export const SIG_LOCATOR64 = 0x07064b50
export const SIG_DESCRIPTOR = 0x08074b50
export const LOCAL_HEADER_LEN = 30
const EOCD_LEN = 22
const CENTRAL_LEN = 46
const MAX_COMMENT = 0xffff
/** The central directory is read into memory: refuse absurd sizes instead of allocating them. */
const MAX_CD_BYTES = 512 * 1024 * 1024

export class ZipStructureError extends Error {
  constructor(
    readonly code: ContainerCode,
    message: string
  ) {
    super(message)
    this.name = 'ZipStructureError'
  }
}

export interface ZipEntry {
  readonly index: number
  readonly nameBytes: Buffer
  /** Decoded name (UTF-8; invalid bytes make nameIsUtf8 false). */
  readonly name: string
  readonly nameIsUtf8: boolean
  /** Name from an Info-ZIP Unicode Path extra field (0x7075) whose CRC matches, if any. */
  readonly unicodePath?: string
  readonly versionMadeBy: number
  readonly flags: number
  readonly method: number
  readonly crc32: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  readonly localHeaderOffset: number
  readonly diskStart: number
  readonly externalAttrs: number
  /** Where this record sits in the central directory (raw copy in addFilesToPack). */
  readonly cdRecordOffset: number
  readonly cdRecordLength: number
  /** A structural problem with this record's extra fields; the entry is not read. */
  readonly problem?: string
}

export interface ZipDirectory {
  readonly entries: readonly ZipEntry[]
  /** Entries declared by the end record (may exceed entries.length when capped). */
  readonly declaredCount: number
  readonly cdOffset: number
  readonly cdSize: number
  /** Offset of the first end record (zip64 end record if present, else the classic one). */
  readonly endOffset: number
  readonly zip64: boolean
}

async function readAt(fh: FileHandle, pos: number, len: number): Promise<Buffer> {
  const buf = Buffer.alloc(len)
  let done = 0
  while (done < len) {
    const { bytesRead } = await fh.read(buf, done, len - done, pos + done)
    if (bytesRead === 0) break
    done += bytesRead
  }
  return done === len ? buf : buf.subarray(0, done)
}

export { readAt }

function u64(buf: Buffer, off: number): number {
  const v = buf.readBigUInt64LE(off)
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ZipStructureError('archive-corrupt', 'A zip64 size or offset is out of range.')
  return Number(v)
}

const utf8 = new TextDecoder('utf-8', { fatal: true })

function decodeName(bytes: Buffer): { name: string; ok: boolean } {
  try {
    return { name: utf8.decode(bytes), ok: true }
  } catch {
    return { name: bytes.toString('latin1'), ok: false }
  }
}

/**
 * Reads the end records and the central directory. Throws ZipStructureError when the archive
 * cannot be parsed at all (no end record, offsets outside the file, multi-disk).
 * At most `maxEntries + 1` records are parsed, so a huge declared count cannot exhaust memory.
 */
export async function readZipDirectory(fh: FileHandle, fileSize: number, maxEntries: number): Promise<ZipDirectory> {
  if (fileSize < EOCD_LEN) throw new ZipStructureError('archive-truncated', 'The zip is too short to hold an end-of-central-directory record.')
  const tailLen = Math.min(fileSize, EOCD_LEN + MAX_COMMENT)
  const tailStart = fileSize - tailLen
  const tail = await readAt(fh, tailStart, tailLen)
  let eocdRel = -1
  for (let i = tail.length - EOCD_LEN; i >= 0; i--) {
    if (tail.readUInt32LE(i) === SIG_EOCD && i + EOCD_LEN + tail.readUInt16LE(i + 20) === tail.length) {
      eocdRel = i
      break
    }
  }
  if (eocdRel < 0) throw new ZipStructureError('archive-truncated', 'No end-of-central-directory record: the zip is truncated or corrupt.')
  const eocdOffset = tailStart + eocdRel
  const e = tail.subarray(eocdRel)
  const diskNo = e.readUInt16LE(4)
  const cdDisk = e.readUInt16LE(6)
  let count = e.readUInt16LE(10)
  let cdSize = e.readUInt32LE(12)
  let cdOffset = e.readUInt32LE(16)
  let endOffset = eocdOffset
  let zip64 = false

  if (eocdOffset >= 20) {
    const loc = await readAt(fh, eocdOffset - 20, 20)
    if (loc.length === 20 && loc.readUInt32LE(0) === SIG_LOCATOR64) {
      zip64 = true
      const z64Offset = u64(loc, 8)
      if (loc.readUInt32LE(4) !== 0 || loc.readUInt32LE(16) > 1) throw new ZipStructureError('unsupported-feature', 'Multi-disk zip archives are not supported.')
      if (z64Offset + 56 > eocdOffset - 20) throw new ZipStructureError('archive-corrupt', 'The zip64 end record lies outside the archive.')
      const z = await readAt(fh, z64Offset, 56)
      if (z.length < 56 || z.readUInt32LE(0) !== SIG_EOCD64) throw new ZipStructureError('archive-corrupt', 'Invalid zip64 end-of-central-directory locator: no zip64 end record where it points.')
      if (z.readUInt32LE(16) !== 0 || z.readUInt32LE(20) !== 0) throw new ZipStructureError('unsupported-feature', 'Multi-disk zip archives are not supported.')
      count = u64(z, 32)
      cdSize = u64(z, 40)
      cdOffset = u64(z, 48)
      endOffset = z64Offset
    }
  }
  if (!zip64 && (diskNo !== 0 || cdDisk !== 0)) throw new ZipStructureError('unsupported-feature', 'Multi-disk zip archives are not supported.')
  if (cdOffset + cdSize > endOffset) throw new ZipStructureError('archive-corrupt', 'The central directory lies outside the archive (offset or size is wrong).')
  if (cdSize > MAX_CD_BYTES) throw new ZipStructureError('archive-corrupt', `The central directory is larger than ${MAX_CD_BYTES} bytes.`)

  const cd = await readAt(fh, cdOffset, cdSize)
  if (cd.length < cdSize) throw new ZipStructureError('archive-truncated', 'The central directory is truncated.')
  const entries: ZipEntry[] = []
  let p = 0
  const parseLimit = Math.min(count, maxEntries + 1)
  while (entries.length < parseLimit) {
    if (p + CENTRAL_LEN > cd.length || cd.readUInt32LE(p) !== SIG_CENTRAL) {
      throw new ZipStructureError('archive-corrupt', `Central directory record ${entries.length + 1} of ${count} is missing or malformed.`)
    }
    const nameLen = cd.readUInt16LE(p + 28)
    const extraLen = cd.readUInt16LE(p + 30)
    const commentLen = cd.readUInt16LE(p + 32)
    const recLen = CENTRAL_LEN + nameLen + extraLen + commentLen
    if (p + recLen > cd.length) throw new ZipStructureError('archive-corrupt', `Central directory record ${entries.length + 1} runs past the directory.`)
    const nameBytes = cd.subarray(p + CENTRAL_LEN, p + CENTRAL_LEN + nameLen)
    const extra = cd.subarray(p + CENTRAL_LEN + nameLen, p + CENTRAL_LEN + nameLen + extraLen)
    let compressedSize = cd.readUInt32LE(p + 20)
    let uncompressedSize = cd.readUInt32LE(p + 24)
    let localHeaderOffset = cd.readUInt32LE(p + 42)
    let diskStart = cd.readUInt16LE(p + 34)
    let unicodePath: string | undefined
    let problem: string | undefined
    // Extra fields: zip64 sizes/offset (only the fields whose classic value is the sentinel, in order).
    let q = 0
    while (q + 4 <= extra.length) {
      const id = extra.readUInt16LE(q)
      const size = extra.readUInt16LE(q + 2)
      const body = extra.subarray(q + 4, q + 4 + size)
      if (body.length < size) {
        problem = 'an extra field runs past the end of its record'
        break
      }
      if (id === 0x0001) {
        let r = 0
        const need = (): boolean => {
          if (r + 8 > body.length) {
            problem = 'the zip64 extra field is too short'
            return false
          }
          return true
        }
        const next = (): number => {
          const v = u64(body, r)
          r += 8
          return v
        }
        if (uncompressedSize === 0xffffffff && need()) uncompressedSize = next()
        if (compressedSize === 0xffffffff && need()) compressedSize = next()
        if (localHeaderOffset === 0xffffffff && need()) localHeaderOffset = next()
        if (diskStart === 0xffff && r + 4 <= body.length) diskStart = body.readUInt32LE(r)
      } else if (id === 0x7075 && body.length >= 5 && body[0] === 1) {
        if (crc32(nameBytes) === body.readUInt32LE(1)) {
          const d = decodeName(body.subarray(5))
          unicodePath = d.name
        }
      }
      q += 4 + size
    }
    if (q !== extra.length && !problem) problem = 'the extra fields are malformed'
    const { name, ok } = decodeName(nameBytes)
    entries.push({
      index: entries.length,
      nameBytes: Buffer.from(nameBytes),
      name,
      nameIsUtf8: ok,
      ...(unicodePath !== undefined ? { unicodePath } : {}),
      versionMadeBy: cd.readUInt16LE(p + 4),
      flags: cd.readUInt16LE(p + 8),
      method: cd.readUInt16LE(p + 10),
      crc32: cd.readUInt32LE(p + 16),
      compressedSize,
      uncompressedSize,
      localHeaderOffset,
      diskStart,
      externalAttrs: cd.readUInt32LE(p + 38),
      cdRecordOffset: cdOffset + p,
      cdRecordLength: recLen,
      ...(problem ? { problem } : {})
    })
    p += recLen
  }
  return { entries, declaredCount: count, cdOffset, cdSize, endOffset, zip64 }
}

/** Unix file type from the external attributes, when the archive was made on Unix. */
export function zipEntryKind(e: ZipEntry): 'file' | 'dir' | 'symlink' | 'other' {
  const host = e.versionMadeBy >> 8
  const mode = (e.externalAttrs >>> 16) & 0xffff
  if (host === 3 /* Unix */ || host === 19 /* OS X */) {
    const type = mode & 0o170000
    if (type === 0o120000) return 'symlink'
    if (type === 0o040000) return 'dir'
    if (type !== 0 && type !== 0o100000) return 'other'
  }
  if (e.name.endsWith('/')) return 'dir'
  if (host === 0 && (e.externalAttrs & 0x10) !== 0) return 'dir'
  return 'file'
}

export interface LocalHeader {
  readonly flags: number
  readonly method: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  readonly nameBytes: Buffer
  readonly dataOffset: number
}

export type ReadFn = (pos: number, len: number) => Promise<Buffer>

export async function readLocalHeader(read: ReadFn, offset: number): Promise<LocalHeader> {
  const h = await read(offset, LOCAL_HEADER_LEN)
  if (h.length < LOCAL_HEADER_LEN) throw new ZipStructureError('archive-truncated', 'A local file header is cut off.')
  if (h.readUInt32LE(0) !== SIG_LOCAL) throw new ZipStructureError('archive-corrupt', 'No local file header where the central directory points.')
  const nameLen = h.readUInt16LE(26)
  const extraLen = h.readUInt16LE(28)
  const nameBytes = await read(offset + LOCAL_HEADER_LEN, nameLen)
  if (nameBytes.length < nameLen) throw new ZipStructureError('archive-truncated', 'A local file header is cut off.')
  return {
    flags: h.readUInt16LE(6),
    method: h.readUInt16LE(8),
    compressedSize: h.readUInt32LE(18),
    uncompressedSize: h.readUInt32LE(22),
    nameBytes,
    dataOffset: offset + LOCAL_HEADER_LEN + nameLen + extraLen
  }
}

/** Smallest data descriptor that follows the data when flag bit 3 is set (no signature, 32-bit sizes). */
export function minDescriptorLength(flags: number): number {
  return (flags & 0x08) === 0 ? 0 : 12
}

/**
 * Serves small reads from a 1 MiB window: checking thousands of local headers and reading
 * thousands of small entries in offset order costs one read per MiB, not two or three per entry.
 * Returned buffers are never overwritten (a new window is a new buffer).
 */
export class WindowReader {
  private buf: Buffer = Buffer.alloc(0)
  private start = 0
  constructor(
    private readonly fh: FileHandle,
    private readonly window = 1024 * 1024
  ) {}

  readonly read: ReadFn = async (pos, len) => {
    if (pos >= this.start && pos + len <= this.start + this.buf.length) return this.buf.subarray(pos - this.start, pos - this.start + len)
    if (len > this.window) return readAt(this.fh, pos, len)
    this.buf = await readAt(this.fh, pos, this.window)
    this.start = pos
    return this.buf.subarray(0, Math.min(len, this.buf.length))
  }
}
