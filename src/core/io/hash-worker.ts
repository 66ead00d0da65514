/**
 * Worker entry (bundled as hash-worker.js beside out/cli/vouch.js and out/main/index.js): hashes
 * a batch of files, or builds a batch of pack pieces (pack-job.ts), and answers with one message;
 * or walks a folder (folder-walk.ts), streaming what it finds; or verifies a whole pack.
 * Imports only node: modules and node:-only helpers (pack-job.ts, inflate-hash.ts, folder-walk.ts
 * and the pure gate it uses), so whatever the bundler shares with the entries never drags the CLI
 * into the worker; a whole verification (verify-isolated.ts) imports the verifier on demand.
 * Message shapes: hash-queue.ts, pack-pool.ts, folder-walk.ts, verify-isolated.ts.
 */
import { createHash, hash as hashOnce } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, read, readSync } from 'node:fs'
import { parentPort } from 'node:worker_threads'
import { walkForParent } from './folder-walk'
import { inflateAndHash, openEntrySource } from './inflate-hash'
import { runPiece, type PieceJob } from './pack-job'
import type { ReadLimits } from './reader'
import type { IsolatedAnswer } from '../verify/verify-isolated'

interface Job {
  readonly id: number
  readonly path: string
  readonly size: number
  /** Hash exactly `size` bytes from this offset (a stored zip entry) instead of the whole file. */
  readonly offset?: number
  /** Read on a libuv thread while this one hashes (the queue sets it when other lanes are running dry). */
  readonly overlap?: boolean
  /** A deflated zip entry: this many compressed bytes at `offset` inflate to `size` bytes, which are hashed. */
  readonly inflate?: number
}

type Result = { id: number; sha256: string; bytesRead: number } | { id: number; error: string; message: string }

/** Archives open for the batch being hashed: one open per zip, not one per entry. */
const open = new Map<string, number>()

function inflateJob(job: Job & { inflate: number }): Result {
  try {
    let fd = open.get(job.path)
    if (fd === undefined) {
      fd = openEntrySource(job.path)
      open.set(job.path, fd)
    }
    const r = inflateAndHash(fd, job.offset ?? 0, job.inflate, job.size)
    return 'unusual' in r ? { id: job.id, error: 'UNUSUAL', message: r.unusual } : { id: job.id, ...r }
  } catch (e) {
    return failure(job.id, e)
  }
}

function closeBatch(): void {
  for (const fd of open.values()) closeSync(fd)
  open.clear()
}

/**
 * Synchronous reads in this thread: the bytes land in a buffer that stays in this core's cache
 * and are hashed from there. Measured (2026-11-30, 512 KiB L2 per core): 64-128 KiB reads cost a
 * third of the kernel time of 256 KiB-1 MiB reads (the copy out of the page cache no longer
 * evicts what the hash reads next); 16-32 KiB pay more in syscalls.
 */
const SYNC_CHUNK = 128 * 1024
const BUF_BYTES = 128 * 1024
/** Progress for a big file: every 64 MiB, or sooner when 100 ms passed (slow disks: the bar keeps moving). */
const PROGRESS_EVERY = 64 * 1024 * 1024
const PROGRESS_MS = 100
// Never follow a symlink swapped in after the walk; never block on a FIFO swapped in.
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)
const bufA = Buffer.allocUnsafe(BUF_BYTES)
const bufB = Buffer.allocUnsafe(BUF_BYTES)
const syncBuf = bufA.subarray(0, SYNC_CHUNK)

function failure(id: number, e: unknown): Result {
  return { id, error: (e as { code?: string }).code ?? 'EIO', message: (e as Error).message }
}

function readAsync(fd: number, b: Buffer, len: number, pos: number): Promise<number> {
  return new Promise((resolve, reject) => read(fd, b, 0, len, pos, (err, n) => (err ? reject(err) : resolve(n))))
}

/** Opens without following links and refuses anything but a regular file. */
function openRegular(job: Job): number | Result {
  let fd: number
  try {
    fd = openSync(job.path, FLAGS)
  } catch (e) {
    return failure(job.id, e)
  }
  try {
    if (fstatSync(fd).isFile()) return fd
    closeSync(fd)
    return { id: job.id, error: 'ENOTREG', message: 'not a regular file' }
  } catch (e) {
    closeSync(fd)
    return failure(job.id, e)
  }
}

/** Reports a big file's hashed bytes to the pool every PROGRESS_EVERY bytes or PROGRESS_MS, whichever comes first. */
function progressReporter(id: number): (bytes: number) => void {
  let since = 0
  let last = Date.now()
  return (bytes) => {
    since += bytes
    if (since >= PROGRESS_EVERY || (since > 0 && Date.now() - last >= PROGRESS_MS)) {
      parentPort?.postMessage({ id, progress: since })
      since = 0
      last = Date.now()
    }
  }
}

