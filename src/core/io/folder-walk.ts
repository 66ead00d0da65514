/**
 * The folder walk: lists a bag folder depth-first in pack order, with lstat semantics (readdir file
 * types; symlinks are reported, never followed) and the entry gate's name and limit rules. It finds
 * files and reports findings through a sink, in walk order, and reads no file.
 *
 * It runs on this thread (walkFolder) or on a worker thread (walkInWorker, the worker side in
 * hash-worker.js): on 100,000 small files the listing, the lstat per file and the gate cost this
 * thread about a second that the app's main process also needs for its messages, the hashing
 * queue and the checks after it. The worker streams the same events in the same order, so the
 * findings and files are the same whichever thread walked.
 */
import { lstatSync, readdirSync, type Dirent } from 'node:fs'
import { sep } from 'node:path'
import type { Worker } from 'node:worker_threads'
import type { Finding } from '../findings'
import { sortByPackPath } from '../format/path-order'
import { containerFinding } from './codes'
import { EntryGate } from './entry-gate'
import { CancelledError, type EntryKind, type ReadLimits } from './reader'
import { throwIfAborted } from './scan-support'
import { parseTempName } from './temp-files'
import { keepWorker, startWorker } from './worker-reuse'

export interface WalkSink {
  readonly finding: (f: Finding) => void
  /** A file that passed every check of the gate; `path` is its pack path as listed (not yet NFC). */
  readonly file: (path: string, size: number) => void
  /** A good moment to hand what was found so far to the hashing queue. */
  readonly flush: () => void
}

/** Entries handled between yields to the event loop (and hand-overs to the hashing queue). */
const WALK_SLICE = 256

/** The absolute path of a walked file: the root, then its pack path with the platform's separator. */
export function walkedAbs(root: string, path: string): string {
  const base = root.endsWith(sep) ? root : root + sep
  return base + (sep === '/' ? path : path.split('/').join(sep))
}

/**
 * Walks `root` (the bag root), then runs the gate's end-of-walk checks. Sizes come from a
 * synchronous lstat per file: several times faster than one promise per file through the libuv
 * pool; yielding every WALK_SLICE entries keeps the event loop responsive.
 */
export async function walkFolder(root: string, limits: ReadLimits, sink: WalkSink, signal?: AbortSignal): Promise<void> {
  const gate = new EntryGate(limits, sink.finding)
  await walkDir(root, '', gate, sink, signal)
  sink.flush()
  gate.finish()
  sink.flush()
}

async function walkDir(dir: string, rel: string, gate: EntryGate, sink: WalkSink, signal: AbortSignal | undefined): Promise<void> {
  throwIfAborted(signal)
  let entries
  try {
    // Synchronous: one listing costs about as much as a slice of lstat calls.
    entries = readdirSync(dir, { withFileTypes: true })
  } catch (e) {
    sink.finding(containerFinding('unreadable-entry', `Cannot list the folder: ${(e as Error).message}.`, { path: rel || '.' }))
    return
  }
  // A folder sorts as its name + '/': then depth first is the order of the whole pack paths (the
  // archive's order), which the packer relies on when it packs the files as they are walked.
  entries = sortByPackPath(entries, (d) => (d.isDirectory() ? `${d.name}/` : d.name))
  // Readdir names never hold a separator, so joining is concatenation.
  const base = dir.endsWith(sep) ? dir : dir + sep
  for (let i = 0; i < entries.length; i++) {
    if (i > 0 && i % WALK_SLICE === 0) {
      sink.flush()
      await new Promise((r) => setImmediate(r))
      throwIfAborted(signal)
    }
    if (gate.isStopped) return
    const d = entries[i] as Dirent
    const path = rel ? `${rel}/${d.name}` : d.name
    const abs = base + d.name
    const kind: EntryKind = d.isSymbolicLink() ? 'symlink' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other'
    if (kind === 'file' && parseTempName(d.name)) {
      sink.finding(containerFinding('stray-temp-file', 'Leftover temporary file from an interrupted write; ignored.', { path }))
      continue
    }
    let size = 0
    if (kind === 'file') {
      try {
        size = lstatSync(abs).size
      } catch (e) {
        sink.finding(containerFinding('unreadable-entry', `Cannot stat the file: ${(e as Error).message}.`, { path }))
        continue
      }
    }
    const verdict = gate.admit(path, path, kind, size)
    if (verdict === 'stop') return
    if (kind === 'dir' && (verdict === 'skip' || verdict === 'read')) {
      // gate returns 'skip' for dirs it accepted; refused dirs were reported (unsafe name, too deep).
      if (!gate.hasDir(path.normalize('NFC'))) continue
      sink.flush()
      await walkDir(abs, path, gate, sink, signal)
      continue
    }
    if (verdict === 'read') sink.file(path, size)
  }
}

