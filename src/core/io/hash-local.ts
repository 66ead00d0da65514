/**
 * Hashing in this thread: the pool's local lane (the main thread is otherwise idle while workers
 * hash) and the fallback when no worker is available. Small files: one synchronous pass (a thread
 * hop per read costs more than the file). Big files: double-buffered reads, the next chunk copied
 * on a libuv thread while this one is hashed.
 */
import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { inflateAndHashAt } from './inflate-hash'
import { CancelledError } from './reader'

export interface LocalTarget {
  readonly abs: string
  readonly size: number
  /** Hash exactly `size` bytes from this offset instead of the whole file (+1 byte to catch growth). */
  readonly offset?: number
  /** A deflated zip entry: this many compressed bytes at `offset` inflate to `size` bytes (inflate-hash.ts). */
  readonly inflate?: number
}

export type LocalOutcome =
  | { readonly ok: true; readonly sha256: string; readonly bytesRead: number }
  | { readonly ok: false; readonly error: string; readonly message: string }

/** Read size: see hash-worker.ts (small reads keep the copied bytes in this core's cache for the hash). */
export const READ_BUF = 128 * 1024
const SYNC_MAX = 1024 * 1024
// Never follow a symlink swapped in after the walk; never block on a FIFO swapped in.
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

function failure(e: unknown): LocalOutcome {
  return { ok: false, error: (e as { code?: string }).code ?? 'EIO', message: (e as Error).message }
}

/** Two read buffers, reused across files by one lane. */
export function laneBuffers(): [Buffer, Buffer] {
  return [Buffer.allocUnsafe(READ_BUF), Buffer.allocUnsafe(READ_BUF)]
}

export async function hashLocal(t: LocalTarget, bufs: [Buffer, Buffer], signal?: AbortSignal, onBytes?: (n: number) => void): Promise<LocalOutcome> {
  if (signal?.aborted) throw new CancelledError()
  if (t.inflate !== undefined) {
    try {
      const r = inflateAndHashAt(t.abs, t.offset ?? 0, t.inflate, t.size)
      onBytes?.(t.size)
      return 'unusual' in r ? { ok: false, error: 'UNUSUAL', message: r.unusual } : { ok: true, ...r }
    } catch (e) {
      return failure(e)
    }
  }
  const limit = t.offset !== undefined ? t.size : t.size + 1
  return limit <= SYNC_MAX ? hashSync(t, limit, bufs[0], onBytes) : hashDoubleBuffered(t, limit, bufs, signal, onBytes)
}

function hashSync(t: LocalTarget, limit: number, buf: Buffer, onBytes?: (n: number) => void): LocalOutcome {
  let fd: number
  try {
    fd = openSync(t.abs, OPEN_FLAGS)
  } catch (e) {
    return failure(e)
  }
  try {
    if (!fstatSync(fd).isFile()) return { ok: false, error: 'ENOTREG', message: 'not a regular file' }
    const hash = createHash('sha256')
    let pos = t.offset ?? 0
    let n = 0
    while (n < limit) {
      const want = Math.min(buf.length, limit - n)
      const got = readSync(fd, buf, 0, want, pos)
      if (got === 0) break
      hash.update(buf.subarray(0, got))
      n += got
      pos += got
      if (got < want) break // a regular file reads short only at its end
    }
    onBytes?.(n)
    return { ok: true, sha256: hash.digest('hex'), bytesRead: n }
  } catch (e) {
    return failure(e)
  } finally {
    closeSync(fd)
  }
}

async function hashDoubleBuffered(t: LocalTarget, limit: number, bufs: [Buffer, Buffer], signal?: AbortSignal, onBytes?: (n: number) => void): Promise<LocalOutcome> {
  let fh
  try {
    fh = await open(t.abs, OPEN_FLAGS)
  } catch (e) {
    return failure(e)
  }
  try {
    if (!(await fh.stat()).isFile()) return { ok: false, error: 'ENOTREG', message: 'not a regular file' }
    const hash = createHash('sha256')
    let [cur, next] = bufs
    let pos = t.offset ?? 0
    let n = 0
    let want = Math.min(cur.length, limit)
    let pending = fh.read(cur, 0, want, pos)
    for (;;) {
      const { bytesRead } = await pending
      if (bytesRead === 0) break
      n += bytesRead
      pos += bytesRead
      const more = n < limit && bytesRead === want // a short read is the end of a regular file
      if (more) {
        want = Math.min(next.length, limit - n)
        pending = fh.read(next, 0, want, pos)
      }
      hash.update(bytesRead === cur.length ? cur : cur.subarray(0, bytesRead))
      onBytes?.(bytesRead)
      if (signal?.aborted) {
        if (more) await pending.catch(() => undefined)
        throw new CancelledError()
      }
      if (!more) break
      ;[cur, next] = [next, cur]
    }
    return { ok: true, sha256: hash.digest('hex'), bytesRead: n }
  } catch (e) {
    if (e instanceof CancelledError) throw e
    return failure(e)
  } finally {
    await fh.close()
  }
}
