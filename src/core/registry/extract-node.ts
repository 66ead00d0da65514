/**
 * Unpacking a pack archive (tar, tar.gz, zip) into a fresh, private folder, which the registry
 * commands need to build a pack layer from an archive and to turn a pulled layer into a folder or
 * another archive. Only regular files and directories are created; every name must be a safe pack
 * path; nothing is overwritten (exclusive create), so a hostile archive cannot write outside the
 * folder or over itself. Sizes are bounded by the declared sizes and the verifier's limits.
 */
import { createReadStream } from 'node:fs'
import { mkdir, open, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { createGunzip, createInflateRaw } from 'node:zlib'
import { checkPackPath } from '../format/paths'
import { ByteSource, Truncated } from '../io/byte-source'
import { DEFAULT_LIMITS } from '../io/reader'
import { BLOCK, isZeroBlock, padding, parseHeader, parsePax, TarStructureError } from '../io/tar-format'
import { readAt, readLocalHeader, readZipDirectory, WindowReader, ZipStructureError, zipEntryKind } from '../io/zip-format'

export class ExtractError extends Error {
  constructor(
    readonly archive: string,
    message: string
  ) {
    super(`${archive}: ${message}`)
    this.name = 'ExtractError'
  }
}

export interface ExtractOptions {
  /** Entries to leave out, by stored name without "./" (e.g. everything under signoffs/). */
  readonly skip?: (name: string) => boolean
  readonly maxEntries?: number
  readonly maxTotalBytes?: number
  /** What messages call the archive (default: its path), e.g. "the pack layer" for a private temporary file. */
  readonly label?: string
}

class Budget {
  entries = 0
  bytes = 0
  constructor(
    private readonly archive: string,
    private readonly opts: ExtractOptions
  ) {}
  entry(): void {
    if (++this.entries > (this.opts.maxEntries ?? DEFAULT_LIMITS.maxEntries)) throw new ExtractError(this.archive, `more than ${this.opts.maxEntries ?? DEFAULT_LIMITS.maxEntries} entries`)
  }
  add(n: number): void {
    this.bytes += n
    if (this.bytes > (this.opts.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes)) throw new ExtractError(this.archive, `more than ${this.opts.maxTotalBytes ?? DEFAULT_LIMITS.maxTotalBytes} bytes`)
  }
}

/** "./a/b/" -> "a/b"; refuses anything that is not a safe pack path. */
function safeName(archive: string, stored: string, isDir: boolean): string | undefined {
  let n = stored.replace(/^(\.\/)+/, '')
  if (isDir) n = n.replace(/\/+$/, '')
  if (n === '' || n === '.') return undefined
  const c = checkPackPath(n)
  if (!c.ok) throw new ExtractError(archive, `entry "${n.slice(0, 200)}" is not a safe path (${c.issues.map((i) => i.reason).join('; ')})`)
  return c.normalized
}

async function makeDir(archive: string, dest: string, name: string): Promise<void> {
  await mkdir(join(dest, ...name.split('/')), { recursive: true }).catch((e: unknown) => {
    throw new ExtractError(archive, `cannot create the folder "${name}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}): a file of that name came first?`)
  })
}

async function createFile(archive: string, dest: string, name: string): Promise<FileHandle> {
  const abs = join(dest, ...name.split('/'))
  await mkdir(dirname(abs), { recursive: true }).catch((e: unknown) => {
    throw new ExtractError(archive, `cannot create the folder for "${name}": ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  })
  try {
    return await open(abs, 'wx', 0o644)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new ExtractError(archive, code === 'EEXIST' ? `"${name}" appears twice (or differs from another entry only by case)` : `cannot create "${name}": ${code ?? (e as Error).message}`)
  }
}

async function writeAll(fh: FileHandle, chunks: AsyncIterable<Uint8Array>, budget: Budget, declared: number, archive: string, name: string): Promise<void> {
  let n = 0
  for await (const c of chunks) {
    n += c.length
    if (n > declared) throw new ExtractError(archive, `"${name}" holds more bytes than its header declares`)
    budget.add(c.length)
    await fh.write(c)
  }
  if (n !== declared) throw new ExtractError(archive, `"${name}" holds ${n} bytes, its header declares ${declared}`)
}

/** Extracts a tar (gzip: tar.gz) into `dest` (an existing empty folder). */
export async function extractTar(path: string, gzip: boolean, dest: string, opts: ExtractOptions = {}): Promise<void> {
  const archive = opts.label ?? path
  const file = createReadStream(path, { highWaterMark: 1024 * 1024 })
  const gunzip = gzip ? createGunzip() : undefined
  if (gunzip) {
    file.on('error', (e) => gunzip.destroy(e))
    file.pipe(gunzip)
  }
  const src = new ByteSource(((gunzip ?? file) as AsyncIterable<Buffer>)[Symbol.asyncIterator]())
  const budget = new Budget(archive, opts)
  let pax = new Map<string, Buffer>()
  let longName: Buffer | undefined
  try {
    for (;;) {
      const block = await src.read(BLOCK)
      if (block.length === 0) throw new Truncated()
      if (block.length < BLOCK) throw new Truncated()
      if (isZeroBlock(block)) return
      const h = parseHeader(block)
      if (h.typeflag === 'x' || h.typeflag === 'L' || h.typeflag === 'g') {
        if (h.size > 1024 * 1024) throw new ExtractError(archive, `a metadata header of ${h.size} bytes`)
        const data = Buffer.from(await src.read(h.size))
        if (data.length < h.size) throw new Truncated()
        await src.skip(padding(h.size))
        if (h.typeflag === 'x') pax = parsePax(data) ?? fail(archive, 'malformed pax header')
        else if (h.typeflag === 'L') longName = data.subarray(0, data.indexOf(0) < 0 ? data.length : data.indexOf(0))
        continue
      }
      const raw = pax.get('path') ?? longName ?? (h.prefix.length > 0 ? Buffer.concat([h.prefix, Buffer.from('/'), h.name]) : h.name)
      const size = pax.has('size') ? Number((pax.get('size') as Buffer).toString('latin1')) : h.size
      pax = new Map()
      longName = undefined
      if (!Number.isSafeInteger(size) || size < 0) throw new ExtractError(archive, 'invalid entry size')
      let stored: string
      try {
        stored = new TextDecoder('utf-8', { fatal: true }).decode(raw)
      } catch {
        throw new ExtractError(archive, 'an entry name is not valid UTF-8')
      }
      const isDir = h.typeflag === '5' || ((h.typeflag === '0' || h.typeflag === '7') && stored.endsWith('/'))
      if (!isDir && h.typeflag !== '0' && h.typeflag !== '7') throw new ExtractError(archive, `"${stored.slice(0, 200)}" is a ${h.typeflag === '1' ? 'hard link' : h.typeflag === '2' ? 'symbolic link' : `type '${h.typeflag}' entry`}; packs hold regular files only`)
      budget.entry()
      const name = safeName(archive, stored, isDir)
      if (isDir || name === undefined || opts.skip?.(name)) {
        await src.skip(size + padding(size))
        if (isDir && name !== undefined && !opts.skip?.(name)) await makeDir(archive, dest, name)
        continue
      }
      const fh = await createFile(archive, dest, name)
      try {
        await writeAll(fh, src.chunks(size), budget, size, archive, name)
      } finally {
        await fh.close()
      }
      await src.skip(padding(size))
    }
  } catch (e) {
    if (e instanceof Truncated) throw new ExtractError(archive, 'the archive is cut off')
    if (e instanceof TarStructureError) throw new ExtractError(archive, `invalid tar header: ${e.message}`)
    const code = (e as { code?: unknown } | undefined)?.code
    if (typeof code === 'string' && (code.startsWith('Z_') || code === 'ERR_STREAM_PREMATURE_CLOSE')) throw new ExtractError(archive, 'the gzip stream is corrupt or truncated')
    throw e
  } finally {
    file.destroy()
    gunzip?.destroy()
  }
}

function fail(archive: string, why: string): never {
  throw new ExtractError(archive, why)
}

/** Extracts a zip (stored and deflate entries) into `dest` (an existing empty folder). */
export async function extractZip(archive: string, dest: string, opts: ExtractOptions = {}): Promise<void> {
  const fh = await open(archive, 'r')
  const budget = new Budget(archive, opts)
  try {
    let dir
    try {
      dir = await readZipDirectory(fh, (await fh.stat()).size, opts.maxEntries ?? DEFAULT_LIMITS.maxEntries)
    } catch (e) {
      if (e instanceof ZipStructureError) throw new ExtractError(archive, e.message)
      throw e
    }
    if (dir.entries.length < dir.declaredCount) throw new ExtractError(archive, 'more entries than Vouch reads')
    const win = new WindowReader(fh)
    for (const e of dir.entries) {
      budget.entry()
      if (!e.nameIsUtf8) throw new ExtractError(archive, 'an entry name is not valid UTF-8')
      const kind = zipEntryKind(e)
      if (kind !== 'file' && kind !== 'dir') throw new ExtractError(archive, `"${e.name.slice(0, 200)}" is a ${kind === 'symlink' ? 'symbolic link' : 'special file'}; packs hold regular files only`)
      const name = safeName(archive, e.name, kind === 'dir')
      if (name === undefined || opts.skip?.(name)) continue
      if (kind === 'dir') {
        await makeDir(archive, dest, name)
        continue
      }
      if ((e.flags & 0x41) !== 0) throw new ExtractError(archive, `"${name}" is encrypted`)
      if (e.method !== 0 && e.method !== 8) throw new ExtractError(archive, `"${name}" uses compression method ${e.method} (stored or deflate only)`)
      const lh = await readLocalHeader(win.read, e.localHeaderOffset).catch((err: unknown) => {
        throw err instanceof ZipStructureError ? new ExtractError(archive, `"${name}": ${err.message}`) : err
      })
      if (!lh.nameBytes.equals(e.nameBytes) || lh.method !== e.method) throw new ExtractError(archive, `"${name}": the local header disagrees with the central directory`)
      const raw = rangeChunks(fh, lh.dataOffset, e.compressedSize)
      let chunks: AsyncIterable<Uint8Array> = raw
      let inflate: ReturnType<typeof createInflateRaw> | undefined
      if (e.method === 8) {
        inflate = createInflateRaw({ chunkSize: 256 * 1024, maxOutputLength: Math.max(1, e.uncompressedSize + 1) })
        const source = Readable.from(raw)
        source.on('error', (err) => inflate?.destroy(err))
        chunks = source.pipe(inflate)
      }
      const out = await createFile(archive, dest, name)
      try {
        await writeAll(out, chunks, budget, e.uncompressedSize, archive, name)
      } catch (err) {
        if (err instanceof ExtractError) throw err
        throw new ExtractError(archive, `"${name}": compressed data is invalid (${(err as Error).message})`)
      } finally {
        inflate?.destroy()
        await out.close()
      }
    }
  } finally {
    await fh.close()
  }
}

async function* rangeChunks(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  for (let pos = start; pos < start + length; ) {
    const buf = await readAt(fh, pos, Math.min(1024 * 1024, start + length - pos))
    if (buf.length === 0) throw new Truncated()
    pos += buf.length
    yield buf
  }
}
