/**
 * addFilesToPack: embed new files (sign-offs) into a pack without ever losing the original.
 * Folder: each file goes to a temp file in its target folder, fsync, no-clobber link/rename,
 * fsync of the folder. Archive: a temp file beside the original starts as a kernel copy of the
 * original's unchanged bytes, the new entries and directory are appended (archive-append.ts), it
 * is fsynced (the copied bytes go to disk while the caller verifies it), verified by the caller,
 * then renamed over the original. On any failure the temp file is removed and the original is
 * byte-identical. A temp file left by a killed process is recognised by its name and removed by
 * the next call (and by the next verification of that archive: open.ts).
 *
 * An archive reached through a symbolic link is written where the link points: the link stays a
 * link. A read-only archive, or one with other hard links (which a rename would leave behind
 * unsigned), is refused before anything is written.
 */
import { constants } from 'node:fs'
import { access, chmod, lstat, mkdir, realpath, rmdir, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { checkPackPath } from '../format/paths'
import { planTar, planTarGz, planZip, rewriteTarGz, type AppendPlan, type NewPackFile } from './archive-append'
import { bagRoot } from './folder-reader'
import { detectContainer } from './open'
import { PiecePool } from './pack-pool'
import { FileSink, publishNoClobber, replaceWith, type SinkFaults } from './sink'
import { cleanStrayTemps } from './temp-files'
import { PackWriteError } from './write-error'

export type { NewPackFile } from './archive-append'

export interface FaultHooks extends SinkFaults {
  /** Called just before the atomic rename; throw to simulate a crash/abort there. */
  readonly beforeRename?: () => void | Promise<void>
}

export interface AddFilesOptions {
  /** Called with the finished temp archive (archives only); throw to abort. Folders: not called. */
  readonly verify: (candidatePath: string) => Promise<void>
  readonly faults?: FaultHooks
  /**
   * The archive's entry names as stored, when the caller has listed them (ScanOptions onEntryName),
   * asked for once the files are made: spares a tar.gz a second pass through gunzip. A change to
   * the archive meanwhile is the caller's to catch (sign-node checks the file's stamp before the rename).
   */
  readonly names?: () => readonly string[] | undefined
}

export interface AddFilesResult {
  /** The file or folder actually written: for an archive reached through a symbolic link, its target. */
  readonly written: string
}

/**
 * The files to add, or a function giving them: an archive's kernel copy then starts while they are
 * made (a sign-off waits for its key to be derived: sign-node.ts). An error it throws propagates as
 * it is, once the temp file is gone.
 */
export type FilesToAdd = readonly NewPackFile[] | (() => Promise<readonly NewPackFile[]>)

function checkNewFiles(files: readonly NewPackFile[]): void {
  const seen = new Set<string>()
  for (const f of files) {
    const check = checkPackPath(f.path)
    if (!check.ok) throw new PackWriteError('unsafe-path', f.path, `Cannot add "${f.path}": ${check.issues.map((i) => i.reason).join('; ')}.`)
    if (seen.has(check.normalized)) throw new PackWriteError('target-exists', f.path, `"${f.path}" is given twice.`)
    seen.add(check.normalized)
  }
}

export async function addFilesToPack(location: string, toAdd: FilesToAdd, opts: AddFilesOptions): Promise<AddFilesResult> {
  const abs = resolve(location)
  const given = typeof toAdd === 'function' ? undefined : toAdd
  if (given) checkNewFiles(given)
  const kind = await detectContainer(abs).catch(() => undefined)
  if (kind === undefined) throw new PackWriteError('not-a-pack', abs, `${abs} is not a folder, zip, tar or tar.gz pack.`)
  const faults = opts.faults ?? {}
  if (kind === 'folder') {
    const files = given ?? (await (toAdd as () => Promise<readonly NewPackFile[]>)())
    if (!given) checkNewFiles(files)
    if (files.length > 0) await addToFolder(abs, files, faults)
    return { written: abs }
  }
  const target = await archiveTarget(abs)
  if (given && given.length === 0) return { written: target }
  await cleanStrayTemps(dirname(target), basename(target))
  // Appending deflates only the new files (this thread); a whole rewrite deflates the archive on every core.
  const small = new PiecePool({ expectBytes: 0 })
  let whole: PiecePool | undefined
  try {
    const plan: AppendPlan | undefined = kind === 'zip' ? await planZip(target) : kind === 'tar' ? await planTar(target) : await planTarGz(target, small, opts.names)
    if (!plan) whole = new PiecePool({ expectBytes: (await stat(target)).size })
    await writeCandidate(target, plan, toAdd, whole ?? small, opts)
  } finally {
    small.close()
    whole?.close()
  }
  return { written: target }
}

/**
 * The archive to rewrite: where a symbolic link points (the link itself is never replaced), a
 * regular file this user may write, with no other hard link.
 */
async function archiveTarget(abs: string): Promise<string> {
  const target = await realpath(abs).catch(() => abs)
  const st = await stat(target)
  const via = target === abs ? '' : ` (${abs} links to it)`
  const writable = (st.mode & 0o222) !== 0 && (await access(target, constants.W_OK).then(() => true, () => false))
  if (!writable) {
    throw new PackWriteError('read-only', target, `${target}${via} is read-only (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); nothing was written. Make it writable to sign it (chmod u+w), or sign a copy.`)
  }
  if (st.nlink > 1) {
    throw new PackWriteError('hard-linked', target, `${target}${via} has ${st.nlink} hard links; replacing it would leave the other names unsigned. Nothing was written; sign a copy (cp) instead.`)
  }
  return target
}

async function writeCandidate(target: string, plan: AppendPlan | undefined, toAdd: FilesToAdd, pool: PiecePool, opts: AddFilesOptions): Promise<void> {
  const faults = opts.faults ?? {}
  // The kernel copy is asked for first, then the files are made while it runs.
  const sinkReady = plan ? FileSink.fromCopy(target, target, plan.keep, faults) : FileSink.create(target, faults)
  sinkReady.catch(() => undefined)
  const made = typeof toAdd === 'function' ? toAdd() : Promise.resolve(toAdd)
  made.catch(() => undefined) // awaited below, after the copy: never an unhandled rejection meanwhile
  let sink: FileSink
  try {
    sink = await sinkReady
  } catch (e) {
    throw new PackWriteError('write-failed', target, `Cannot create a file beside ${target}: ${(e as Error).message}. The pack was not changed.`, e)
  }
  let files: readonly NewPackFile[]
  try {
    files = await made
    if (typeof toAdd === 'function') checkNewFiles(files)
    if (files.length === 0) throw new NothingToAdd()
    await plan?.refuse(files)
  } catch (e) {
    await sink.discard()
    if (e instanceof NothingToAdd) return
    throw e
  }
  try {
    if (plan) await plan.writeTail(sink, files)
    else await rewriteTarGz(target, files, sink, pool)
    await sink.flush()
  } catch (e) {
    await sink.discard()
    if (e instanceof PackWriteError) throw e
    throw new PackWriteError('write-failed', target, `Writing the new pack failed: ${(e as Error).message}. The pack was not changed.`, e)
  }
  // The copied bytes go to disk (fsync) while the candidate is verified; the rename waits for both.
  const durable = sink.finish().then(
    () => undefined,
    (e: unknown) => e
  )
  try {
    await opts.verify(sink.tempPath)
  } catch (e) {
    await durable
    await sink.discard()
    throw new PackWriteError('verify-failed', target, `The rewritten pack did not verify (${(e as Error).message}); the pack was not changed.`, e)
  }
  try {
    const syncError = await durable
    if (syncError) throw syncError
    // Keep the original's permissions (a pack kept 0600 stays 0600).
    await chmod(sink.tempPath, (await stat(target)).mode & 0o7777)
    await faults.beforeRename?.()
    await replaceWith(sink.tempPath, target)
  } catch (e) {
    await sink.discard()
    throw new PackWriteError('write-failed', target, `Replacing the pack failed: ${(e as Error).message}. The pack was not changed.`, e)
  }
}

class NothingToAdd extends Error {}

async function addToFolder(abs: string, files: readonly NewPackFile[], faults: FaultHooks): Promise<void> {
  const root = await bagRoot(abs)
  const targets = files.map((f) => ({ f, target: join(root, ...f.path.normalize('NFC').split('/')) }))
  // Check everything before writing anything: no existing target, no link or file on the way.
  for (const { f, target } of targets) {
    const segs = f.path.normalize('NFC').split('/')
    let p = root
    for (const seg of segs.slice(0, -1)) {
      p = join(p, seg)
      const st = await lstat(p).catch(() => undefined)
      if (st && !st.isDirectory()) throw new PackWriteError('unsupported-entry', p, `${p} is not a folder (a link or a file); nothing was written.`)
    }
    if (await lstat(target).then(() => true, () => false)) throw new PackWriteError('target-exists', target, `${target} already exists; nothing was overwritten.`)
  }
  const added: string[] = []
  const madeDirs: { made: string; parent: string }[] = []
  let sink: FileSink | undefined
  try {
    for (const { f, target } of targets) {
      const parent = dirname(target)
      const made = await mkdir(parent, { recursive: true })
      if (made) madeDirs.push({ made, parent })
      await cleanStrayTemps(parent)
      sink = await FileSink.create(target, faults)
      await sink.write(f.data)
      await sink.finish()
      await faults.beforeRename?.()
      await publishNoClobber(sink.tempPath, target)
      sink = undefined
      added.push(target)
    }
  } catch (e) {
    await sink?.discard()
    for (const t of added.reverse()) await unlink(t).catch(() => undefined)
    // Remove the folders this call created (rmdir only succeeds on empty ones).
    for (const { made, parent } of madeDirs.reverse()) {
      for (let p = parent; ; p = dirname(p)) {
        await rmdir(p).catch(() => undefined)
        if (p === made || p === dirname(p)) break
      }
    }
    if ((e as { code?: string }).code === 'EEXIST') throw new PackWriteError('target-exists', abs, `A file to add already exists; nothing was overwritten.`, e)
    throw new PackWriteError('write-failed', abs, `Adding files failed: ${(e as Error).message}. The pack was left as it was.`, e)
  }
}
