/**
 * The bookkeeping both worker pools (hash-queue.ts, pack-pool.ts) share for a worker that died:
 * it leaves the lanes, and the batch it was working on comes back for another lane.
 */
import type { Worker } from 'node:worker_threads'

export interface Lanes<B> {
  readonly workers: Worker[]
  readonly idle: Worker[]
  readonly inflight: Map<Worker, B>
}

/** Removes `w` from the lanes. Returns false when it was not one of them, else its unfinished batch (if any). */
export function dropLane<B>(lanes: Lanes<B>, w: Worker): false | { readonly batch?: B } {
  const i = lanes.workers.indexOf(w)
  if (i < 0) return false
  lanes.workers.splice(i, 1)
  const j = lanes.idle.indexOf(w)
  if (j >= 0) lanes.idle.splice(j, 1)
  const batch = lanes.inflight.get(w)
  lanes.inflight.delete(w)
  return batch === undefined ? {} : { batch }
}
