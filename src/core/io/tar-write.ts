/**
 * Deterministic tar and gzip output. Gzip members are written by hand (fixed header: mtime 0,
 * XFL 0, OS 3) around raw deflate data (built in pieces by pack-write.ts), because zlib's own
 * header records the build platform's OS byte and would differ between Windows and Unix.
 */
import { crc32 } from 'node:zlib'
import { deflatePiece } from './pieces'
import { BLOCK, entryHeaders, padding } from './tar-format'

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
  if (opts.end !== false) yield Buffer.alloc(endOfArchiveLength(pos))
}

/** The 8-byte gzip member trailer: CRC-32 and length (mod 2^32) of the member's uncompressed bytes. */
export function gzipTrailer(crc: number, length: number): Buffer {
  const t = Buffer.alloc(8)
  t.writeUInt32LE(crc >>> 0, 0)
  t.writeUInt32LE(length % 0x100000000, 4)
  return t
}

/** Bytes of the end-of-archive marker after `before` bytes of tar: two zero blocks, then zeros to the 10 KiB record. */
export function endOfArchiveLength(before: number): number {
  return BLOCK * 2 + ((RECORD - ((before + BLOCK * 2) % RECORD)) % RECORD)
}

/**
 * The last gzip member of a Vouch tar.gz: the end-of-archive zeros alone, deflated in one call.
 * Its bytes depend only on their length, so a writer appending entries can recognise it and cut
 * it off (add-files.ts).
 */
export function endOfArchiveMember(before: number): Buffer {
  const zeros = Buffer.alloc(endOfArchiveLength(before))
  return Buffer.concat([GZIP_HEADER, deflatePiece(zeros, true), gzipTrailer(crc32(zeros), zeros.length)])
}
