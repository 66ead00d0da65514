/**
 * Deterministic archives from a folder: packing the same folder twice gives identical bytes
 * (sorted entries, fixed times and attributes, fixed gzip header, the store rule decided from the
 * content, pieces the same whatever the number of cores: pack-write.ts). Regular files only: a
 * symlink or special file in the folder is an error, never followed. Written to a temp file beside
 * outPath, fsynced, then moved into place, so outPath is either complete or untouched.
 */
import { createReadStream, lstatSync, readFileSync } from 'node:fs'
import { lstat, readdir, realpath } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import { compareNfcPaths, sortByPackPath } from '../format/path-order'
import { checkPackPath } from '../format/paths'
import { isPlainPath } from './entry-gate'
import { CancelledError } from './reader'
import { FileSink, publishNoClobber, replaceWith, type SinkFaults } from './sink'
import { tarStream } from './tar-write'
import type { PackPass } from './pack-pass'
import { PiecePool, SPAWN_BYTES, type PiecePoolOptions } from './pack-pool'
import { PackSourceError, writeTarGzBody, writeZipBody, type Compression } from './pack-write'
import { parseTempName } from './temp-files'
import { PackWriteError } from './write-error'
import { dosDateTime, endRecords, SMALL_ENTRY_BYTES, ZIP_EPOCH_SECONDS } from './zip-write'

export type ArchiveKind = 'zip' | 'tar' | 'tar.gz'

export interface WriteArchiveOptions {
  /** 'auto' (default): each file stored or deflated by the store rule (pieces.ts); 'store' / 'deflate': all files so (tar: ignored). */
  readonly compression?: Compression
  /** Compression workers (tests force them on or off); default one per core when the pack is big enough. */
  readonly pool?: Omit<PiecePoolOptions, 'expectBytes'>
  /** Fixed timestamp for every entry (seconds since epoch, e.g. SOURCE_DATE_EPOCH); default 1980-01-01T00:00:00Z. */
  readonly sourceDateEpoch?: number
  /** Replace an existing outPath (default false: PackWriteError 'target-exists'). */
  readonly overwrite?: boolean
  readonly signal?: AbortSignal
  /**
   * Zip: share one pass with the folder's verification (pack-pass.ts): take the verifier's listing
   * when it has the whole folder, and SHA-256 what is packed for it. Closed here once the entries are
   * written or packing failed, so the verifier is never left waiting.
   */
  readonly pass?: PackPass
  /** Runs once the archive is complete and fsynced, before it is moved into place; throw to discard it. */
  readonly beforePublish?: () => Promise<void>
  /** Tests: inject write failures. */
  readonly faults?: SinkFaults
}

export interface FolderFile {
  /** Pack path ('/'-separated, NFC). */
  readonly path: string
  readonly abs: string
  readonly size: number
}

/** Every regular file under `folder`, sorted by pack path; refuses links, special files and unsafe names. */
export async function listFolderFiles(folder: string): Promise<FolderFile[]> {
  const out: FolderFile[] = []
  async function walk(dir: string, rel: string): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true })
    for (const d of entries) {
      const path = rel ? `${rel}/${d.name}` : d.name
      const abs = join(dir, d.name)
      if (d.isFile() && parseTempName(d.name)) continue // our own stray temp file
      // A plain ASCII path (the common case) is its own normal form and breaks no rule: skip the full check.
      const check = isPlainPath(path) ? undefined : checkPackPath(path)
      if (check && !check.ok) throw new PackWriteError('unsafe-path', abs, `${abs}: ${check.issues.map((i) => i.reason).join('; ')}.`)
      if (d.isDirectory()) await walk(abs, path)
      else if (d.isFile()) {
        if (out.length % 512 === 511) await new Promise((r) => setImmediate(r))
        out.push({ path: check?.normalized ?? path, abs, size: lstatSync(abs).size })
      }
      else throw new PackWriteError('unsupported-entry', abs, `${abs} is a ${d.isSymbolicLink() ? 'symbolic link' : 'special file'}; a pack holds regular files only.`)
    }
  }
  await walk(folder, '')
  return sortByPackPath(out, (f) => f.path)
}

let smallReads = 0

/**
 * Small files are read synchronously (one call instead of four thread-pool round trips each), with
 * a yield to the event loop every 64 files so the host stays responsive.
 */
async function readSmall(abs: string, signal: AbortSignal | undefined): Promise<Buffer> {
  if (signal?.aborted) throw new CancelledError()
  if (++smallReads % 64 === 0) await new Promise((r) => setImmediate(r))
  return readFileSync(abs)
}

