/**
 * openPackReader: the one entry point to read a pack, whatever its container.
 * Detects the container by content (magic bytes), never by extension: a PDF renamed .zip is
 * "not an archive", a zip renamed .tar is read as a zip. Opening an archive also removes the temp
 * copies a killed `vouch sign` of it left beside it (".<name>.vouch-tmp-<pid>-<hex>" whose process
 * is gone): the only thing reading a pack ever deletes, and only Vouch's own leftovers.
 */
import { open, realpath, stat } from 'node:fs/promises'
import { basename, dirname, resolve } from 'node:path'
import { gunzipSync, constants as zc } from 'node:zlib'
import { FolderReader } from './folder-reader'
import type { PackPass } from './pack-pass'
import { toPackReadError } from './read-errors'
import type { HashPoolOptions } from './hash-pool'
import { PackReadError, type ContainerKind, type PackReader } from './reader'
import { looksLikeTarHeader } from './tar-format'
import { TarReader } from './tar-reader'
import { cleanStrayTemps } from './temp-files'
import { ZipReader } from './zip-reader'

export interface OpenOptions {
  /** Folder hashing: worker count (0 = in this thread) and worker script (tests). */
  readonly hashPool?: Pick<HashPoolOptions, 'workers' | 'workerFile' | 'workerExecArgv'>
  /** A folder being packed as it is verified: one walk and one read of each file (pack-pass.ts). */
  readonly pass?: PackPass
}

const SNIFF_BYTES = 64 * 1024

export async function openPackReader(location: string, opts: OpenOptions = {}): Promise<PackReader> {
  const abs = resolve(location)
  let st
  try {
    st = await stat(abs)
  } catch (e) {
    throw toPackReadError(e, abs)
  }
  if (st.isDirectory()) return new FolderReader(abs, opts.hashPool ?? {}, opts.pass)
  if (st.isFile()) {
    // A sign-off killed mid-write left a temp copy of this archive beside it (up to its size): gone now.
    const real = await realpath(abs).catch(() => abs)
    await cleanStrayTemps(dirname(real), basename(real))
  }
  const kind = await archiveKind(abs, st)
  return kind === 'zip' ? new ZipReader(abs, opts.hashPool ?? {}) : new TarReader(abs, kind)
}

/** Detects the container kind from the first bytes; undefined when it is none of them. */
export async function detectContainer(location: string): Promise<ContainerKind | undefined> {
  const st = await stat(location)
  if (st.isDirectory()) return 'folder'
  return sniff(location)
}

/**
 * The container of a location, by content, or the typed reason it is none: not-found, unreadable,
 * or not an Assurance Pack (empty-file, not-an-archive: "not a valid zip, checked by its content"
 * for a file named .zip). What hosts call before they accept a path.
 */
export async function probeContainer(location: string): Promise<ContainerKind> {
  const abs = resolve(location)
  let st
  try {
    st = await stat(abs)
  } catch (e) {
    throw toPackReadError(e, abs)
  }
  return st.isDirectory() ? 'folder' : archiveKind(abs, st)
}

async function archiveKind(abs: string, st: { isFile(): boolean; size: number }): Promise<Exclude<ContainerKind, 'folder'>> {
  const notAPack = (code: 'empty-file' | 'not-an-archive', reason: string): PackReadError =>
    new PackReadError(code, abs, `${abs} is not an Assurance Pack (${reason}).`, reason)
  if (!st.isFile()) throw notAPack('not-an-archive', 'neither a folder nor a file')
  if (st.size === 0) throw notAPack('empty-file', 'an empty file, 0 bytes')
  const kind = await sniff(abs)
  if (kind === undefined) throw notAPack('not-an-archive', `${claimedKind(abs)}, checked by its content`)
  return kind
}

/** What the file's name claims to be, in the words of the refusal ("not a valid zip"). */
function claimedKind(abs: string): string {
  const name = abs.toLowerCase()
  if (name.endsWith('.zip')) return 'not a valid zip'
  if (name.endsWith('.tar.gz') || name.endsWith('.tgz')) return 'not a valid tar.gz'
  if (name.endsWith('.tar')) return 'not a valid tar'
  return 'not a folder, zip, tar or tar.gz'
}

async function sniff(abs: string): Promise<Exclude<ContainerKind, 'folder'> | undefined> {
  let head: Buffer
  try {
    const fh = await open(abs, 'r')
    try {
      const buf = Buffer.alloc(SNIFF_BYTES)
      const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0)
      head = buf.subarray(0, bytesRead)
    } finally {
      await fh.close()
    }
  } catch (e) {
    throw toPackReadError(e, abs)
  }
  const sig = head.length >= 4 ? head.readUInt32LE(0) : 0
  // Local file header, or the end record of an empty zip.
  if (sig === 0x04034b50 || sig === 0x06054b50) return 'zip'
  if (head[0] === 0x1f && head[1] === 0x8b) {
    // A gzip file is a pack only if it holds a tar: inflate the start (tolerating the cut-off) and look.
    // A bomb's first 64 KiB may expand past the cap (RangeError): then look at its first 1000 bytes only.
    const inner = tryGunzipHead(head) ?? tryGunzipHead(head.subarray(0, 1000))
    if (!inner) return undefined
    return looksLikeTarHeader(inner) ? 'tar.gz' : undefined
  }
  if (looksLikeTarHeader(head)) return 'tar'
  return undefined
}

function tryGunzipHead(b: Buffer): Buffer | undefined {
  try {
    return gunzipSync(b, { finishFlush: zc.Z_SYNC_FLUSH, maxOutputLength: 1024 * 1024 })
  } catch {
    return undefined
  }
}
