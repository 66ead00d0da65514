/**
 * A hashing queue that accepts files while it runs, so a folder walk can hand over big files the
 * moment it finds them instead of after the last directory. Lanes: this thread (idle otherwise)
 * plus worker threads, started only once the work is worth their ~50 ms start-up. Each push is
 * scheduled biggest first; small files travel in batches. A worker that dies has its batch put
 * back for another lane, so a broken worker never loses a file.
 */
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import { hashLocal, laneBuffers, type LocalOutcome, type LocalTarget } from './hash-local'
import { CancelledError } from './reader'

export interface QueueOptions {
  readonly signal?: AbortSignal
  readonly onBytes?: (n: number) => void
  readonly onFile?: () => void
  /** Worker threads to use; 0 = this thread only. Default: one per core, max 8 (measured: beats cores - 1 on 2 cores, since this thread is busy walking at first). */
  readonly workers?: number
  /** Built worker script; undefined = no workers available. */
  readonly workerFile?: string
  readonly workerExecArgv?: readonly string[]
  /** Start workers as soon as anything is queued (tests), instead of when the work is big enough. */
  readonly eagerWorkers?: boolean
}

const BIG_FILE = 1024 * 1024
const BATCH_FILES = 64
const BATCH_BYTES = 8 * 1024 * 1024
/** Workers start once this much is queued (or this many files). */
const SPAWN_BYTES = 8 * 1024 * 1024
const SPAWN_FILES = 64

interface WireResult {
  readonly id: number
  readonly sha256?: string
  readonly bytesRead?: number
  readonly error?: string
  readonly message?: string
}

export class HashQueue {
  private readonly targets: LocalTarget[] = []
  private readonly results: (LocalOutcome | undefined)[] = []
  private readonly batches: number[][] = []
  private readonly idle: Worker[] = []
  private readonly workers: Worker[] = []
  private readonly inflight = new Map<Worker, number[]>()
  private readonly reported = new Map<number, number>()
  private queuedBytes = 0
  private busy = 0
  private ended = false
  private settled = false
  private spawned = false
  private localRunning = false
  private localHeld = false
  private resolveDone!: (r: LocalOutcome[]) => void
  private rejectDone!: (e: unknown) => void
  private readonly done: Promise<LocalOutcome[]>
  private readonly wanted: number

  constructor(private readonly opts: QueueOptions) {
    this.wanted = opts.workerFile ? (opts.workers ?? Math.min(availableParallelism(), 8)) : 0
    this.done = new Promise((resolve, reject) => {
      this.resolveDone = resolve
      this.rejectDone = reject
    })
    this.done.catch(() => undefined) // observed through end(); never an unhandled rejection
    if (opts.signal?.aborted) this.settle(new CancelledError())
    opts.signal?.addEventListener('abort', this.onAbort)
  }

  private readonly onAbort = (): void => this.settle(new CancelledError())

  /** Queues files (this call's files biggest first); returns their ids, indexes into end()'s result. */
  push(targets: readonly LocalTarget[]): number[] {
    const ids: number[] = []
    for (const t of targets) {
      ids.push(this.targets.length)
      this.targets.push(t)
      this.results.push(undefined)
      this.queuedBytes += t.size
    }
    if (this.settled) return ids
    const order = [...ids].sort((a, b) => (this.targets[b] as LocalTarget).size - (this.targets[a] as LocalTarget).size)
    let cur: number[] = []
    let curBytes = 0
    for (const id of order) {
      const size = (this.targets[id] as LocalTarget).size
      if (size >= BIG_FILE) {
        this.batches.push([id])
        continue
      }
      cur.push(id)
      curBytes += size
      if (cur.length >= BATCH_FILES || curBytes >= BATCH_BYTES) {
        this.batches.push(cur)
        cur = []
        curBytes = 0
      }
    }
    if (cur.length > 0) this.batches.push(cur)
    this.maybeSpawn()
    this.pump()
    return ids
  }

  /** No more files: resolves with every outcome, by id. Rejects only with CancelledError. */
  end(): Promise<LocalOutcome[]> {
    this.ended = true
    this.checkDone()
    return this.done
  }

  /**
   * Keep this thread out of hashing until release() (it has other work, e.g. walking the folder);
   * workers still take queued files meanwhile.
   */
  holdLocal(): void {
    this.localHeld = true
  }

  release(): void {
    this.localHeld = false
    this.pump()
  }

