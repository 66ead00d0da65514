/**
 * Folder reader: walks with lstat semantics (readdir file types; symlinks are reported, never
 * followed), applies the same name and limit rules as the archive readers, then hashes on every
 * core through the hash pool. Files the verifier wants in memory (keep) are read here, capped.
 */
import { createHash } from 'node:crypto'
import { constants, lstatSync, type Dirent } from 'node:fs'
import { lstat, open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Finding } from '../findings'
import { comparePackPaths } from '../format/paths'
import { containerFinding } from './codes'
import { EntryGate, resolveLimits } from './entry-gate'
import { queueOptions, type HashOutcome, type HashPoolOptions } from './hash-pool'
import { HashQueue } from './hash-queue'
import { CancelledError, type EntryKind, type PackReader, type ScanOptions, type ScannedFile, type ScanProgress } from './reader'
import { ProgressTicker, throwIfAborted, wantContent } from './scan-support'
import { toPackReadError } from './read-errors'
import { parseTempName } from './temp-files'

type ScanOpts = ScanOptions & { readonly keep?: (path: string, size: number) => boolean; readonly onProgress?: (p: ScanProgress) => void }

interface Walked {
  readonly path: string
  readonly abs: string
  readonly size: number
  readonly keep: boolean
}

/** Files this big are hashed as soon as the walk finds them. */
const EARLY_BYTES = 8 * 1024 * 1024
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

export class FolderReader implements PackReader {
  readonly kind = 'folder' as const
  constructor(
    readonly location: string,
    /** Hash-pool settings (tests force workers on or off). */
    private readonly pool: Pick<HashPoolOptions, 'workers' | 'workerFile' | 'workerExecArgv'> = {}
  ) {}

  async scan(opts: ScanOpts): Promise<readonly ScannedFile[]> {
    const report = (f: Finding): void => opts.onFinding(f)
    const limits = resolveLimits(opts.limits)
    const gate = new EntryGate(limits, report)
    const { root, outside } = await findBagRoot(this.location).catch((e: unknown) => {
      throw toPackReadError(e, this.location)
    })
    if (outside.length > 0) {
      const sample = outside.slice(0, 3).join(', ')
      report(containerFinding('mixed-top-level', `${outside.length} entr${outside.length === 1 ? 'y lies' : 'ies lie'} beside the bag folder (e.g. ${sample}); not read.`, { path: outside[0] as string }))
    }
    // Hashing starts during the walk: a big file is queued the moment it is found (the cores
    // would otherwise idle while thousands of small entries are listed); the rest follow, biggest first.
    const ticker = new ProgressTicker(opts.onProgress, 0, 0, opts.progressIntervalMs)
    const queue = new HashQueue(queueOptions({ ...this.pool, ...(opts.signal ? { signal: opts.signal } : {}), onBytes: (n) => ticker.add(n), onFile: () => ticker.add(0, 1) }))
    const queued = new Map<number, number>()
    const files: Walked[] = []
    const admitted = (f: Walked, i: number): void => {
      ticker.filesTotal++
      ticker.bytesTotal += f.size
      if (!f.keep && f.size >= EARLY_BYTES) queued.set(i, queue.push([{ abs: f.abs, size: f.size }])[0] as number)
    }
    // This thread walks; a worker hashes what the walk finds. Then this thread hashes too.
    queue.holdLocal()
    try {
      await walk(root, '', gate, files, opts, report, admitted)
    } catch (e) {
      queue.cancel()
      throw e
    }
    gate.finish()
    const rest = files.flatMap((f, i) => (!f.keep && !queued.has(i) ? [i] : []))
    queue.push(rest.map((i) => ({ abs: (files[i] as Walked).abs, size: (files[i] as Walked).size }))).forEach((id, j) => queued.set(rest[j] as number, id))

    const out: (ScannedFile | undefined)[] = new Array(files.length)
    // Kept files are small (tag files, evidence): read them here while the queue hashes the rest.
    const keptWork = (async () => {
      for (let i = 0; i < files.length; i++) {
        const f = files[i] as Walked
        if (!f.keep) continue
        throwIfAborted(opts.signal)
        out[i] = await readKept(f, report)
        ticker.add(f.size, 1)
      }
    })().catch((e: unknown) => {
      queue.cancel()
      throw e
    })
    queue.release()
    const [hashed] = await Promise.all([queue.end(), keptWork])
    for (const [i, id] of queued) {
      const f = files[i] as Walked
      const h = hashed[id] as HashOutcome
      if (!h.ok) {
        report(containerFinding(h.error === 'ELOOP' ? 'symlink-refused' : 'unreadable-entry', `Cannot read the file: ${h.message}.`, { path: f.path }))
        continue
      }
      out[i] = toScanned(f, h.sha256, h.bytesRead, undefined, report)
    }
    ticker.final()
    return out.filter((x): x is ScannedFile => x !== undefined)
  }

  async close(): Promise<void> {}
}

/**
 * The bag root: the folder itself when it holds bagit.txt, else its one subfolder that does.
 * Entries beside that subfolder (e.g. a stray .DS_Store) are outside the bag: listed in `outside`.
 */
export async function findBagRoot(location: string): Promise<{ readonly root: string; readonly outside: readonly string[] }> {
  const entries = await readdir(location, { withFileTypes: true })
  if (entries.some((d) => d.name === 'bagit.txt')) return { root: location, outside: [] }
  const withBag: string[] = []
  for (const d of entries) {
    if (d.isDirectory() && (await lstat(join(location, d.name, 'bagit.txt')).then(() => true, () => false))) withBag.push(d.name)
  }
  if (withBag.length !== 1) return { root: location, outside: [] }
  const bagDir = withBag[0] as string
  return { root: join(location, bagDir), outside: entries.map((d) => d.name).filter((n) => n !== bagDir) }
}

