/**
 * A hashing queue that accepts files while it runs, so a folder walk can hand over files the
 * moment it finds them instead of after the last directory. Lanes: worker threads (one per core,
 * started once the work is worth their ~35 ms start-up each); this thread hashes only when no
 * worker runs (job too small, no worker file, every worker dead), because a third lane on two
 * cores only adds contention and would block this thread's event loop (messages, progress).
 * Big files go out first, biggest first, whenever any is waiting; small files travel in batches.
 * A worker that dies has its batch put back for another lane, so a broken worker never loses a file.
 */
import { availableParallelism } from 'node:os'
import type { Worker } from 'node:worker_threads'
import { hashLocal, laneBuffers, type LocalOutcome, type LocalTarget } from './hash-local'
import { CancelledError } from './reader'
import { dropLane } from './worker-lanes'
import { keepWorker, startWorker } from './worker-reuse'

export interface QueueOptions {
  readonly signal?: AbortSignal
  readonly onBytes?: (n: number) => void
  readonly onFile?: () => void
  /** Worker threads to use; 0 = this thread only. Default: one per core, max 8. */
  readonly workers?: number
  /** Built worker script; undefined = no workers available. */
  readonly workerFile?: string
  readonly workerExecArgv?: readonly string[]
  /** Start workers as soon as anything is queued (tests), instead of when the work is big enough. */
  readonly eagerWorkers?: boolean
}

const BIG_FILE = 1024 * 1024
const BATCH_FILES = 256
const BATCH_BYTES = 8 * 1024 * 1024
/** Workers start once this much is queued (or this many files). */
const SPAWN_BYTES = 64 * 1024 * 1024
const SPAWN_FILES = 64

interface WireResult {
  readonly id: number
  readonly sha256?: string
  readonly bytesRead?: number
  readonly error?: string
  readonly message?: string
}

type WorkerMessage = { readonly id?: number; readonly progress?: number; readonly resultsJson?: string }

/** What this queue listens to on a worker (removed before the worker is kept for another job). */
interface Listeners {
  readonly online: () => void
  readonly message: (msg: WorkerMessage) => void
  readonly gone: () => void
}

export class HashQueue {
  private readonly targets: LocalTarget[] = []
  private readonly results: (LocalOutcome | undefined)[] = []
  /** Waiting big files: a max-heap of ids by size (the biggest goes out first). */
  private readonly big: number[] = []
  /** Waiting small-file batches, first in first out (from `smallHead`). */
  private small: number[][] = []
  private smallHead = 0
  /** Bytes queued but not yet handed to a lane. */
  private waitingBytes = 0
  readonly idle: Worker[] = []
  readonly workers: Worker[] = []
  readonly inflight = new Map<Worker, number[]>()
  private readonly listeners = new Map<Worker, Listeners>()
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

  /** Queues files; returns their ids, indexes into end()'s result. Small files of one call share batches. */
  push(targets: readonly LocalTarget[]): number[] {
    const ids: number[] = new Array<number>(targets.length)
    let cur: number[] = []
    let curBytes = 0
    for (let i = 0; i < targets.length; i++) {
      const t = targets[i] as LocalTarget
      const id = this.targets.length
      ids[i] = id
      this.targets.push(t)
      this.results.push(undefined)
      this.queuedBytes += t.size
      if (this.settled) continue
      this.waitingBytes += t.size
      if (t.size >= BIG_FILE) {
        this.heapPush(id)
        continue
      }
      cur.push(id)
      curBytes += t.size
      if (cur.length >= BATCH_FILES || curBytes >= BATCH_BYTES) {
        this.small.push(cur)
        cur = []
        curBytes = 0
      }
    }
    if (cur.length > 0) this.small.push(cur)
    this.maybeSpawn()
    this.pump()
    return ids
  }

  /** No more files: resolves with every outcome, by id. Rejects only with CancelledError. */
  end(): Promise<LocalOutcome[]> {
    this.ended = true
    this.pump()
    this.checkDone()
    return this.done
  }

