/**
 * Worker entry (bundled as hash-worker.js beside out/cli/vouch.js and out/main/index.js): hashes
 * files with large sequential synchronous reads, so each worker keeps one core busy.
 * Deliberately imports only node: modules, so the bundler never splits shared chunks out of it.
 * The message shapes are mirrored in hash-pool.ts.
 */
import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'

interface Job {
  readonly id: number
  readonly path: string
  readonly size: number
}

const BUF_BYTES = 4 * 1024 * 1024
const PROGRESS_EVERY = 64 * 1024 * 1024
// Never follow a symlink swapped in after the walk; never block on a FIFO swapped in.
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
const buf = Buffer.allocUnsafe(BUF_BYTES)

function hashOne(job: Job): Record<string, unknown> {
  let fd: number
  try {
    fd = openSync(job.path, FLAGS)
  } catch (e) {
    return { id: job.id, error: (e as { code?: string }).code ?? 'EIO', message: (e as Error).message }
  }
  try {
    if (!fstatSync(fd).isFile()) return { id: job.id, error: 'ENOTREG', message: 'not a regular file' }
    const hash = createHash('sha256')
    const limit = job.size + 1
    let n = 0
    let sinceProgress = 0
    while (n < limit) {
      const got = readSync(fd, buf, 0, Math.min(BUF_BYTES, limit - n), null)
      if (got === 0) break
      hash.update(got === BUF_BYTES ? buf : buf.subarray(0, got))
      n += got
      sinceProgress += got
      if (sinceProgress >= PROGRESS_EVERY) {
        parentPort?.postMessage({ id: job.id, progress: sinceProgress })
        sinceProgress = 0
      }
    }
    return { id: job.id, sha256: hash.digest('hex'), bytesRead: n }
  } catch (e) {
    return { id: job.id, error: (e as { code?: string }).code ?? 'EIO', message: (e as Error).message }
  } finally {
    closeSync(fd)
  }
}

parentPort?.on('message', (msg: { jobs: readonly Job[] }) => {
  parentPort?.postMessage({ results: msg.jobs.map(hashOne) })
})
