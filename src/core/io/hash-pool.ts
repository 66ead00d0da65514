/**
 * Hashes many files on every core: a pool of worker_threads running hash-worker.js, biggest files
 * first (longest-processing-time scheduling keeps the cores evenly busy), small files batched to
 * save messages. Falls back to hashing in this thread when the built worker is not there (tests
 * and tsx run from source) or the job is too small to pay for starting workers.
 */
import { existsSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import { hashLocal, laneBuffers, type LocalOutcome } from './hash-local'
import { CancelledError } from './reader'

export interface HashTarget {
  /** Absolute file path. */
  readonly abs: string
  /** Expected size (from lstat): reading stops at size + 1. */
  readonly size: number
  /** Hash exactly `size` bytes from this offset (a stored zip entry) instead of the whole file. */
  readonly offset?: number
}

export type HashOutcome = LocalOutcome

export interface HashPoolOptions {
  readonly signal?: AbortSignal
  readonly onBytes?: (n: number) => void
  /** Called once per finished file (after its bytes were reported). */
  readonly onFile?: () => void
  /** Number of workers; 0 forces in-thread hashing. Default: one per core but one (max 8): this thread is a lane too. */
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
  // This thread hashes alongside the workers (it is idle otherwise), so one worker fewer than cores.
  const wanted = opts.workers ?? Math.min(availableParallelism() - 1, 8)
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
  const bufs = laneBuffers()
  for (const [i, t] of targets.entries()) {
    out.push(await hashLocal(t, bufs, opts.signal, opts.onBytes))
    opts.onFile?.()
    // Let the event loop breathe between small files (the app's main process stays responsive).
    if (i % 64 === 63) await new Promise((r) => setImmediate(r))
  }
  return out
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

    // The local lane: this thread takes batches from the same queue while the workers run.
    const localLane = async (): Promise<void> => {
      const bufs = laneBuffers()
      for (;;) {
        const batch = queue.shift()
        if (!batch || settled) break
        busy++
        for (const id of batch) {
          results[id] = await hashLocal(targets[id] as HashTarget, bufs, opts.signal, opts.onBytes)
          opts.onFile?.()
        }
        busy--
        await new Promise((r) => setImmediate(r))
      }
      if (queue.length === 0 && busy === 0) finish()
    }
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
    localLane().catch((e: unknown) => finish(e instanceof CancelledError ? e : undefined))
  })
}