  /** Stops everything (e.g. the walk failed); end() will reject. */
  cancel(): void {
    this.settle(new CancelledError())
  }

  private maybeSpawn(): void {
    if (this.spawned || this.wanted <= 0 || !this.opts.workerFile) return
    if (!this.opts.eagerWorkers && this.queuedBytes < SPAWN_BYTES && this.targets.length < SPAWN_FILES) return
    this.spawned = true
    for (let i = 0; i < this.wanted; i++) {
      let w: Worker
      try {
        w = new Worker(this.opts.workerFile, { execArgv: this.opts.workerExecArgv ? [...this.opts.workerExecArgv] : [] })
      } catch {
        return // this thread carries on alone
      }
      this.workers.push(w)
      w.once('online', () => {
        this.idle.push(w)
        this.pump()
      })
      w.on('message', (msg: { id?: number; progress?: number; results?: readonly WireResult[] }) => this.onMessage(w, msg))
      w.on('error', () => this.lose(w))
      w.on('exit', () => this.lose(w))
    }
  }

  private onMessage(w: Worker, msg: { id?: number; progress?: number; results?: readonly WireResult[] }): void {
    if (this.settled) return
    if (msg.progress !== undefined && msg.id !== undefined) {
      this.reported.set(msg.id, (this.reported.get(msg.id) ?? 0) + msg.progress)
      this.opts.onBytes?.(msg.progress)
      return
    }
    for (const r of msg.results ?? []) {
      this.results[r.id] =
        r.sha256 !== undefined ? { ok: true, sha256: r.sha256, bytesRead: r.bytesRead ?? 0 } : { ok: false, error: r.error ?? 'EIO', message: r.message ?? 'read failed' }
      const rest = (r.bytesRead ?? 0) - (this.reported.get(r.id) ?? 0)
      this.reported.delete(r.id)
      if (rest > 0) this.opts.onBytes?.(rest)
      this.opts.onFile?.()
    }
    this.inflight.delete(w)
    this.busy--
    this.idle.push(w)
    this.pump()
    this.checkDone()
  }

  /** A worker died: its batch goes back to the queue for another lane. */
  private lose(w: Worker): void {
    const i = this.workers.indexOf(w)
    if (i < 0) return
    this.workers.splice(i, 1)
    const j = this.idle.indexOf(w)
    if (j >= 0) this.idle.splice(j, 1)
    const batch = this.inflight.get(w)
    if (batch) {
      this.inflight.delete(w)
      this.busy--
      this.batches.unshift(batch)
    }
    if (!this.settled) this.pump()
  }

  private pump(): void {
    if (this.settled) return
    while (this.idle.length > 0 && this.batches.length > 0) {
      const w = this.idle.pop() as Worker
      const batch = this.batches.shift() as number[]
      this.inflight.set(w, batch)
      this.busy++
      w.postMessage({ jobs: batch.map((id) => ({ id, path: (this.targets[id] as LocalTarget).abs, size: (this.targets[id] as LocalTarget).size, offset: (this.targets[id] as LocalTarget).offset })) })
    }
    if (!this.localRunning && !this.localHeld && this.batches.length > 0) {
      this.localRunning = true
      this.localLane().catch((e: unknown) => this.settle(e instanceof CancelledError ? e : new CancelledError()))
    }
  }

  private async localLane(): Promise<void> {
    const bufs = laneBuffers()
    try {
      while (!this.settled && !this.localHeld && this.batches.length > 0) {
        const batch = this.batches.shift() as number[]
        this.busy++
        try {
          for (const id of batch) {
            this.results[id] = await hashLocal(this.targets[id] as LocalTarget, bufs, this.opts.signal, this.opts.onBytes)
            this.opts.onFile?.()
          }
        } finally {
          this.busy--
        }
        // Let the event loop run (worker messages, the app's main process) between batches.
        await new Promise((r) => setImmediate(r))
      }
    } finally {
      this.localRunning = false
    }
    this.checkDone()
  }

  private checkDone(): void {
    if (this.ended && this.batches.length === 0 && this.busy === 0) this.settle()
  }

  private settle(err?: CancelledError): void {
    if (this.settled) return
    this.settled = true
    this.opts.signal?.removeEventListener('abort', this.onAbort)
    for (const w of this.workers) void w.terminate()
    if (err) this.rejectDone(err)
    else this.resolveDone(this.results.map((r) => r ?? { ok: false, error: 'EIO', message: 'not hashed' }))
  }
}