  /**
   * Keep this thread out of hashing until release() (it has other work, e.g. walking the folder).
   * Workers still take queued files meanwhile.
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

  private get hasWaiting(): boolean {
    return this.big.length > 0 || this.smallHead < this.small.length
  }

  /** The next batch for a lane: the biggest waiting big file, else the oldest small batch. */
  private take(): number[] | undefined {
    let batch: number[] | undefined
    if (this.big.length > 0) batch = [this.heapPop()]
    else if (this.smallHead < this.small.length) {
      batch = this.small[this.smallHead] as number[]
      this.small[this.smallHead++] = []
      if (this.smallHead === this.small.length) {
        this.small = []
        this.smallHead = 0
      }
    }
    if (batch) for (const id of batch) this.waitingBytes -= (this.targets[id] as LocalTarget).size
    return batch
  }

  /** A batch a dead lane did not finish goes back to the front of its line. */
  private putBack(batch: number[]): void {
    for (const id of batch) this.waitingBytes += (this.targets[id] as LocalTarget).size
    if (batch.length === 1 && (this.targets[batch[0] as number] as LocalTarget).size >= BIG_FILE) this.heapPush(batch[0] as number)
    else {
      this.small.splice(this.smallHead, 0, batch)
    }
  }

  /**
   * Start the workers now, before any file is queued: a worker takes ~100 ms to come online on a
   * busy 2-core machine, which a folder walk would otherwise wait for after finding its first files.
   */
  startWorkers(): void {
    this.maybeSpawn(true)
  }

  private maybeSpawn(now = false): void {
    if (this.spawned || this.settled || this.wanted <= 0 || !this.opts.workerFile) return
    if (!now && !this.opts.eagerWorkers && this.queuedBytes < SPAWN_BYTES && this.targets.length < SPAWN_FILES) return
    this.spawned = true
    for (let i = 0; i < this.wanted; i++) {
      let started
      try {
        started = startWorker(this.opts.workerFile, this.opts.workerExecArgv)
      } catch {
        break // this thread carries on with the workers that did start (or alone)
      }
      const w = started.worker
      this.workers.push(w)
      const l: Listeners = {
        online: () => {
          this.idle.push(w)
          this.pump()
        },
        message: (msg: WorkerMessage) => this.onMessage(w, msg),
        gone: () => this.lose(w)
      }
      this.listeners.set(w, l)
      if (started.online) this.idle.push(w)
      else w.once('online', l.online)
      w.on('message', l.message)
      w.on('error', l.gone)
      w.on('exit', l.gone)
    }
  }

  private onMessage(w: Worker, msg: WorkerMessage): void {
    if (this.settled) return
    if (msg.progress !== undefined && msg.id !== undefined) {
      this.reported.set(msg.id, (this.reported.get(msg.id) ?? 0) + msg.progress)
      this.opts.onBytes?.(msg.progress)
      return
    }
    let bytes = 0
    const results = msg.resultsJson === undefined ? [] : (JSON.parse(msg.resultsJson) as WireResult[])
    for (const r of results) {
      this.results[r.id] =
        r.sha256 !== undefined ? { ok: true, sha256: r.sha256, bytesRead: r.bytesRead ?? 0 } : { ok: false, error: r.error ?? 'EIO', message: r.message ?? 'read failed' }
      const early = this.reported.get(r.id)
      if (early !== undefined) this.reported.delete(r.id)
      bytes += (r.bytesRead ?? 0) - (early ?? 0)
      this.opts.onFile?.()
    }
    if (bytes > 0) this.opts.onBytes?.(bytes)
    this.inflight.delete(w)
    this.busy--
    this.idle.push(w)
    this.pump()
    this.checkDone()
  }

  /** A worker died: its batch goes back to the queue for another lane. */
  private lose(w: Worker): void {
    const dropped = dropLane(this, w)
    if (!dropped) return
    if (dropped.batch) {
      this.busy--
      this.putBack(dropped.batch)
    }
    if (!this.settled) this.pump()
  }

