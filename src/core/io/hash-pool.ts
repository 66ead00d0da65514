/**
 * Hashes many files on every core: a pool of worker_threads running hash-worker.js, biggest files
 * first (longest-processing-time scheduling keeps the cores evenly busy), small files batched to
 * save messages. Falls back to hashing in this thread when the built worker is not there (tests
 * and tsx run from source) or the job is too small to pay for starting workers.
 */
import { createHash } from 'node:crypto'
import { constants, existsSync } from 'node:fs'
import { open } from 'node:fs/promises'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { CancelledError } from './reader'

export interface HashTarget {
  /** Absolute file path. */
  readonly abs: string
  /** Expected size (from lstat): reading stops at size + 1. */
  readonly size: number
  /** Hash exactly `size` bytes from this offset (a stored zip entry) instead of the whole file. */
  readonly offset?: number
}

export type HashOutcome =
  | { readonly ok: true; readonly sha256: string; readonly bytesRead: number }
  | { readonly ok: false; readonly error: string; readonly message: string }

export interface HashPoolOptions {
  readonly signal?: AbortSignal
  readonly onBytes?: (n: number) => void
  /** Called once per finished file (after its bytes were reported). */
  readonly onFile?: () => void
  /** Number of workers; 0 forces in-thread hashing. Default: available cores (max 8). */
  readonly workers?: number
  /** Worker script to use instead of the one found beside the bundle (tests). */
  readonly workerFile?: string
  readonly workerExecArgv?: readonly string[]
}

const BIG_FILE = 1024 * 1024
const BATCH_FILES = 64
const BATCH_BYTES = 8 * 1024 * 1024
/** Below these, starting workers (~30 ms) costs more than it saves. */
const MIN_POOL_BYTES = 8 * 1024 * 1024
const MIN_POOL_FILES = 64
const READ_BUF = 4 * 1024 * 1024
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

/**
 * Where the built worker sits: beside the entry bundle (out/cli/hash-worker.js,
 * out/main/hash-worker.js). The running module may be the entry itself or a chunk one level down.
 */
export function findHashWorker(): string | undefined {
  const candidates: string[] = []
  try {
    const here = dirname(fileURLToPath(import.meta.url))
    candidates.push(join(here, 'hash-worker.js'), join(here, '..', 'hash-worker.js'))
  } catch {
    // import.meta.url unavailable in this bundle format: rely on argv below.
  }
  if (process.argv[1]) candidates.push(join(dirname(process.argv[1]), 'hash-worker.js'))
  return candidates.find((c) => existsSync(c))
}

export async function hashFiles(targets: readonly HashTarget[], opts: HashPoolOptions = {}): Promise<HashOutcome[]> {
  const total = targets.reduce((s, t) => s + t.size, 0)
  const workerFile = opts.workerFile ?? findHashWorker()
  const wanted = opts.workers ?? Math.min(availableParallelism(), 8)
  const small = total < MIN_POOL_BYTES && targets.length < MIN_POOL_FILES
  if (!workerFile || wanted <= 0 || (small && opts.workerFile === undefined) || targets.length === 0) {
    return hashInThread(targets, opts)
  }
  const got = await hashOnWorkers(targets, workerFile, Math.min(wanted, targets.length), opts)
  // A worker that could not start or crashed: finish its files here rather than fail the scan.
  const missing = got.flatMap((r, i) => (r === undefined ? [i] : []))
  if (missing.length > 0) {
    const redo = await hashInThread(missing.map((i) => targets[i] as HashTarget), opts)
    missing.forEach((i, j) => (got[i] = redo[j]))
  }
  return got as HashOutcome[]
}

async function hashInThread(targets: readonly HashTarget[], opts: HashPoolOptions): Promise<HashOutcome[]> {
  const out: HashOutcome[] = []
  const buf = Buffer.allocUnsafe(READ_BUF)
  for (const t of targets) {
    if (opts.signal?.aborted) throw new CancelledError()
    out.push(await hashOneAsync(t, buf, opts))
    opts.onFile?.()
  }
  return out
}

