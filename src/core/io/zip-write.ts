/**
 * Deterministic zip records: fixed time, fixed attributes (regular file 0644, made by Unix), UTF-8
 * names, zip64 only where a size or offset needs it. A local header written before its data is
 * patched after it, so no data descriptors are needed.
 */
import { crc32 } from 'node:zlib'
import { deflatePiece } from './pieces'
import type { FileSink } from './sink'

const Z64 = 0xffffffff
/** Entries this big get a zip64 local header up front (deflate may grow incompressible data a little). */
const ZIP64_ENTRY_AT = 0xff000000

export interface DosTime {
  readonly time: number
  readonly date: number
}

/** 1980-01-01T00:00:00Z, the zip epoch: the default fixed time. */
export const ZIP_EPOCH_SECONDS = 315532800

export function dosDateTime(epochSeconds: number): DosTime {
  const d = new Date(Math.max(ZIP_EPOCH_SECONDS, Math.min(epochSeconds, 4354819199)) * 1000)
  return {
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2)
  }
}

export interface ZipWritten {
  readonly nameBytes: Buffer
  readonly method: 0 | 8
  readonly crc: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  readonly offset: number
  readonly dos: DosTime
}

/** The local file header (+ zip64 extra when `zip64`: sizes then live there, the 32-bit fields say 0xffffffff). */
function localHeader(nameBytes: Buffer, method: 0 | 8, dos: DosTime, crc: number, csize: number, usize: number, zip64: boolean): Buffer {
  const lh = Buffer.alloc(30 + nameBytes.length + (zip64 ? 20 : 0))
  lh.writeUInt32LE(0x04034b50, 0)
  lh.writeUInt16LE(zip64 ? 45 : 20, 4)
  lh.writeUInt16LE(0x0800, 6)
  lh.writeUInt16LE(method, 8)
  lh.writeUInt16LE(dos.time, 10)
  lh.writeUInt16LE(dos.date, 12)
  lh.writeUInt32LE(crc >>> 0, 14)
  lh.writeUInt32LE(zip64 ? Z64 : csize, 18)
  lh.writeUInt32LE(zip64 ? Z64 : usize, 22)
  lh.writeUInt16LE(nameBytes.length, 26)
  lh.writeUInt16LE(zip64 ? 20 : 0, 28)
  nameBytes.copy(lh, 30)
  if (zip64) {
    const x = 30 + nameBytes.length
    lh.writeUInt16LE(0x0001, x)
    lh.writeUInt16LE(16, x + 2)
    lh.writeBigUInt64LE(BigInt(usize), x + 4)
    lh.writeBigUInt64LE(BigInt(csize), x + 12)
  }
  return lh
}

export const zipName = (name: string): Buffer => Buffer.from(name.normalize('NFC'), 'utf8')

/** One entry whose data (already deflated or stored) and CRC are known. `owned`: `body` is handed over to the sink (no copy). */
export async function writeZipEntryData(sink: FileSink, nameBytes: Buffer, method: 0 | 8, dos: DosTime, crc: number, usize: number, body: Uint8Array, owned = false): Promise<ZipWritten> {
  const offset = sink.position
  await sink.write(localHeader(nameBytes, method, dos, crc, body.length, usize, false), true)
  await sink.write(body, owned)
  return { nameBytes, method, crc: crc >>> 0, compressedSize: body.length, uncompressedSize: usize, offset, dos }
}

/** Entries up to this size are compressed in one call and written with one write (many small files). */
export const SMALL_ENTRY_BYTES = 1024 * 1024

/** One small entry whose whole content is in memory (a sign-off): deflated as one piece, or stored. */
export async function writeZipEntryBuffer(sink: FileSink, name: string, data: Uint8Array, method: 0 | 8, dos: DosTime): Promise<ZipWritten> {
  return writeZipEntryData(sink, zipName(name), method, dos, crc32(data) >>> 0, data.length, method === 8 ? deflatePiece(data, true) : data)
}

/**
 * An entry written in parts (data arriving piece by piece): the header goes first with zero CRC
 * and sizes, the data follows, `finish` patches the header. Entries of 0xff000000 bytes or more
 * get a zip64 extra up front (deflate may grow incompressible data a little).
 */
