/**
 * Reads predictions files back out of a pack after the verifying scan, for recomputation.
 * A folder is read directly (streamed, hashed again so the bytes recomputed from are the bytes
 * that verified); an archive's predictions come from the verifying scan when it kept them (a tar
 * or tar.gz keeps its payload CSVs: verify-step.ts keepLikelyPredictions), else from a second scan
 * that reads only them (in memory, up to the reader's 64 MiB keep cap). Gzip is inflated here,
 * with a ratio cap.
 */
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { Readable } from 'node:stream'
import { createGunzip } from 'node:zlib'
import { bagRoot, FolderReader } from '../io/folder-reader'
import { CancelledError, type PackReader, type ScannedFile } from '../io/reader'
import type { OpenPayload, PayloadStream } from './reproduce'
import { TableLoadError } from './table'

const CHUNK = 1024 * 1024
/** A gzip predictions file may inflate to at most this many times its size (plus 64 MiB). */
export const MAX_GUNZIP_RATIO = 200

async function* fileChunks(abs: string, hash: ReturnType<typeof createHash>, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  const fh = await open(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0))
  try {
    const buf = Buffer.allocUnsafe(CHUNK)
    for (;;) {
      if (signal?.aborted) throw new CancelledError()
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null)
      if (bytesRead === 0) return
      const part = buf.subarray(0, bytesRead)
      hash.update(part)
      // The consumer finishes with a chunk before asking for the next, so the buffer can be reused.
      yield part
    }
  } finally {
    await fh.close()
  }
}

async function* gunzipped(path: string, raw: AsyncIterable<Uint8Array>, compressedSize: () => number): AsyncGenerator<Uint8Array> {
  const z = createGunzip()
  const src = Readable.from(raw, { objectMode: false })
  src.on('error', (e) => z.destroy(e))
  src.pipe(z)
  let out = 0
  try {
    for await (const c of z as AsyncIterable<Buffer>) {
      out += c.length
      if (out > MAX_GUNZIP_RATIO * compressedSize() + 64 * 1024 * 1024) throw new TableLoadError(path, `inflates to more than ${MAX_GUNZIP_RATIO} times its size (a gzip bomb?); not read`)
      yield c
    }
  } catch (e) {
    if (e instanceof TableLoadError || e instanceof CancelledError) throw e
    if (e instanceof Error && 'code' in e && typeof e.code === 'string' && e.code.startsWith('Z_')) throw new TableLoadError(path, `is not a valid gzip stream (${e.message})`)
    throw e
  } finally {
    src.destroy()
    z.destroy()
  }
}

async function* counted(chunks: AsyncIterable<Uint8Array>, add: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const c of chunks) {
    add(c.length)
    yield c
  }
}

function streamOf(path: string, raw: AsyncIterable<Uint8Array>, gunzip: boolean, sha256: () => string | undefined): PayloadStream {
  let size = 0
  const bytes = counted(raw, (n) => (size += n))
  return { chunks: gunzip ? gunzipped(path, bytes, () => size) : bytes, sha256 }
}

/**
 * An opener over the pack `reader` verified; `paths` are every file that will be opened (archives
 * rescan once for all, unless `scanned`, the verifying scan's files, kept them all already).
 */
export function payloadOpener(reader: PackReader, paths: readonly string[], signal?: AbortSignal, scanned: readonly ScannedFile[] = []): OpenPayload {
  if (reader instanceof FolderReader) {
    const root = bagRoot(reader.location)
    return async (path, { gunzip }) => {
      const abs = join(await root, ...path.split('/'))
      const hash = createHash('sha256')
      let digest: string | undefined
      const raw = (async function* () {
        try {
          yield* fileChunks(abs, hash, signal)
        } catch (e) {
          if (e instanceof CancelledError) throw e
          throw new TableLoadError(path, `cannot be read again for recomputation (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`)
        }
        digest = hash.digest('hex')
      })()
      return streamOf(path, raw, gunzip, () => digest)
    }
  }
  const wanted = new Set(paths)
  const kept = new Map(scanned.filter((f) => wanted.has(f.entry.path) && f.content).map((f) => [f.entry.path, { content: f.content, sha256: f.sha256 }]))
  let rescan: Promise<Map<string, { content?: Uint8Array; sha256: string }>> | undefined
  return async (path, { gunzip }) => {
    if (kept.size === wanted.size) rescan ??= Promise.resolve(kept)
    rescan ??= reader
      // keptOnly: only the predictions files are read (and hashed) again, not the whole archive.
      .scan({ keep: (p) => wanted.has(p), keptOnly: true, onFinding: () => undefined, ...(signal ? { signal } : {}) })
      .then((files) => new Map(files.filter((f) => wanted.has(f.entry.path)).map((f) => [f.entry.path, { ...(f.content ? { content: f.content } : {}), sha256: f.sha256 }])))
    const got = (await rescan).get(path)
    if (!got) throw new TableLoadError(path, 'is no longer in the archive')
    const content = got.content
    if (!content) throw new TableLoadError(path, 'is larger than the 64 MiB that can be recomputed from inside an archive; extract the pack and verify the folder', undefined, undefined, 'unavailable')
    const one = (async function* () {
      yield content
    })()
    return streamOf(path, one, gunzip, () => got.sha256)
  }
}
