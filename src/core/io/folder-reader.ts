/**
 * Folder reader: walks with lstat semantics (folder-walk.ts: readdir file types; symlinks are
 * reported, never followed; the same name and limit rules as the archive readers), hashing on
 * every core through the hash pool while it walks. Files the verifier wants in memory (keep) are
 * read here, capped.
 */
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { lstat, open, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Finding } from '../findings'
import { containerFinding } from './codes'
import { resolveLimits } from './entry-gate'
import { walkedAbs, walkFolder, walkInWorker, type WalkSink } from './folder-walk'
import { hashFiles, queueOptions, type HashOutcome, type HashPoolOptions } from './hash-pool'
import { HashQueue } from './hash-queue'
import type { PackPass } from './pack-pass'
import { CancelledError, type PackReader, type ScanOptions, type ScannedFile, type ScanProgress } from './reader'
import { ProgressTicker, throwIfAborted, wantContent } from './scan-support'
import { toPackReadError } from './read-errors'

type ScanOpts = ScanOptions & { readonly keep?: (path: string, size: number) => boolean; readonly onProgress?: (p: ScanProgress) => void }

interface Walked {
  readonly path: string
  readonly abs: string
  readonly size: number
  readonly keep: boolean
}

const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

export class FolderReader implements PackReader {
  readonly kind = 'folder' as const
  constructor(
    readonly location: string,
    /** Hash-pool settings (tests force workers on or off). */
    private readonly pool: Pick<HashPoolOptions, 'workers' | 'workerFile' | 'workerExecArgv'> = {},
    /** `vouch pack`: one walk and one read shared with the packer (pack-pass.ts). */
    private readonly pass?: PackPass
  ) {}

  async scan(opts: ScanOpts): Promise<readonly ScannedFile[]> {
    const pass = opts.keptOnly ? undefined : this.pass
    try {
      return await this.scanFolder(opts, pass)
    } finally {
      this.pass?.end(false) // no-op once the walk ended its listing; a kept-only scan never shares
    }
  }

  private async scanFolder(opts: ScanOpts, pass: PackPass | undefined): Promise<readonly ScannedFile[]> {
    let errors = 0
    const report = (f: Finding): void => {
      if (f.severity === 'error') errors++
      opts.onFinding(f)
    }
    const limits = resolveLimits(opts.limits)
    // Hashing starts during the walk: files are queued as soon as they are listed, so the cores
    // hash while the folder is walked. The workers start first of all.
    const ticker = new ProgressTicker(opts.onProgress, 0, 0, opts.progressIntervalMs)
    const qopts = queueOptions({ ...this.pool, ...(opts.signal ? { signal: opts.signal } : {}), onBytes: (n) => ticker.add(n), onFile: () => ticker.add(0, 1) })
    const queue = new HashQueue(qopts)
    const { root, outside } = await findBagRoot(this.location).catch((e: unknown) => {
      queue.cancel()
      throw toPackReadError(e, this.location)
    })
    // The packer takes this walk's files as they come when they are the whole folder (the bag at its root).
    const sharing = pass !== undefined && root === this.location
    pass?.begin(sharing)
    // Sharing, the packer reads and hashes the small files: workers only if the big ones are worth them.
    if (!opts.keptOnly && !sharing) queue.startWorkers()
    if (outside.length > 0) {
      const sample = outside.slice(0, 3).join(', ')
      report(containerFinding('mixed-top-level', `${outside.length} entr${outside.length === 1 ? 'y lies' : 'ies lie'} beside the bag folder (e.g. ${sample}); not read.`, { path: outside[0] as string }))
    }
    const files: Walked[] = []
    /** Queue id of each file (index into the hashing results); -1 for kept files (read here) and files the packer hashes. */
    const ids: number[] = []
    /** Digests awaited from the packer, by file index. */
    const passed: number[] = []
    let pending: number[] = []
    const flush = (): void => {
      if (pending.length === 0) return
      const batch = pending
      pending = []
      const got = queue.push(batch.map((i) => ({ abs: (files[i] as Walked).abs, size: (files[i] as Walked).size })))
      for (let j = 0; j < batch.length; j++) ids[batch[j] as number] = got[j] as number
    }
    const admit = (f: Walked): void => {
      const i = files.length
      files.push(f)
      ids.push(-1)
      ticker.filesTotal++
      ticker.bytesTotal += f.size
      if (!f.keep && !opts.keptOnly) {
        if (sharing && pass?.expect(f)) passed.push(i)
        else pending.push(i)
      }
      if (sharing) pass?.add(f)
    }
    const sink: WalkSink = {
      finding: report,
      file: (path, size) => {
        const nfc = path.normalize('NFC')
        admit({ path: nfc, abs: walkedAbs(root, path), size, keep: wantContent(opts.keep, nfc, size, report) })
      },
      flush
    }
    // The walk runs on a worker thread when workers hash (this thread then only queues what it
    // finds), else here. This thread reads the kept files; workers hash the rest.
    queue.holdLocal()
    try {
      if (!opts.keptOnly && qopts.workerFile !== undefined && qopts.workers !== 0) await walkInWorker(qopts.workerFile, qopts.workerExecArgv, root, limits, sink, opts.signal)
      else await walkFolder(root, limits, sink, opts.signal)
    } catch (e) {
      queue.cancel()
      throw e
    }
    // A walk that refused an entry is not the folder's listing (and the verification fails).
    pass?.end(errors === 0)
    const hashing = queue.end()

    const out: (ScannedFile | undefined)[] = new Array(files.length)
    // Kept files are small (tag files, evidence): read them here while the workers hash the rest.
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
    const [hashed, fromPass] = await Promise.all([hashing, this.passDigests(passed, files, pass, opts, ticker), keptWork])
    for (let i = 0; i < files.length; i++) {
      const id = ids[i] as number
      const h = id >= 0 ? hashed[id] : fromPass.get(i)
      if (h === undefined) continue
      const f = files[i] as Walked
      if (!h.ok) {
        report(containerFinding(h.error === 'ELOOP' ? 'symlink-refused' : 'unreadable-entry', `Cannot read the file: ${h.message}.`, { path: f.path }))
        continue
      }
      out[i] = toScanned(f, h.sha256, h.bytesRead, undefined, report)
    }
    ticker.final()
    return out.filter((x): x is ScannedFile => x !== undefined)
  }