/** Whole files: read one byte past the size to catch growth. Ranges: exactly the range. */
const limitOf = (job: Job): number => (job.offset !== undefined ? job.size : job.size + 1)

function hashSync(job: Job): Result {
  const fd = openRegular(job)
  if (typeof fd !== 'number') return fd
  try {
    const limit = limitOf(job)
    let pos = job.offset ?? 0
    if (limit <= SYNC_CHUNK) {
      // A small file (most of a pack of many files) is one read: hashed in one call, without a
      // Hash object or a progress reporter (measured: a third less user CPU per small file).
      const got = readSync(fd, syncBuf, 0, limit, pos)
      return { id: job.id, sha256: hashOnce('sha256', syncBuf.subarray(0, got), 'hex'), bytesRead: got }
    }
    const hash = createHash('sha256')
    let n = 0
    const progress = progressReporter(job.id)
    while (n < limit) {
      const want = Math.min(SYNC_CHUNK, limit - n)
      const got = readSync(fd, syncBuf, 0, want, pos)
      if (got === 0) break
      hash.update(got === SYNC_CHUNK ? syncBuf : syncBuf.subarray(0, got))
      n += got
      pos += got
      progress(got)
      // A regular file (checked at open) reads short only at its end: no second read to see EOF.
      if (got < want) break
    }
    return { id: job.id, sha256: hash.digest('hex'), bytesRead: n }
  } catch (e) {
    return failure(job.id, e)
  } finally {
    closeSync(fd)
  }
}

/**
 * Double-buffered: the next chunk is copied from the page cache on a libuv thread while this
 * thread hashes the current one, so a lone big file near the end still uses two cores.
 */
async function hashOverlapped(job: Job): Promise<Result> {
  const fd = openRegular(job)
  if (typeof fd !== 'number') return fd
  try {
    const hash = createHash('sha256')
    const limit = limitOf(job)
    let pos = job.offset ?? 0
    let n = 0
    const progress = progressReporter(job.id)
    let cur = bufA
    let next = bufB
    let want = Math.min(BUF_BYTES, limit)
    let pending = readAsync(fd, cur, want, pos)
    for (;;) {
      const got = await pending
      if (got === 0) break
      n += got
      pos += got
      // A short read is the end of a regular file.
      const more = n < limit && got === want
      if (more) {
        want = Math.min(BUF_BYTES, limit - n)
        pending = readAsync(fd, next, want, pos)
      }
      hash.update(got === BUF_BYTES ? cur : cur.subarray(0, got))
      progress(got)
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

/**
 * A whole verification in this thread (verify-isolated.ts): loaded only when asked, so a hashing
 * worker never compiles the verifier.
 */
async function verifyHere(location: string): Promise<IsolatedAnswer> {
  try {
    const { verifyPack } = await import('../verify/verify')
    return { report: await verifyPack(location) }
  } catch (e) {
    const err = e as Error & { code?: unknown }
    return { error: { name: err.name ?? 'Error', message: err.message ?? String(e), ...(typeof err.code === 'string' ? { code: err.code } : {}) } }
  }
}

parentPort?.on('message', (msg: { jobsJson?: string; pieces?: readonly PieceJob[]; walk?: { root: string; limits: ReadLimits }; verify?: string }) => {
  if (msg.verify !== undefined) {
    void verifyHere(msg.verify).then((answer) => parentPort?.postMessage(answer))
    return
  }
  if (msg.walk) {
    void walkForParent(msg.walk.root, msg.walk.limits, (m) => parentPort?.postMessage(m))
    return
  }
  if (msg.pieces) {
    const pieces = msg.pieces.map((job) => runPiece(job, true))
    // The outputs own their buffers (pack-job.ts): hand them over instead of copying.
    parentPort?.postMessage({ pieces }, pieces.flatMap((r) => (r.ok ? [r.out.buffer as ArrayBuffer] : [])))
    return
  }
  const jobs = msg.jobsJson === undefined ? [] : (JSON.parse(msg.jobsJson) as Job[])
  void (async () => {
    const results: Result[] = []
    for (const job of jobs) results.push(job.inflate !== undefined ? inflateJob(job as Job & { inflate: number }) : job.overlap ? await hashOverlapped(job) : hashSync(job))
    closeBatch()
    parentPort?.postMessage({ resultsJson: JSON.stringify(results) })
  })()
})
