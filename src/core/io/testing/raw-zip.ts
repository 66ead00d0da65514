/**
 * Test-only: writes zip bytes field by field, so tests can build archives no honest tool would
 * (lying sizes, overlaps, mismatched headers, symlink attributes, broken zip64 records).
 */
import { crc32, deflateRawSync } from 'node:zlib'

export interface RawZipEntry {
  readonly name: string | Buffer
  readonly data?: Buffer
  /** 0 stored, 8 deflate (default 8); any other number is written as-is. */
  readonly method?: number
  /** Compressed bytes to write instead of compressing `data`. */
  readonly compressed?: Buffer
  /** Uncompressed size to declare (central directory and local header). */
  readonly declaredSize?: number
  /** Name to put in the local header instead of `name`. */
  readonly localName?: string
  readonly externalAttrs?: number
  readonly versionMadeBy?: number
  readonly flags?: number
  /** Point the central directory at another entry's local header (index into entries). */
  readonly sameOffsetAs?: number
  /** Extra field bytes for the central directory record. */
  readonly cdExtra?: Buffer
  /** Streaming style: sizes and CRC zero in the local header (flag bit 3), a data descriptor after the data. */
  readonly descriptor?: boolean
}

export interface RawZipOptions {
  /** Write zip64 end records (with a locator) even though nothing needs them. */
  readonly zip64?: boolean
  /** Corrupt the zip64 locator's pointer. */
  readonly badZip64Locator?: boolean
}

export function unixAttrs(mode: number): number {
  return (mode << 16) >>> 0
}

export function buildZip(entries: readonly RawZipEntry[], opts: RawZipOptions = {}): Buffer {
  const parts: Buffer[] = []
  const central: Buffer[] = []
  const offsets: number[] = []
  let pos = 0
  entries.forEach((e, i) => {
    const name = typeof e.name === 'string' ? Buffer.from(e.name, 'utf8') : e.name
    const data = e.data ?? Buffer.alloc(0)
    const method = e.method ?? 8
    const comp = e.compressed ?? (method === 8 ? deflateRawSync(data) : data)
    const usize = e.declaredSize ?? data.length
    const crc = crc32(data)
    const flags = (e.flags ?? 0x0800) | (e.descriptor ? 0x08 : 0)
    const lname = e.localName !== undefined ? Buffer.from(e.localName, 'utf8') : name
    let offset = pos
    if (e.sameOffsetAs !== undefined) {
      offset = offsets[e.sameOffsetAs] as number
    } else {
      const lh = Buffer.alloc(30)
      lh.writeUInt32LE(0x04034b50, 0)
      lh.writeUInt16LE(20, 4)
      lh.writeUInt16LE(flags, 6)
      lh.writeUInt16LE(method, 8)
      lh.writeUInt16LE(0, 10)
      lh.writeUInt16LE(0x21, 12)
      lh.writeUInt32LE(e.descriptor ? 0 : crc, 14)
      lh.writeUInt32LE(e.descriptor ? 0 : comp.length, 18)
      lh.writeUInt32LE(e.descriptor ? 0 : usize >>> 0, 22)
      lh.writeUInt16LE(lname.length, 26)
      lh.writeUInt16LE(0, 28)
      parts.push(lh, lname, comp)
      pos += 30 + lname.length + comp.length
      if (e.descriptor) {
        const dd = Buffer.alloc(16)
        dd.writeUInt32LE(0x08074b50, 0)
        dd.writeUInt32LE(crc, 4)
        dd.writeUInt32LE(comp.length, 8)
        dd.writeUInt32LE(usize >>> 0, 12)
        parts.push(dd)
        pos += 16
      }
    }
    offsets.push(offset)
    const extra = e.cdExtra ?? Buffer.alloc(0)
    const cd = Buffer.alloc(46)
    cd.writeUInt32LE(0x02014b50, 0)
    cd.writeUInt16LE(e.versionMadeBy ?? (3 << 8) | 20, 4)
    cd.writeUInt16LE(20, 6)
    cd.writeUInt16LE(flags, 8)
    cd.writeUInt16LE(method, 10)
    cd.writeUInt16LE(0, 12)
    cd.writeUInt16LE(0x21, 14)
    cd.writeUInt32LE(crc, 16)
    cd.writeUInt32LE(comp.length, 20)
    cd.writeUInt32LE(usize >>> 0, 24)
    cd.writeUInt16LE(name.length, 28)
    cd.writeUInt16LE(extra.length, 30)
    cd.writeUInt32LE(e.externalAttrs ?? unixAttrs(0o100644), 38)
    cd.writeUInt32LE(offset, 42)
    central.push(cd, name, extra)
    void i
  })
  const cdBuf = Buffer.concat(central)
  const cdOffset = pos
  const tail: Buffer[] = []
  if (opts.zip64 || opts.badZip64Locator) {
    const z = Buffer.alloc(56)
    z.writeUInt32LE(0x06064b50, 0)
    z.writeBigUInt64LE(44n, 4)
    z.writeUInt16LE(45, 12)
    z.writeUInt16LE(45, 14)
    z.writeBigUInt64LE(BigInt(entries.length), 24)
    z.writeBigUInt64LE(BigInt(entries.length), 32)
    z.writeBigUInt64LE(BigInt(cdBuf.length), 40)
    z.writeBigUInt64LE(BigInt(cdOffset), 48)
    const loc = Buffer.alloc(20)
    loc.writeUInt32LE(0x07064b50, 0)
    loc.writeBigUInt64LE(BigInt(opts.badZip64Locator ? 3 : cdOffset + cdBuf.length), 8)
    loc.writeUInt32LE(1, 16)
    tail.push(z, loc)
  }
  const eocd = Buffer.alloc(22)
  eocd.writeUInt32LE(0x06054b50, 0)
  eocd.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 8)
  eocd.writeUInt16LE(opts.zip64 ? 0xffff : entries.length, 10)
  eocd.writeUInt32LE(opts.zip64 ? 0xffffffff : cdBuf.length, 12)
  eocd.writeUInt32LE(opts.zip64 ? 0xffffffff : cdOffset, 16)
  return Buffer.concat([...parts, cdBuf, ...tail, eocd])
}