async function* fileChunks(abs: string, size: number, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  // One read for small files: a stream per file costs more than the file (thousands of small files).
  if (size <= SMALL_ENTRY_BYTES) {
    yield await readSmall(abs, signal)
    return
  }
  for await (const c of createReadStream(abs, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    if (signal?.aborted) throw new CancelledError()
    yield c
  }
}

interface Feed {
  /** The files (all of them, or the first ones of a walk still going on: then `rest`). */
  readonly first: readonly FolderFile[]
  readonly rest?: AsyncIterator<readonly FolderFile[]>
  /** Bytes in `first` (what decides whether compression workers are worth starting). */
  readonly bytes: number
}

/**
 * The files to archive: the verifier's, as its walk finds them (pack-pass.ts), when it walks this
 * very folder (zip only: the pass is closed for the other kinds); else this module's own walk.
 */
async function filesToPack(src: string, pass: PackPass | undefined): Promise<Feed> {
  if (!pass || !(await pass.shared())) {
    const first = await listFolderFiles(src)
    return { first, bytes: first.reduce((n, f) => n + f.size, 0) }
  }
  // Enough of the walk to know whether workers pay (the pool's threshold), then the rest as it comes.
  const rest = pass.files()
  const first: FolderFile[] = []
  let bytes = 0
  while (bytes < SPAWN_BYTES) {
    const r = await rest.next()
    if (r.done) return { first, bytes }
    for (const f of r.value) {
      first.push(f)
      bytes += f.size
    }
  }
  return { first, rest, bytes }
}

/** `first`, then the rest of the walk, checked to come in pack-path order (the archive's order). */
async function* inOrder(first: readonly FolderFile[], rest: AsyncIterator<readonly FolderFile[]>): AsyncGenerator<readonly FolderFile[]> {
  let prev: string | undefined
  const checked = (batch: readonly FolderFile[]): readonly FolderFile[] => {
    for (const f of batch) {
      if (prev !== undefined && compareNfcPaths(prev, f.path) >= 0) throw new Error(`the folder's walk gave ${f.path} after ${prev}`)
      prev = f.path
    }
    return batch
  }
  yield checked(first)
  for (let r = await rest.next(); !r.done; r = await rest.next()) yield checked(r.value)
}

export async function writeArchiveFromFolder(folder: string, outPath: string, kind: ArchiveKind, opts: WriteArchiveOptions = {}): Promise<void> {
  if (kind !== 'zip') opts.pass?.close()
  try {
    await writeArchive(folder, outPath, kind, opts)
  } finally {
    opts.pass?.close() // however it ended, the verifier is never left waiting for a digest
  }
}

async function writeArchive(folder: string, outPath: string, kind: ArchiveKind, opts: WriteArchiveOptions): Promise<void> {
  const src = resolve(folder)
  const out = resolve(outPath)
  const st = await lstat(src).catch(() => undefined)
  if (!st?.isDirectory()) throw new PackWriteError('not-a-pack', src, `${src} is not a folder.`)
  const realSrc = await realpath(src)
  const realOutDir = await realpath(dirname(out)).catch(() => dirname(out))
  const inside = relative(realSrc, join(realOutDir, basename(out)))
  if (!inside.startsWith('..') && !inside.startsWith(sep) && inside !== '') {
    throw new PackWriteError('output-inside-source', out, `${out} is inside ${src}: the archive would contain itself.`)
  }
  if (!opts.overwrite && (await lstat(out).then(() => true, () => false))) {
    throw new PackWriteError('target-exists', out, `${out} already exists; nothing was overwritten.`)
  }
  const feed = await filesToPack(src, opts.pass)
  const files = feed.first
  const epoch = opts.sourceDateEpoch ?? ZIP_EPOCH_SECONDS
  let sink: FileSink
  try {
    sink = await FileSink.create(out, opts.faults ?? {})
  } catch (e) {
    throw new PackWriteError('write-failed', out, `Cannot create a file beside ${out}: ${(e as Error).message}.`, e)
  }
  // Plain tar copies bytes in order: no compression, no workers.
  const pool = kind === 'tar' ? undefined : new PiecePool({ ...opts.pool, expectBytes: feed.bytes })
  try {
    const compression = opts.compression ?? 'auto'
    if (pool && kind === 'zip') {
      const central = await writeZipBody(sink, feed.rest ? inOrder(files, feed.rest) : [files], pool, dosDateTime(epoch), compression, opts.signal, opts.pass)
      opts.pass?.close() // before beforePublish: the verification it awaits may wait for digests
      const cdOffset = sink.position
      await sink.write(Buffer.concat(central))
      await sink.write(endRecords(central.length, cdOffset, sink.position - cdOffset))
    } else if (pool) {
      await writeTarGzBody(sink, files, pool, epoch, compression, opts.signal)
    } else {
      const specs = files.map((f) => ({ path: f.path, size: f.size, data: () => fileChunks(f.abs, f.size, opts.signal) }))
      for await (const c of tarStream(specs, epoch)) await sink.write(c)
    }
    await sink.finish()
    await opts.beforePublish?.()
    if (opts.overwrite) await replaceWith(sink.tempPath, out)
    else await publishNoClobber(sink.tempPath, out)
  } catch (e) {
    await sink.discard()
    if (e instanceof CancelledError || e instanceof PackWriteError) throw e
    if (e instanceof PackSourceError) throw new PackWriteError('write-failed', e.path, `${e.message}; nothing was written.`, e)
    const code = (e as { code?: string }).code
    if (code === 'EEXIST') throw new PackWriteError('target-exists', out, `${out} already exists; nothing was overwritten.`, e)
    throw new PackWriteError('write-failed', out, `Writing ${out} failed: ${(e as Error).message}. Nothing was left behind.`, e)
  } finally {
    pool?.close()
  }
}
