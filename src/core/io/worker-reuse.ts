/**
 * Worker threads kept for the next job. The app verifies pack after pack in one process (the
 * desktop main process, `vouch serve`), and each worker costs 35-100 ms of CPU and of waiting
 * before it does anything (Node compiles its internals anew in every thread): three of them
 * (two hashing lanes and the folder walk) start for every folder verified.
 *
 * Only a worker whose job ended normally comes back (idle, nothing in flight, every listener the
 * job added removed); one that was cancelled or failed is terminated as before. A kept worker does
 * not keep the process alive and ends after IDLE_MS unused.
 */
import { Worker } from 'node:worker_threads'

const IDLE_MS = 30_000
const MAX_KEPT = 8

interface Kept {
  readonly worker: Worker
  readonly timer: ReturnType<typeof setTimeout>
  readonly onGone: () => void
}

const kept = new Map<string, Kept[]>()
const keyOf = (file: string, execArgv: readonly string[] | undefined): string => [file, ...(execArgv ?? [])].join('\0')

/** A kept worker of this script (already online), else a new one. */
export function startWorker(file: string, execArgv: readonly string[] | undefined): { readonly worker: Worker; readonly online: boolean } {
  const k = kept.get(keyOf(file, execArgv))?.pop()
  if (k) {
    clearTimeout(k.timer)
    k.worker.off('exit', k.onGone)
    k.worker.off('error', k.onGone)
    k.worker.ref()
    return { worker: k.worker, online: true }
  }
  return { worker: new Worker(file, { execArgv: execArgv ? [...execArgv] : [] }), online: false }
}

/** Keeps an idle worker whose job ended normally; the caller has removed its own listeners. */
export function keepWorker(worker: Worker, file: string, execArgv: readonly string[] | undefined): void {
  const key = keyOf(file, execArgv)
  const list = kept.get(key) ?? []
  if (list.length >= MAX_KEPT) {
    void worker.terminate()
    return
  }
  const drop = (): void => {
    const l = kept.get(key)
    const i = l ? l.findIndex((x) => x.worker === worker) : -1
    if (l && i >= 0) clearTimeout((l.splice(i, 1)[0] as Kept).timer)
  }
  const onGone = (): void => drop()
  worker.on('exit', onGone)
  worker.on('error', onGone)
  worker.unref()
  const timer = setTimeout(() => {
    drop()
    void worker.terminate()
  }, IDLE_MS)
  timer.unref()
  list.push({ worker, timer, onGone })
  kept.set(key, list)
}

/** How many workers of this script are kept (tests). */
export function keptWorkers(file: string, execArgv?: readonly string[]): number {
  return kept.get(keyOf(file, execArgv))?.length ?? 0
}
