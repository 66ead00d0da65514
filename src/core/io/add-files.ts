/**
 * addFilesToPack: embed new files (sign-offs) into a pack without ever losing the original.
 * Folder: each file goes to a temp file in its target folder, fsync, no-clobber link/rename,
 * fsync of the folder. Archive: a new archive is written beside the original (zip: existing
 * entries copied byte for byte; tar: entries copied; tar.gz: recompressed deterministically),
 * fsynced, verified by the caller, then renamed over the original. On any failure the temp file
 * is removed and the original is byte-identical. A temp file left by a killed process is
 * recognised by its name and removed by the next call.
 */
import { createReadStream } from 'node:fs'
import { chmod, lstat, mkdir, open, readdir, rmdir, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { createGunzip } from 'node:zlib'
import { checkPackPath, collisionKey } from '../format/paths'
import { ByteSource, Truncated } from './byte-source'
import { bagRoot } from './folder-reader'
import { detectContainer } from './open'
import { DEFAULT_LIMITS } from './reader'
import { detectTopLevel } from './scan-support'
import { FileSink, publishNoClobber, replaceWith, type SinkFaults } from './sink'
import { BLOCK, isZeroBlock, padding, parseHeader, parsePax, TarStructureError } from './tar-format'
import { tarStream, writeGzip } from './tar-write'
import { isProcessGone, parseTempName } from './temp-files'
import { PackWriteError } from './write-error'
import { readAt, readZipDirectory, ZipStructureError } from './zip-format'
import { centralRecord, dosDateTime, endRecords, writeZipEntryBuffer, ZIP_EPOCH_SECONDS, type ZipWritten } from './zip-write'

export interface FaultHooks extends SinkFaults {
  /** Called just before the atomic rename; throw to simulate a crash/abort there. */
  readonly beforeRename?: () => void | Promise<void>
}

export interface AddFilesOptions {
  /** Called with the finished temp archive (archives only); throw to abort. Folders: not called. */
  readonly verify: (candidatePath: string) => Promise<void>
  readonly faults?: FaultHooks
}

export interface NewPackFile {
  /** Pack path relative to the bag root, e.g. "signoffs/2026-...-owner.json". */
  readonly path: string
  readonly data: Uint8Array
}

const COPY_CHUNK = 1024 * 1024

export async function addFilesToPack(location: string, files: readonly NewPackFile[], opts: AddFilesOptions): Promise<void> {
  const abs = resolve(location)
  const seen = new Set<string>()
  for (const f of files) {
    const check = checkPackPath(f.path)
    if (!check.ok) throw new PackWriteError('unsafe-path', f.path, `Cannot add "${f.path}": ${check.issues.map((i) => i.reason).join('; ')}.`)
    if (seen.has(check.normalized)) throw new PackWriteError('target-exists', f.path, `"${f.path}" is given twice.`)
    seen.add(check.normalized)
  }
  const kind = await detectContainer(abs).catch(() => undefined)
  if (kind === undefined) throw new PackWriteError('not-a-pack', abs, `${abs} is not a folder, zip, tar or tar.gz pack.`)
  if (files.length === 0) return
  const faults = opts.faults ?? {}
  if (kind === 'folder') return addToFolder(abs, files, faults)
  await cleanStrayTemps(dirname(abs), basename(abs))
  let sink: FileSink
  try {
    sink = await FileSink.create(abs, faults)
  } catch (e) {
    throw new PackWriteError('write-failed', abs, `Cannot create a file beside ${abs}: ${(e as Error).message}. The pack was not changed.`, e)
  }
  try {
    if (kind === 'zip') await rewriteZip(abs, files, sink)
    else await rewriteTar(abs, kind === 'tar.gz', files, sink)
    await sink.finish()
    // Keep the original's permissions (a pack kept 0600 stays 0600).
    await chmod(sink.tempPath, (await stat(abs)).mode & 0o7777)
  } catch (e) {
    await sink.discard()
    if (e instanceof PackWriteError) throw e
    throw new PackWriteError('write-failed', abs, `Writing the new pack failed: ${(e as Error).message}. The pack was not changed.`, e)
  }
  try {
    await opts.verify(sink.tempPath)
  } catch (e) {
    await sink.discard()
    throw new PackWriteError('verify-failed', abs, `The rewritten pack did not verify (${(e as Error).message}); the pack was not changed.`, e)
  }
  try {
    await faults.beforeRename?.()
    await replaceWith(sink.tempPath, abs)
  } catch (e) {
    await sink.discard()
    throw new PackWriteError('write-failed', abs, `Replacing the pack failed: ${(e as Error).message}. The pack was not changed.`, e)
  }
}

/** Removes Vouch temp files in `dir` left by processes that no longer exist (only for `base` when given). */
export async function cleanStrayTemps(dir: string, base?: string): Promise<readonly string[]> {
  const removed: string[] = []
  const names = await readdir(dir).catch(() => [] as string[])
  for (const n of names) {
    const t = parseTempName(n)
    if (!t || (base !== undefined && t.base !== base) || !isProcessGone(t.pid)) continue
    const p = join(dir, n)
    const st = await lstat(p).catch(() => undefined)
    if (st?.isFile()) {
      await unlink(p).catch(() => undefined)
      removed.push(p)
    }
  }
  return removed
}

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

/** A new file may not share its name with an entry, even up to case and Unicode normalisation. */
function refuseExisting(names: readonly string[], prefix: string, files: readonly NewPackFile[]): void {
  const existing = new Set(names.map((n) => collisionKey(n.replace(/\/$/, ''))))
  for (const f of files) {
    if (existing.has(collisionKey(prefix + f.path))) throw new PackWriteError('target-exists', f.path, `${f.path} is already in the pack; nothing was overwritten.`)
  }
}

async function rewriteZip(abs: string, files: readonly NewPackFile[], sink: FileSink): Promise<void> {
  const fh = await open(abs, 'r')
  try {
    const size = (await fh.stat()).size
    let dir
    try {
      dir = await readZipDirectory(fh, size, DEFAULT_LIMITS.maxEntries)
    } catch (e) {
      if (e instanceof ZipStructureError) throw new PackWriteError('not-a-pack', abs, `${abs} is not a readable zip: ${e.message}`, e)
      throw e
    }
    if (dir.entries.length < dir.declaredCount) throw new PackWriteError('not-a-pack', abs, `${abs} has more entries than Vouch reads.`)
    const names = dir.entries.map((e) => e.name)
    const prefix = detectTopLevel(names).prefix
    refuseExisting(names, prefix, files)
    // Existing local entries are copied byte for byte (no recompression), so every offset in the
    // original central directory stays valid; new entries go after them, then both directories.
    for (let pos = 0; pos < dir.cdOffset; pos += COPY_CHUNK) await sink.write(await readAt(fh, pos, Math.min(COPY_CHUNK, dir.cdOffset - pos)))
    const dos = dosDateTime(ZIP_EPOCH_SECONDS)
    const written: ZipWritten[] = []
    for (const f of files) written.push(await writeZipEntryBuffer(sink, prefix + f.path, f.data, 8, dos))
    const cdOffset = sink.position
    for (let pos = 0; pos < dir.cdSize; pos += COPY_CHUNK) await sink.write(await readAt(fh, dir.cdOffset + pos, Math.min(COPY_CHUNK, dir.cdSize - pos)))
    for (const w of written) await sink.write(centralRecord(w))
    await sink.write(endRecords(dir.declaredCount + written.length, cdOffset, sink.position - cdOffset))
  } finally {
    await fh.close()
  }
}

async function rewriteTar(abs: string, gz: boolean, files: readonly NewPackFile[], sink: FileSink): Promise<void> {
  const file = createReadStream(abs, { highWaterMark: COPY_CHUNK })
  const gunzip = gz ? createGunzip() : undefined
  if (gunzip) {
    file.on('error', (e) => gunzip.destroy(e))
    file.pipe(gunzip)
  }
  const src = new ByteSource(((gunzip ?? file) as AsyncIterable<Buffer>)[Symbol.asyncIterator]())
  async function* bytes(): AsyncGenerator<Uint8Array> {
    const names: string[] = []
    let pax: Map<string, Buffer> | undefined
    let longName: Buffer | undefined
    for (;;) {
      const block = await src.read(BLOCK)
      if (block.length < BLOCK) throw new Truncated()
      if (isZeroBlock(block)) break
      const h = parseHeader(block)
      const body = h.size + padding(h.size)
      yield Buffer.from(block)
      if (h.typeflag === 'x' || h.typeflag === 'L') {
        const data = Buffer.from(await src.read(body))
        if (data.length < body) throw new Truncated()
        yield data
        if (h.typeflag === 'x') pax = parsePax(data.subarray(0, h.size)) ?? undefined
        else {
          const d = data.subarray(0, h.size)
          const z = d.indexOf(0)
          longName = z < 0 ? d : d.subarray(0, z)
        }
        continue
      }
      if (h.typeflag !== 'g' && h.typeflag !== 'K' && h.typeflag !== 'V') {
        const nameBytes = pax?.get('path') ?? longName ?? (h.prefix.length > 0 ? Buffer.concat([h.prefix, Buffer.from('/'), h.name]) : h.name)
        names.push(nameBytes.toString('utf8').replace(/^(\.\/)+/, ''))
        pax = undefined
        longName = undefined
      }
      for await (const c of src.chunks(body)) yield Buffer.from(c)
    }
    const prefix = detectTopLevel(names.filter((n) => n !== '')).prefix
    refuseExisting(names, prefix, files)
    const specs = files.map((f) => ({ path: prefix + f.path, size: f.data.length, data: () => [f.data] }))
    // src.position includes the end block just read (and not copied).
    yield* tarStream(specs, ZIP_EPOCH_SECONDS, { prefixBytes: src.position - BLOCK })
  }
  try {
    if (gz) await writeGzip(sink, bytes())
    else for await (const c of bytes()) await sink.write(c)
  } catch (e) {
    if (e instanceof Truncated || e instanceof TarStructureError) throw new PackWriteError('not-a-pack', abs, `${abs} is not a readable tar: ${e.message}.`, e)
    throw e
  } finally {
    file.destroy()
    gunzip?.destroy()
  }
}
