/**
 * The pack layer (docs/registry.md "The pack layer"): a POSIX tar of every regular file of the pack
 * except those under signoffs/, at the archive root, sorted by pack path, each with mode 0644,
 * uid/gid 0, mtime 1980-01-01T00:00:00Z, no directory entries, ending in zero blocks padded to a
 * 10 KiB record. The same pack gives the same bytes whatever container it came in, and signing it
 * again never changes them: sign-offs travel as referrers, not in the layer.
 */
import { createHash } from 'node:crypto'
import { createReadStream, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, open } from 'node:fs/promises'
import { join } from 'node:path'
import { listFolderFiles } from '../io/archive-write'
import { bagRoot } from '../io/folder-reader'
import { detectContainer } from '../io/open'
import { PackReadError } from '../io/reader'
import { tarStream } from '../io/tar-write'
import { ZIP_EPOCH_SECONDS } from '../io/zip-write'
import { extractTar, extractZip } from './extract-node'

export const LAYER_MTIME = ZIP_EPOCH_SECONDS

export const isSignoffPath = (p: string): boolean => p === 'signoffs' || p.startsWith('signoffs/')

/**
 * A folder holding the pack's bag: the pack itself when it is a folder, else the archive unpacked
 * into a new folder under `workDir`.
 */
export async function packFolder(location: string, workDir: string): Promise<string> {
  const kind = await detectContainer(location).catch(() => undefined)
  if (kind === undefined) throw new PackReadError('not-an-archive', location, `${location} is not a folder, zip, tar or tar.gz pack.`)
  if (kind === 'folder') return bagRoot(location)
  const dest = await mkdtemp(join(workDir, 'src-'))
  // Everything is unpacked (sign-offs too): the layer writer leaves signoffs/ out once the bag root is known.
  if (kind === 'zip') await extractZip(location, dest)
  else await extractTar(location, kind === 'tar.gz', dest)
  return bagRoot(dest)
}

export interface WrittenLayer {
  readonly path: string
  readonly digest: string
  readonly size: number
}

/** Writes the pack layer of the bag at `root` to a new file `outPath`. */
export async function writePackLayer(root: string, outPath: string): Promise<WrittenLayer> {
  const files = (await listFolderFiles(root)).filter((f) => !isSignoffPath(f.path))
  const specs = files.map((f) => ({
    path: f.path,
    size: f.size,
    data: (): AsyncIterable<Uint8Array> | Iterable<Uint8Array> => (f.size <= 1024 * 1024 ? [readFileSync(f.abs)] : (createReadStream(f.abs, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>))
  }))
  const hash = createHash('sha256')
  let size = 0
  const fh = await open(outPath, 'wx', 0o600)
  try {
    let pending: Uint8Array[] = []
    let pendingBytes = 0
    const flush = async (): Promise<void> => {
      if (pendingBytes === 0) return
      await fh.write(Buffer.concat(pending, pendingBytes))
      pending = []
      pendingBytes = 0
    }
    for await (const c of tarStream(specs, LAYER_MTIME)) {
      hash.update(c)
      size += c.length
      pending.push(Uint8Array.prototype.slice.call(c))
      pendingBytes += c.length
      if (pendingBytes >= 1024 * 1024) await flush()
    }
    await flush()
    await fh.sync()
  } finally {
    await fh.close()
  }
  return { path: outPath, digest: `sha256:${hash.digest('hex')}`, size }
}

/** A private working folder for one command (0700), created under `parent`. */
export async function workFolder(parent: string, prefix: string): Promise<string> {
  await mkdir(parent, { recursive: true })
  return mkdtemp(join(parent, prefix))
}