export async function hashOneAsync(t: HashTarget, buf: Buffer, opts: Pick<HashPoolOptions, 'signal' | 'onBytes'>): Promise<HashOutcome> {
  let fh
  try {
    fh = await open(t.abs, OPEN_FLAGS)
  } catch (e) {
    return { ok: false, error: (e as { code?: string }).code ?? 'EIO', message: (e as Error).message }
  }
  try {
    if (!(await fh.stat()).isFile()) return { ok: false, error: 'ENOTREG', message: 'not a regular file' }
    const hash = createHash('sha256')
    const limit = t.offset !== undefined ? t.size : t.size + 1
    let pos = t.offset ?? 0
    let n = 0
    while (n < limit) {
      if (opts.signal?.aborted) throw new CancelledError()
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, limit - n), pos)
      if (bytesRead === 0) break
      hash.update(buf.subarray(0, bytesRead))
      n += bytesRead
      pos += bytesRead
      opts.onBytes?.(bytesRead)
    }
    return { ok: true, sha256: hash.digest('hex'), bytesRead: n }
  } catch (e) {
    if (e instanceof CancelledError) throw e
    return { ok: false, error: (e as { code?: string }).code ?? 'EIO', message: (e as Error).message }
  } finally {
    await fh.close()
  }
}

interface WireResult {
  readonly id: number
  readonly sha256?: string
  readonly bytesRead?: number
  readonly error?: string
  readonly message?: string
}

function makeBatches(targets: readonly HashTarget[]): number[][] {
  const order = targets.map((_, i) => i).sort((a, b) => (targets[b] as HashTarget).size - (targets[a] as HashTarget).size)
  const batches: number[][] = []
  let cur: number[] = []
  let curBytes = 0
  for (const i of order) {
    const size = (targets[i] as HashTarget).size
    if (size >= BIG_FILE) {
      batches.push([i])
      continue
    }
    cur.push(i)
    curBytes += size
    if (cur.length >= BATCH_FILES || curBytes >= BATCH_BYTES) {
      batches.push(cur)
      cur = []
      curBytes = 0
    }
  }
  if (cur.length > 0) batches.push(cur)
  return batches
}

/** Resolves with undefined for files no worker finished (a worker failed); rejects only on cancel. */
function hashOnWorkers(targets: readonly HashTarget[], workerFile: string, n: number, opts: HashPoolOptions): Promise<(HashOutcome | undefined)[]> {
  const results: (HashOutcome | undefined)[] = new Array<HashOutcome | undefined>(targets.length).fill(undefined)
  const queue = makeBatches(targets)
  const workers: Worker[] = []
  // Bytes already reported through progress messages, per file (the rest is added on its result).
  const reported = new Map<number, number>()
  return new Promise<(HashOutcome | undefined)[]>((resolve, reject) => {
    let settled = false
    let busy = 0
    const finish = (err?: CancelledError): void => {
      if (settled) return
      settled = true
      opts.signal?.removeEventListener('abort', onAbort)
      for (const w of workers) void w.terminate()
      if (err) reject(err)
      else resolve(results)
    }
    const onAbort = (): void => finish(new CancelledError())
    if (opts.signal?.aborted) return finish(new CancelledError())
    opts.signal?.addEventListener('abort', onAbort)

    const feed = (w: Worker): void => {
      const batch = queue.shift()
      if (!batch) {
        if (busy === 0) finish()
        return
      }
      busy++
      w.postMessage({ jobs: batch.map((id) => ({ id, path: (targets[id] as HashTarget).abs, size: (targets[id] as HashTarget).size, offset: (targets[id] as HashTarget).offset })) })
    }
    for (let i = 0; i < n; i++) {
      let w: Worker
      try {
        w = new Worker(workerFile, { execArgv: opts.workerExecArgv ? [...opts.workerExecArgv] : [] })
      } catch {
        return finish()
      }
      workers.push(w)
      w.on('message', (msg: { id?: number; progress?: number; results?: readonly WireResult[] }) => {
        if (settled) return
        if (msg.progress !== undefined && msg.id !== undefined) {
          reported.set(msg.id, (reported.get(msg.id) ?? 0) + msg.progress)
          opts.onBytes?.(msg.progress)
          return
        }
        for (const r of msg.results ?? []) {
          results[r.id] =
            r.sha256 !== undefined
              ? { ok: true, sha256: r.sha256, bytesRead: r.bytesRead ?? 0 }
              : { ok: false, error: r.error ?? 'EIO', message: r.message ?? 'read failed' }
          const rest = (r.bytesRead ?? 0) - (reported.get(r.id) ?? 0)
          reported.delete(r.id)
          if (rest > 0) opts.onBytes?.(rest)
          opts.onFile?.()
        }
        busy--
        feed(w)
        if (queue.length === 0 && busy === 0) finish()
      })
      w.on('error', () => finish())
      w.on('exit', (code) => {
        if (code !== 0) finish()
      })
      feed(w)
    }
  })
}