  /** The packer's digests; a file it did not hash (failed, cancelled, walked itself) is hashed here. */
  private async passDigests(passed: readonly number[], files: readonly Walked[], pass: PackPass | undefined, opts: ScanOpts, ticker: ProgressTicker): Promise<Map<number, HashOutcome>> {
    const got = new Map<number, HashOutcome>()
    if (!pass || passed.length === 0) return got
    const digestOf = await pass.results()
    const missing: number[] = []
    for (const i of passed) {
      const h = digestOf(files[i] as Walked)
      if (h) {
        got.set(i, h)
        ticker.add(h.ok ? h.bytesRead : 0, 1)
      } else missing.push(i)
    }
    throwIfAborted(opts.signal)
    const own = await hashFiles(
      missing.map((i) => ({ abs: (files[i] as Walked).abs, size: (files[i] as Walked).size })),
      { ...this.pool, ...(opts.signal ? { signal: opts.signal } : {}), onBytes: (n) => ticker.add(n), onFile: () => ticker.add(0, 1) }
    )
    missing.forEach((i, k) => got.set(i, own[k] as HashOutcome))
    return got
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

/**
 * What a folder holds at its bag root, without reading any file: the names there, and, when it is
 * not itself a bag, the subfolders that are (a folder of packs). For the "not a pack" check.
 */
export async function probeFolder(location: string): Promise<{ readonly rootNames: readonly string[]; readonly packsInside: readonly string[] }> {
  try {
    const { root } = await findBagRoot(location)
    const entries = await readdir(root, { withFileTypes: true })
    const packsInside: string[] = []
    for (const d of entries) {
      if (d.isDirectory() && (await lstat(join(root, d.name, 'bagit.txt')).then(() => true, () => false))) packsInside.push(d.name)
    }
    return { rootNames: entries.map((d) => d.name), packsInside: packsInside.sort() }
  } catch (e) {
    throw toPackReadError(e, location)
  }
}

export async function bagRoot(location: string): Promise<string> {
  return (await findBagRoot(location)).root
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
