/**
 * Deterministic tar and gzip output. The gzip member is written by hand (fixed header: mtime 0,
 * XFL 0, OS 3) around a raw deflate stream, because zlib's own header records the build
 * platform's OS byte and would differ between Windows and Unix.
 */
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { createDeflateRaw, crc32 } from 'node:zlib'
import type { FileSink } from './sink'
import { BLOCK, entryHeaders, padding } from './tar-format'
import { DEFLATE_LEVEL } from './zip-write'

export const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03])
/** GNU tar pads archives to 10 KiB records. */
export const RECORD = 10240

export interface TarFileSpec {
  readonly path: string
  readonly size: number
  readonly data: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>
}

/** The bytes of a tar stream: each file's headers, data and padding; then the end blocks. */
export async function* tarStream(files: readonly TarFileSpec[], mtime: number, opts: { prefixBytes?: number; end?: boolean } = {}): AsyncGenerator<Uint8Array> {
  let pos = opts.prefixBytes ?? 0
  for (const f of files) {
    for (const h of entryHeaders(f.path, f.size, 'file', mtime)) {
      pos += h.length
      yield h
    }
    let n = 0
    for await (const c of f.data()) {
      const take = Math.min(c.length, f.size - n)
      if (take <= 0) break
      n += take
      pos += take
      yield take === c.length ? c : c.subarray(0, take)
    }
    if (n !== f.size) throw new Error(`${f.path} changed size while it was archived (${n} of ${f.size} bytes)`)
    const pad = padding(f.size)
    if (pad > 0) {
      pos += pad
      yield Buffer.alloc(pad)
    }
  }
  if (opts.end !== false) {
    const endLen = BLOCK * 2 + ((RECORD - ((pos + BLOCK * 2) % RECORD)) % RECORD)
    yield Buffer.alloc(endLen)
  }
}

/** Gathers small chunks (tar headers, small files) into ~1 MiB pieces: one deflate call each instead of thousands. */
export async function* coalesce(chunks: AsyncIterable<Uint8Array>, size = 1024 * 1024): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] = []
  let n = 0
  for await (const c of chunks) {
    parts.push(c)
    n += c.length
    if (n >= size) {
      yield Buffer.concat(parts, n)
      parts = []
      n = 0
    }
  }
  if (n > 0) yield Buffer.concat(parts, n)
}

/** Writes `bytes` to the sink as one deterministic gzip member. */
export async function writeGzip(sink: FileSink, bytes: AsyncIterable<Uint8Array>): Promise<void> {
  await sink.write(GZIP_HEADER)
  let crc = 0
  let size = 0
  async function* tapped(): AsyncGenerator<Uint8Array> {
    for await (const c of coalesce(bytes)) {
      crc = crc32(c, crc)
      size += c.length
      yield c
    }
  }
  await pipeline(Readable.from(tapped()), createDeflateRaw({ level: DEFLATE_LEVEL }), sink.writable())
  const trailer = Buffer.alloc(8)
  trailer.writeUInt32LE(crc >>> 0, 0)
  trailer.writeUInt32LE(size % 0x100000000, 4)
  await sink.write(trailer)
}
