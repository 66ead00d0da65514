/**
 * Hashes many files on every core (see hash-queue.ts: this thread plus worker_threads running
 * hash-worker.js, biggest files first, small files batched). Hashes in this thread alone when the
 * built worker is not there (tests and tsx run from source) or the job is too small for workers.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { LocalOutcome } from './hash-local'
import { HashQueue, type QueueOptions } from './hash-queue'

export interface HashTarget {
  /** Absolute file path. */
  readonly abs: string
  /** Expected size (from lstat): reading stops at size + 1. */
  readonly size: number
  /** Hash exactly `size` bytes from this offset (a stored zip entry) instead of the whole file. */
  readonly offset?: number
  /** A deflated zip entry: this many compressed bytes at `offset`, inflated to `size` bytes and hashed. */
  readonly inflate?: number
}

export type HashOutcome = LocalOutcome

export interface HashPoolOptions {
  readonly signal?: AbortSignal
  readonly onBytes?: (n: number) => void
  /** Called once per finished file (after its bytes were reported). */
  readonly onFile?: () => void
  /** Number of workers; 0 forces in-thread hashing. Default: one per core (max 8); this thread joins in as well. */
  readonly workers?: number
  /** Worker script to use instead of the one found beside the bundle (tests). */
  readonly workerFile?: string
  readonly workerExecArgv?: readonly string[]
}

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
  if (targets.length === 0) return []
  const q = new HashQueue(queueOptions(opts))
  q.push(targets)
  return q.end()
}

/** Queue settings from pool options: the built worker found beside the bundle unless one is given. */
export function queueOptions(opts: HashPoolOptions): QueueOptions {
  const workerFile = opts.workerFile ?? findHashWorker()
  return {
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onBytes ? { onBytes: opts.onBytes } : {}),
    ...(opts.onFile ? { onFile: opts.onFile } : {}),
    ...(opts.workers !== undefined ? { workers: opts.workers } : {}),
    ...(workerFile ? { workerFile } : {}),
    ...(opts.workerExecArgv ? { workerExecArgv: opts.workerExecArgv } : {}),
    // A worker file given explicitly (tests) means: use it even for a small job.
    eagerWorkers: opts.workerFile !== undefined
  }
}
