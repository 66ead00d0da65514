/**
 * Runs pack pieces (pack-job.ts) on worker threads, one per core, small pieces batched per
 * message; or in this thread when no worker script is there (tests from source) or the job is too
 * small to pay for starting workers. Results come back per piece; the caller writes them in order.
 * A worker that dies has its batch put back for another lane, as in the hashing queue.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { findHashWorker } from './hash-pool'
import { runPiece, type PieceJob, type PieceResult } from './pack-job'
import { dropLane } from './worker-lanes'

export interface PiecePoolOptions {
  /** Worker threads; 0 = this thread only. Default: one per core, max 8. */
  readonly workers?: number
  /** Built worker script (hash-worker.js); default: the one beside the bundle. */
  readonly workerFile?: string
  readonly workerExecArgv?: readonly string[]
  /** Input bytes the caller will submit: below SPAWN_BYTES, no worker is started (unless workerFile was given). */
  readonly expectBytes?: number
}

interface Pending {
  readonly job: PieceJob
  readonly bytes: number
  readonly resolve: (r: PieceResult) => void
}

export const SPAWN_BYTES = 16 * 1024 * 1024
const BATCH_JOBS = 64
const BATCH_BYTES = 4 * 1024 * 1024

export class PiecePool {
  private readonly pending: Pending[] = []
  private head = 0
  readonly workers: Worker[] = []
  readonly idle: Worker[] = []
  readonly inflight = new Map<Worker, Pending[]>()
  private localRunning = false
  private closed = false

  constructor(opts: PiecePoolOptions = {}) {
    const file = opts.workerFile ?? findHashWorker()
    const wanted = file ? (opts.workers ?? Math.min(availableParallelism(), 8)) : 0
    const worth = opts.workerFile !== undefined || (opts.expectBytes ?? Infinity) >= SPAWN_BYTES
    if (!file || !worth) return
    for (let i = 0; i < wanted; i++) {
      let w: Worker
      try {
        w = new Worker(file, { execArgv: opts.workerExecArgv ? [...opts.workerExecArgv] : [] })
      } catch {
        break
      }
      this.workers.push(w)
      w.once('online', () => {
        this.idle.push(w)
        this.pump()
      })
      w.on('message', (msg: { pieces?: PieceResult[] }) => this.onResults(w, msg.pieces ?? []))
      w.on('error', () => this.lose(w))
      w.on('exit', () => this.lose(w))
    }
  }

  /** Queues one piece; `bytes` is its input size (for batching). */
  run(job: PieceJob, bytes: number): Promise<PieceResult> {
    return new Promise((resolve) => {
      this.pending.push({ job, bytes, resolve })
      this.pump()
    })
  }

  close(): void {
    this.closed = true
    for (const w of this.workers) void w.terminate()
  }

  private takeBatch(): Pending[] {
    const batch: Pending[] = []
    let bytes = 0
    while (this.head < this.pending.length && batch.length < BATCH_JOBS && (batch.length === 0 || bytes < BATCH_BYTES)) {
      const p = this.pending[this.head++] as Pending
      batch.push(p)
      bytes += p.bytes
    }
    if (this.head === this.pending.length) {
      this.pending.length = 0
      this.head = 0
    }
    return batch
  }

  private pump(): void {
    if (this.closed) return
    while (this.idle.length > 0 && this.head < this.pending.length) {
      const w = this.idle.pop() as Worker
      const batch = this.takeBatch()
      this.inflight.set(w, batch)
      w.postMessage({ pieces: batch.map((p) => p.job) })
    }
    if (this.workers.length === 0 && !this.localRunning && this.head < this.pending.length) {
      this.localRunning = true
      void this.localLane()
    }
  }

  private onResults(w: Worker, results: readonly PieceResult[]): void {
    const batch = this.inflight.get(w) ?? []
    this.inflight.delete(w)
    batch.forEach((p, i) => p.resolve(results[i] ?? { ok: false, path: '', message: 'the pack worker sent no result' }))
    this.idle.push(w)
    this.pump()
  }

  private lose(w: Worker): void {
    const dropped = dropLane(this, w)
    if (!dropped) return
    if (dropped.batch) this.pending.splice(this.head, 0, ...dropped.batch)
    this.pump()
  }

  /** This thread, one piece at a time, yielding to the event loop between pieces. */
  private async localLane(): Promise<void> {
    try {
      while (!this.closed && this.workers.length === 0 && this.head < this.pending.length) {
        const p = this.takeBatch()
        for (const x of p) x.resolve(runPiece(x.job))
        await new Promise((r) => setImmediate(r))
      }
    } finally {
      this.localRunning = false
    }
  }
}
