/**
 * A small deflated zip entry, read, inflated and hashed in one synchronous call: what the hash
 * workers do for every small deflated entry (so a zip of many small files inflates on every core),
 * and this thread without workers. Only the plain case: anything unusual (bad data, more or fewer
 * bytes than declared, a short read) comes back as `unusual`, and the zip reader reads that entry
 * again on its careful path, which reports exactly what is wrong. Imports node: modules only.
 */
import { createHash } from 'node:crypto'
import { closeSync, constants, openSync, readSync } from 'node:fs'
import { inflateRawSync } from 'node:zlib'

export type InflateOutcome = { readonly sha256: string; readonly bytesRead: number } | { readonly unusual: string }

const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/** Opens without following links and without blocking on a FIFO. */
export function openEntrySource(path: string): number {
  return openSync(path, FLAGS)
}

/** `fd`: the archive, open (callers hashing many entries of one zip open it once). */
export function inflateAndHash(fd: number, offset: number, compressed: number, size: number): InflateOutcome {
  const raw = Buffer.allocUnsafe(compressed)
  let got = 0
  while (got < compressed) {
    const n = readSync(fd, raw, got, compressed - got, offset + got)
    if (n === 0) return { unusual: 'short read' }
    got += n
  }
  let out: Buffer
  try {
    // A small output chunk: thousands of tiny entries otherwise churn 16 KiB of native memory each.
    out = inflateRawSync(raw, { maxOutputLength: Math.max(1, size + 1), chunkSize: Math.min(64 * 1024, Math.max(64, size + 1)) })
  } catch (e) {
    return { unusual: e instanceof Error ? e.message : String(e) }
  }
  if (out.length !== size) return { unusual: `${out.length} bytes, not ${size}` }
  return { sha256: createHash('sha256').update(out).digest('hex'), bytesRead: size }
}

/** The same for one entry, opening and closing the archive around it. */
export function inflateAndHashAt(path: string, offset: number, compressed: number, size: number): InflateOutcome {
  const fd = openEntrySource(path)
  try {
    return inflateAndHash(fd, offset, compressed, size)
  } finally {
    closeSync(fd)
  }
}