  private pump(): void {
    if (this.settled) return
    while (this.idle.length > 0 && this.hasWaiting) {
      const w = this.idle.pop() as Worker
      const batch = this.take() as number[]
      this.inflight.set(w, batch)
      this.busy++
      // One JSON string per batch: structured-cloning thousands of small job objects cost more (measured: 7 µs a job).
      w.postMessage({ jobsJson: JSON.stringify(batch.map((id) => this.job(id, batch))) })
    }
    // This thread hashes only when no worker will: none wanted or started, or all of them died.
    if (!this.localRunning && !this.localHeld && this.workers.length === 0 && this.hasWaiting) {
      this.localRunning = true
      this.localLane().catch((e: unknown) => this.settle(e instanceof CancelledError ? e : new CancelledError()))
    }
  }

  /**
   * A job for a worker. A big file that outweighs everything else left (waiting, and in flight on
   * the other lanes) is read on a second thread while this one hashes: the other lanes are about
   * to run dry. Not otherwise: with every lane busy, a reading thread only adds contention (measured:
   * 6% more CPU for no gain when two big files end together).
   */
  private job(id: number, batch: readonly number[]): { id: number; path: string; size: number; offset?: number; inflate?: number; overlap?: true } {
    const t = this.targets[id] as LocalTarget
    let elsewhere = this.waitingBytes
    if (batch.length === 1 && this.ended && t.size >= BIG_FILE && elsewhere < t.size) {
      for (const other of this.inflight.values()) if (other !== batch) for (const o of other) elsewhere += this.size(o) - (this.reported.get(o) ?? 0)
    }
    const overlap = t.inflate === undefined && batch.length === 1 && this.ended && t.size >= BIG_FILE && elsewhere < t.size / 2
    return { id, path: t.abs, size: t.size, ...(t.offset !== undefined ? { offset: t.offset } : {}), ...(t.inflate !== undefined ? { inflate: t.inflate } : {}), ...(overlap ? { overlap: true as const } : {}) }
  }

  private async localLane(): Promise<void> {
    const bufs = laneBuffers()
    try {
      while (!this.settled && !this.localHeld && this.workers.length === 0 && this.hasWaiting) {
        const batch = this.take() as number[]
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
    if (this.ended && !this.hasWaiting && this.busy === 0) this.settle()
  }

  private settle(err?: CancelledError): void {
    if (this.settled) return
    this.settled = true
    this.opts.signal?.removeEventListener('abort', this.onAbort)
    // Workers that finished normally wait for the next job (worker-reuse.ts); any other is stopped.
    for (const w of this.workers) {
      const l = this.listeners.get(w)
      if (err || !l || !this.idle.includes(w) || this.inflight.has(w) || !this.opts.workerFile) {
        void w.terminate()
        continue
      }
      w.off('online', l.online)
      w.off('message', l.message)
      w.off('error', l.gone)
      w.off('exit', l.gone)
      keepWorker(w, this.opts.workerFile, this.opts.workerExecArgv)
    }
    if (err) this.rejectDone(err)
    else this.resolveDone(this.results.map((r) => r ?? { ok: false, error: 'EIO', message: 'not hashed' }))
  }

  private size(id: number): number {
    return (this.targets[id] as LocalTarget).size
  }

  private heapPush(id: number): void {
    const h = this.big
    h.push(id)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (this.size(h[p] as number) >= this.size(id)) break
      h[i] = h[p] as number
      i = p
    }
    h[i] = id
  }

  private heapPop(): number {
    const h = this.big
    const top = h[0] as number
    const last = h.pop() as number
    if (h.length > 0) {
      let i = 0
      const s = this.size(last)
      for (;;) {
        const l = 2 * i + 1
        if (l >= h.length) break
        const r = l + 1
        const c = r < h.length && this.size(h[r] as number) > this.size(h[l] as number) ? r : l
        if (this.size(h[c] as number) <= s) break
        h[i] = h[c] as number
        i = c
      }
      h[i] = last
    }
    return top
  }
}