export async function startZipEntry(sink: FileSink, nameBytes: Buffer, method: 0 | 8, dos: DosTime, size: number): Promise<{ finish: (crc: number, usize: number) => Promise<ZipWritten> }> {
  const zip64 = size >= ZIP64_ENTRY_AT
  const offset = sink.position
  await sink.write(localHeader(nameBytes, method, dos, 0, 0, 0, zip64))
  const dataStart = sink.position
  return {
    finish: async (crc, usize) => {
      const csize = sink.position - dataStart
      if (!zip64 && (csize >= Z64 || usize >= Z64)) throw new Error('entry grew past 4 GiB without a zip64 header')
      await sink.patch(offset, localHeader(nameBytes, method, dos, crc, csize, usize, zip64))
      return { nameBytes, method, crc: crc >>> 0, compressedSize: csize, uncompressedSize: usize, offset, dos }
    }
  }
}

export function centralRecord(w: ZipWritten): Buffer {
  const z: Buffer[] = []
  const big = (v: number): boolean => v >= Z64
  for (const v of [w.uncompressedSize, w.compressedSize, w.offset]) {
    if (big(v)) {
      const b = Buffer.alloc(8)
      b.writeBigUInt64LE(BigInt(v))
      z.push(b)
    }
  }
  const zbody = Buffer.concat(z)
  const extra = zbody.length > 0 ? Buffer.concat([Buffer.from([0x01, 0x00, zbody.length, 0x00]), zbody]) : Buffer.alloc(0)
  const zip64 = extra.length > 0 || w.uncompressedSize >= ZIP64_ENTRY_AT
  const cd = Buffer.alloc(46)
  cd.writeUInt32LE(0x02014b50, 0)
  cd.writeUInt16LE((3 << 8) | (zip64 ? 45 : 20), 4)
  cd.writeUInt16LE(zip64 ? 45 : 20, 6)
  cd.writeUInt16LE(0x0800, 8)
  cd.writeUInt16LE(w.method, 10)
  cd.writeUInt16LE(w.dos.time, 12)
  cd.writeUInt16LE(w.dos.date, 14)
  cd.writeUInt32LE(w.crc, 16)
  cd.writeUInt32LE(big(w.compressedSize) ? Z64 : w.compressedSize, 20)
  cd.writeUInt32LE(big(w.uncompressedSize) ? Z64 : w.uncompressedSize, 24)
  cd.writeUInt16LE(w.nameBytes.length, 28)
  cd.writeUInt16LE(extra.length, 30)
  cd.writeUInt32LE(((0o100644 << 16) >>> 0), 38)
  cd.writeUInt32LE(big(w.offset) ? Z64 : w.offset, 42)
  return Buffer.concat([cd, w.nameBytes, extra])
}

/** End records: zip64 end record + locator when counts or offsets overflow, then the classic one. */
export function endRecords(count: number, cdOffset: number, cdSize: number): Buffer {
  const zip64 = count >= 0xffff || cdOffset >= Z64 || cdSize >= Z64
  const parts: Buffer[] = []
  if (zip64) {
    const z = Buffer.alloc(56)
    z.writeUInt32LE(0x06064b50, 0)
    z.writeBigUInt64LE(44n, 4)
    z.writeUInt16LE((3 << 8) | 45, 12)
    z.writeUInt16LE(45, 14)
    z.writeBigUInt64LE(BigInt(count), 24)
    z.writeBigUInt64LE(BigInt(count), 32)
    z.writeBigUInt64LE(BigInt(cdSize), 40)
    z.writeBigUInt64LE(BigInt(cdOffset), 48)
    const loc = Buffer.alloc(20)
    loc.writeUInt32LE(0x07064b50, 0)
    loc.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8)
    loc.writeUInt32LE(1, 16)
    parts.push(z, loc)
  }
  const e = Buffer.alloc(22)
  e.writeUInt32LE(0x06054b50, 0)
  e.writeUInt16LE(zip64 ? 0xffff : count, 8)
  e.writeUInt16LE(zip64 ? 0xffff : count, 10)
  e.writeUInt32LE(zip64 ? Z64 : cdSize, 12)
  e.writeUInt32LE(zip64 ? Z64 : cdOffset, 16)
  parts.push(e)
  return Buffer.concat(parts)
}
