/**
 * Worker entry (bundled as hash-worker.js beside out/cli/vouch.js and out/main/index.js): hashes
 * files with large sequential synchronous reads, so each worker keeps one core busy.
 * Deliberately imports only node: modules, so the bundler never splits shared chunks out of it.
 * The message shapes are mirrored in hash-pool.ts.
 */
import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, read, readSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'

interface Job {
  readonly id: number
  readonly path: string
  readonly size: number
  /** Hash exactly `size` bytes from this offset (a stored zip entry) instead of the whole file. */
  readonly offset?: number
}

const BUF_BYTES = 4 * 1024 * 1024
const PROGRESS_EVERY = 64 * 1024 * 1024
// Never follow a symlink swapped in after the walk; never block on a FIFO swapped in.
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
const buf = Buffer.allocUnsafe(BUF_BYTES)

/** Below this, one synchronous pass is cheapest (no thread hop per read). */
const SYNC_MAX = 4 * 1024 * 1024
const bufB = Buffer.allocUnsafe(BUF_BYTES)

function failure(id: number, e: unknown): Record<string, unknown> {
  return { id, error: (e as { code?: string }).code ?? 'EIO', message: (e as Error).message }
}

function readAsync(fd: number, b: Buffer, len: number, pos: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, b, 0, len, pos, (err, n) => (err ? reject(err) : resolve(n))))
}

/**
 * Big files: double-buffered reads. The next chunk is copied from the page cache on a libuv
 * thread while this thread hashes the current one, so a lone big file near the end of a scan
 * still uses two cores (read + hash) instead of one.
 */
async function hashOne(job: Job): Promise<Record<string, unknown>> {
  let fd: number
  try {
    fd = openSync(job.path, FLAGS)
  } catch (e) {
    return failure(job.id, e)
  }
  try {
    if (!fstatSync(fd).isFile()) return { id: job.id, error: 'ENOTREG', message: 'not a regular file' }
    const hash = createHash('sha256')
    // Whole files: read one byte past the size to catch growth. Ranges: exactly the range.
    const ranged = job.offset !== undefined
    const limit = ranged ? job.size : job.size + 1
    let pos = job.offset ?? 0
    let n = 0
    let sinceProgress = 0
    if (job.size < SYNC_MAX) {
      while (n < limit) {
        const got = readSync(fd, buf, 0, Math.min(BUF_BYTES, limit - n), pos)
        pos += got
        if (got === 0) break
        hash.update(buf.subarray(0, got))
        n += got
      }
      return { id: job.id, sha256: hash.digest('hex'), bytesRead: n }
    }
    let cur = buf
    let next = bufB
    let pending = readAsync(fd, cur, Math.min(BUF_BYTES, limit), pos)
    for (;;) {
      const got = await pending
      if (got === 0) break
      n += got
      pos += got
      const more = n < limit
      if (more) pending = readAsync(fd, next, Math.min(BUF_BYTES, limit - n), pos)
      hash.update(got === BUF_BYTES ? cur : cur.subarray(0, got))
      sinceProgress += got
      if (sinceProgress >= PROGRESS_EVERY) {
        parentPort?.postMessage({ id: job.id, progress: sinceProgress })
        sinceProgress = 0
      }
      if (!more) break
      ;[cur, next] = [next, cur]
    }
    return { id: job.id, sha256: hash.digest('hex'), bytesRead: n }
  } catch (e) {
    return failure(job.id, e)
  } finally {
    closeSync(fd)
  }
}

parentPort?.on('message', (msg: { jobs: readonly Job[] }) => {
  void (async () => {
    const results: Record<string, unknown>[] = []
    for (const job of msg.jobs) results.push(await hashOne(job))
    parentPort?.postMessage({ results })
  })()
})