/**
 * Worker → this thread: `walkEvents` is a JSON array in walk order where a string is a file's pack
 * path followed by its size, and an object is a finding (one string per slice: cheaper to send and
 * parse than structured-cloned objects). Then `walkDone`, or `walkError` with the error's message.
 */
export type WalkMessage = { readonly walkEvents: string } | { readonly walkDone: true } | { readonly walkError: string }

/** The worker side: walks and streams the events to the thread that asked. */
export async function walkForParent(root: string, limits: ReadLimits, post: (m: WalkMessage) => void): Promise<void> {
  let events: (string | number | Finding)[] = []
  const sink: WalkSink = {
    finding: (f) => events.push(f),
    file: (path, size) => events.push(path, size),
    flush: () => {
      if (events.length === 0) return
      post({ walkEvents: JSON.stringify(events) })
      events = []
    }
  }
  try {
    await walkFolder(root, limits, sink)
    post({ walkDone: true })
  } catch (e) {
    post({ walkError: e instanceof Error ? e.message : String(e) })
  }
}

/**
 * Runs walkFolder on a worker thread (the hash worker script) and replays its events into `sink`
 * on this thread, in order. Cancelling stops the worker. A worker that cannot start, fails or
 * exits before it finished is replaced by a walk on this thread that skips the events already
 * replayed (the walk is deterministic), so no file or finding is lost or repeated.
 */
export function walkInWorker(workerFile: string, execArgv: readonly string[] | undefined, root: string, limits: ReadLimits, sink: WalkSink, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false
    let replayed = 0
    let w: Worker | undefined
    const finish = (err?: unknown): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      if (err === undefined && w) {
        // Done and idle: the worker waits for the next job (a hashing lane or another walk).
        w.off('message', onMessage)
        w.off('error', fallBack)
        w.off('exit', fallBack)
        keepWorker(w, workerFile, execArgv)
        resolve()
        return
      }
      void w?.terminate()
      if (err === undefined) resolve()
      else reject(err)
    }
    const fallBack = (): void => {
      if (settled) return
      settled = true
      signal?.removeEventListener('abort', onAbort)
      void w?.terminate()
      walkFolder(root, limits, skipping(sink, replayed), signal).then(resolve, reject)
    }
    const onAbort = (): void => finish(new CancelledError())
    if (signal?.aborted) return finish(new CancelledError())
    signal?.addEventListener('abort', onAbort)
    const onMessage = (m: WalkMessage): void => {
      if (settled) return
      if ('walkEvents' in m) {
        try {
          replayed += replay(JSON.parse(m.walkEvents) as (string | number | Finding)[], sink)
          sink.flush()
        } catch (e) {
          finish(e)
        }
      } else if ('walkDone' in m) finish()
      else fallBack()
    }
    try {
      w = startWorker(workerFile, execArgv).worker
    } catch {
      return fallBack()
    }
    w.on('message', onMessage)
    w.on('error', fallBack)
    w.on('exit', fallBack)
    w.postMessage({ walk: { root, limits } })
  })
}

/** Replays a slice of events; returns how many (a file and a finding count one each). */
function replay(events: readonly (string | number | Finding)[], sink: WalkSink): number {
  let n = 0
  for (let i = 0; i < events.length; i++, n++) {
    const e = events[i] as string | Finding
    if (typeof e === 'string') sink.file(e, events[++i] as number)
    else sink.finding(e)
  }
  return n
}

/** The sink minus the first `skip` events (those a failed worker already delivered). */
function skipping(sink: WalkSink, skip: number): WalkSink {
  let left = skip
  return {
    finding: (f) => (left > 0 ? left-- : sink.finding(f)),
    file: (path, size) => (left > 0 ? left-- : sink.file(path, size)),
    flush: sink.flush
  }
}