export async function bagRoot(location: string): Promise<string> {
  return (await findBagRoot(location)).root
}

async function walk(
  dir: string,
  rel: string,
  gate: EntryGate,
  out: Walked[],
  opts: ScanOpts,
  report: (f: Finding) => void,
  admitted: (f: Walked, index: number) => void
): Promise<void> {
  throwIfAborted(opts.signal)
  let entries
  try {
    entries = await readdir(dir, { withFileTypes: true })
  } catch (e) {
    report(containerFinding('unreadable-entry', `Cannot list the folder: ${(e as Error).message}.`, { path: rel || '.' }))
    return
  }
  entries.sort((a, b) => comparePackPaths(a.name, b.name))
  const sizes = await fileSizes(dir, entries)
  for (const [i, d] of entries.entries()) {
    if (gate.isStopped) return
    const path = rel ? `${rel}/${d.name}` : d.name
    const abs = join(dir, d.name)
    const kind: EntryKind = d.isSymbolicLink() ? 'symlink' : d.isDirectory() ? 'dir' : d.isFile() ? 'file' : 'other'
    if (kind === 'file' && parseTempName(d.name)) {
      report(containerFinding('stray-temp-file', 'Leftover temporary file from an interrupted write; ignored.', { path }))
      continue
    }
    const size = sizes[i] ?? 0
    if (size instanceof Error) {
      report(containerFinding('unreadable-entry', `Cannot stat the file: ${size.message}.`, { path }))
      continue
    }
    const verdict = gate.admit(path, path, kind, size)
    if (verdict === 'stop') return
    if (kind === 'dir' && (verdict === 'skip' || verdict === 'read')) {
      // gate returns 'skip' for dirs it accepted; refused dirs were reported (unsafe name, too deep).
      if (isRefusedDir(path, gate)) continue
      await walk(abs, path, gate, out, opts, report, admitted)
      continue
    }
    if (verdict !== 'read') continue
    const nfc = path.normalize('NFC')
    const f: Walked = { path: nfc, abs, size, keep: wantContent(opts.keep, nfc, size, report) }
    out.push(f)
    admitted(f, out.length - 1)
  }
}

const LSTAT_SLICE = 512

/**
 * Sizes of a folder's regular files. Synchronous lstat in slices is several times faster than one
 * promise per file through the libuv pool (thousands of small files), and yielding between slices
 * keeps the event loop (the app's main process) responsive.
 */
async function fileSizes(dir: string, entries: readonly Dirent[]): Promise<(number | Error)[]> {
  const out: (number | Error)[] = []
  for (let i = 0; i < entries.length; i++) {
    const d = entries[i] as Dirent
    if (!d.isFile()) out.push(0)
    else {
      try {
        out.push(lstatSync(join(dir, d.name)).size)
      } catch (e) {
        out.push(e as Error)
      }
    }
    if (i % LSTAT_SLICE === LSTAT_SLICE - 1) await new Promise((r) => setImmediate(r))
  }
  return out
}

/** A directory the gate refused (unsafe name or too deep) is not descended into. */
function isRefusedDir(path: string, gate: EntryGate): boolean {
  return !gate.hasDir(path.normalize('NFC'))
}

async function readKept(f: Walked, report: (x: Finding) => void): Promise<ScannedFile | undefined> {
  let fh
  try {
    fh = await open(f.abs, OPEN_FLAGS)
  } catch (e) {
    const code = (e as { code?: string }).code
    report(containerFinding(code === 'ELOOP' ? 'symlink-refused' : 'unreadable-entry', `Cannot read the file: ${(e as Error).message}.`, { path: f.path }))
    return undefined
  }
  try {
    if (!(await fh.stat()).isFile()) {
      report(containerFinding('special-file-refused', 'Not a regular file.', { path: f.path }))
      return undefined
    }
    const buf = Buffer.alloc(f.size + 1)
    let n = 0
    while (n < buf.length) {
      const { bytesRead } = await fh.read(buf, n, buf.length - n, null)
      if (bytesRead === 0) break
      n += bytesRead
    }
    const content = buf.subarray(0, Math.min(n, f.size))
    const sha = createHash('sha256').update(buf.subarray(0, n)).digest('hex')
    return toScanned(f, sha, n, n === f.size ? new Uint8Array(content) : undefined, report)
  } catch (e) {
    if (e instanceof CancelledError) throw e
    report(containerFinding('unreadable-entry', `Cannot read the file: ${(e as Error).message}.`, { path: f.path }))
    return undefined
  } finally {
    await fh.close()
  }
}

function toScanned(f: Walked, sha256: string, bytesRead: number, content: Uint8Array | undefined, report: (x: Finding) => void): ScannedFile {
  if (bytesRead !== f.size) {
    report(
      containerFinding('size-mismatch', bytesRead > f.size ? 'The file grew while it was read.' : 'The file shrank while it was read.', {
        path: f.path,
        expected: String(f.size),
        actual: bytesRead > f.size ? `>${f.size}` : String(bytesRead)
      })
    )
  }
  return { entry: { path: f.path, rawName: f.path, kind: 'file', size: f.size }, sha256, bytesRead, ...(content ? { content } : {}) }
}
