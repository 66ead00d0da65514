/**
 * Zip reader: central directory first, every local header cross-checked against it, overlapping
 * ranges refused before anything is inflated, inflation capped at the declared size + 1.
 * Stored and deflate only. Nothing is extracted; memory stays bounded.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { createInflateRaw, inflateRawSync } from 'node:zlib'
import type { Finding } from '../findings'
import { queueOptions, type HashPoolOptions } from './hash-pool'
import { HashQueue } from './hash-queue'
import { isFsError, toPackReadError } from './read-errors'
import { containerFinding } from './codes'
import { EntryGate, RATIO_FLOOR_BYTES, resolveLimits } from './entry-gate'
import type { PackReader, ScanOptions, ScannedFile, ScanProgress } from './reader'
import {
  consumeBounded,
  detectTopLevel,
  ProgressTicker,
  reportOutside,
  sizeMismatch,
  throwIfAborted,
  wantContent,
  type Consumed
} from './scan-support'
import {
  LOCAL_HEADER_LEN,
  minDescriptorLength,
  readAt,
  readLocalHeader,
  readZipDirectory,
  WindowReader,
  ZipStructureError,
  zipEntryKind,
  type ZipDirectory,
  type ZipEntry
} from './zip-format'

type PoolSettings = Pick<HashPoolOptions, 'workers' | 'workerFile' | 'workerExecArgv'>

const CHUNK = 1024 * 1024
/** Entries at most this big (compressed and declared) are inflated in one call. */
const SMALL_ENTRY = 4 * 1024 * 1024

export class ZipReader implements PackReader {
  readonly kind = 'zip' as const
  constructor(
    readonly location: string,
    /** Hash-pool settings for stored entries (tests force workers on or off). */
    private readonly pool: PoolSettings = {}
  ) {}

  async scan(
    opts: ScanOptions & { readonly keep?: (path: string, size: number) => boolean; readonly onProgress?: (p: ScanProgress) => void }
  ): Promise<readonly ScannedFile[]> {
    const fh = await open(this.location, 'r').catch((e: unknown) => {
      throw toPackReadError(e, this.location)
    })
    try {
      return await scanZip(fh, this.location, (await fh.stat()).size, opts, this.pool)
    } catch (e) {
      throw isFsError(e) ? toPackReadError(e, this.location) : e
    } finally {
      await fh.close()
    }
  }

  async close(): Promise<void> {}
}

interface Planned {
  readonly entry: ZipEntry
  readonly path: string
}

interface Ready extends Planned {
  readonly dataOffset: number
  readonly keep: boolean
}

/** Deflated entries inflated at once (zlib works on the libuv pool). */
const INFLATE_LANES = 3

async function scanZip(
  fh: FileHandle,
  location: string,
  fileSize: number,
  opts: ScanOptions & { readonly keep?: (path: string, size: number) => boolean; readonly onProgress?: (p: ScanProgress) => void },
  pool: PoolSettings
): Promise<readonly ScannedFile[]> {
  const report = opts.onFinding
  const limits = resolveLimits(opts.limits)
  const gate = new EntryGate(limits, report)
  throwIfAborted(opts.signal)
  let dir: ZipDirectory
  try {
    dir = await readZipDirectory(fh, fileSize, limits.maxEntries)
  } catch (e) {
    if (e instanceof ZipStructureError) {
      report(containerFinding(e.code, e.message))
      return []
    }
    throw e
  }

  const names = dir.entries.map((e) => e.name)
  if (opts.onEntryName) for (const n of names) opts.onEntryName(n)
  const top = detectTopLevel(names)
  reportOutside(top, report)
  const outside = new Set(top.outside)

  // 1. Names, kinds, limits: decide which entries are worth reading.
  const planned: Planned[] = []
  for (const e of dir.entries) {
    const stored = e.name
    if (!e.nameIsUtf8) {
      report(containerFinding('unsafe-path', 'Entry name is not valid UTF-8.', { path: stored }))
      continue
    }
    if (e.unicodePath !== undefined && e.unicodePath !== e.name) {
      report(containerFinding('header-mismatch', 'The Unicode-path extra field names a different file than the central directory.', { path: stored, expected: e.name, actual: e.unicodePath }))
      continue
    }
    const kind = zipEntryKind(e)
    const name = kind === 'dir' && stored.endsWith('/') ? stored.slice(0, -1) : stored
    if (outside.has(stored)) continue // reported once by reportOutside
    if (kind === 'dir' && top.prefix !== '' && `${name}/` === top.prefix) continue // the bag folder itself
    const verdict = gate.admit(name, stored, kind, e.uncompressedSize)
    if (verdict === 'stop') break
    if (verdict === 'skip') continue
    const path = (top.prefix ? name.slice(top.prefix.length) : name).normalize('NFC')
    if (e.problem) {
      report(containerFinding('archive-corrupt', `Central directory record is malformed: ${e.problem}.`, { path }))
      continue
    }
    if ((e.flags & 0x01) !== 0 || (e.flags & 0x40) !== 0) {
      report(containerFinding('encrypted-entry', 'Encrypted entry: cannot be verified.', { path }))
      continue
    }
    if (e.method !== 0 && e.method !== 8) {
      report(containerFinding('unsupported-compression', `Compression method ${e.method} is not supported (stored or deflate only).`, { path, actual: String(e.method) }))
      continue
    }
    if (e.diskStart !== 0) {
      report(containerFinding('unsupported-feature', 'Entry lives on another disk of a multi-disk archive.', { path }))
      continue
    }
    if (e.uncompressedSize > RATIO_FLOOR_BYTES && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio) {
      report(
        containerFinding('ratio-exceeded', `Entry would expand ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))}x (limit ${limits.maxRatio}x); not inflated.`, {
          path,
          expected: `<=${limits.maxRatio}`,
          actual: String(Math.round(e.uncompressedSize / Math.max(1, e.compressedSize)))
        })
      )
      continue
    }
    planned.push({ entry: e, path })
  }
  gate.finish()

  // 2. Overlaps: every entry's minimal byte range, in offset order, must end before the next begins
  // and before the central directory (bamsoftware's overlapping-kernel bombs fail here, before inflating).
  const overlapped = findOverlaps(dir)
  const toRead = planned.filter((p) => {
    if (!overlapped.has(p.entry.index)) return true
    report(containerFinding('overlapping-entries', 'Entry shares bytes with another entry or the central directory (possible zip bomb); not read.', { path: p.path }))
    return false
  })

  // 3. Check every local header in offset order (cheap reads). Each entry goes to the hash workers
  // as soon as its header checked out, so they hash while this thread reads headers: every entry
  // not kept in memory that is stored with matching sizes (a byte range of the zip) or deflated and
  // small (read, inflated and hashed in one call). The rest, and any pooled entry that turns out
  // unusual, take the careful path here (exact findings); zlib runs on the libuv pool for those.
  toRead.sort((a, b) => a.entry.localHeaderOffset - b.entry.localHeaderOffset)
  const nextStart = nextStarts(dir)
  const win = new WindowReader(fh)
  const ticker = new ProgressTicker(opts.onProgress, 0, 0, opts.progressIntervalMs)
  const queue = new HashQueue(queueOptions({ ...pool, ...(opts.signal ? { signal: opts.signal } : {}), onBytes: (n) => ticker.add(n), onFile: () => ticker.add(0, 1) }))
  queue.holdLocal()
  // A limit that stopped the listing stops the reading too (as the careful path does).
  const poolable = (r: Ready): boolean =>
    !gate.isStopped && !r.keep && (r.entry.method === 0 ? r.entry.compressedSize === r.entry.uncompressedSize : r.entry.compressedSize <= SMALL_ENTRY && r.entry.uncompressedSize <= SMALL_ENTRY)
  const pooled: Ready[] = []
  const local: Ready[] = []
  let batch: Ready[] = []
  const flush = (): void => {
    if (batch.length === 0) return
    queue.push(batch.map((r) => ({ abs: location, size: r.entry.uncompressedSize, offset: r.dataOffset, ...(r.entry.method === 8 ? { inflate: r.entry.compressedSize } : {}) })))
    batch = []
  }
  try {
    for (const p of toRead) {
      throwIfAborted(opts.signal)
      const dataOffset = await checkLocalHeader(win, p, nextStart.get(p.entry.index) ?? dir.cdOffset, report)
      if (dataOffset === undefined) continue
      const keep = wantContent(opts.keep, p.path, p.entry.uncompressedSize, report)
      if (!keep && opts.keptOnly) continue
      const r: Ready = { ...p, dataOffset, keep }
      ticker.filesTotal++
      ticker.bytesTotal += r.entry.uncompressedSize
      if (!poolable(r)) local.push(r)
      else {
        pooled.push(r)
        batch.push(r)
        if (batch.length >= 256) flush()
      }
    }
    flush()
  } catch (e) {
    queue.cancel()
    throw e
  }
  queue.release()
  const unusual: Ready[] = []
  const results: { index: number; file: ScannedFile }[] = []
  const poolDone = queue.end().then((hashed) =>
    hashed.forEach((h, j) => {
      const r = pooled[j] as Ready
      if (!h.ok && h.error === 'UNUSUAL') unusual.push(r)
      else if (!h.ok) report(containerFinding('archive-corrupt', `Cannot read the entry: ${h.message}.`, { path: r.path }))
      else if (h.bytesRead !== r.entry.uncompressedSize) report(containerFinding('archive-truncated', 'The entry is cut off.', { path: r.path }))
      else results.push({ index: r.entry.index, file: { entry: { path: r.path, rawName: r.entry.name, kind: 'file', size: r.entry.uncompressedSize }, sha256: h.sha256, bytesRead: h.bytesRead } })
    })
  )
  const lanes = async (list: readonly Ready[], countFiles: boolean): Promise<void> => {
    let next = 0
    const lane = async (): Promise<void> => {
      while (next < list.length && !gate.isStopped) {
        const r = list[next++] as Ready
        throwIfAborted(opts.signal)
        const file = await hashEntry(fh, win, r, gate, opts.signal, report, ticker)
        if (file) results.push({ index: r.entry.index, file })
        if (countFiles) ticker.add(0, 1)
      }
    }
    await Promise.all(Array.from({ length: INFLATE_LANES }, lane))
  }
  await Promise.all([poolDone, lanes(local, true)])
  await lanes(unusual, false)
  ticker.final()
  results.sort((a, b) => a.index - b.index)
  return results.map((r) => r.file)
}

function findOverlaps(dir: ZipDirectory): Set<number> {
  const sorted = [...dir.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
  const bad = new Set<number>()
  for (let i = 0; i < sorted.length; i++) {
    const e = sorted[i] as ZipEntry
    const end = e.localHeaderOffset + LOCAL_HEADER_LEN + e.nameBytes.length + e.compressedSize + minDescriptorLength(e.flags)
    const next = sorted[i + 1]
    if (next && next.localHeaderOffset < end) {
      bad.add(e.index)
      bad.add(next.index)
    }
    if (end > dir.cdOffset) bad.add(e.index)
  }
  return bad
}

function nextStarts(dir: ZipDirectory): Map<number, number> {
  const sorted = [...dir.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset)
  const m = new Map<number, number>()
  sorted.forEach((e, i) => m.set(e.index, sorted[i + 1]?.localHeaderOffset ?? dir.cdOffset))
  return m
}

/** Cross-checks the local header against the central directory; returns where the data starts. */
async function checkLocalHeader(win: WindowReader, p: Planned, limitOffset: number, report: (f: Finding) => void): Promise<number | undefined> {
  const e = p.entry
  const path = p.path
  let dataOffset: number
  try {
    const lh = await readLocalHeader(win.read, e.localHeaderOffset)
    if (!lh.nameBytes.equals(e.nameBytes)) {
      report(containerFinding('header-mismatch', 'The local header names a different file than the central directory.', { path, expected: e.name, actual: lh.nameBytes.toString('utf8') }))
      return undefined
    }
    if (lh.method !== e.method) {
      report(containerFinding('header-mismatch', 'The local header gives another compression method than the central directory.', { path, expected: String(e.method), actual: String(lh.method) }))
      return undefined
    }
    const sizesInHeader = (lh.flags & 0x08) === 0
    if (
      sizesInHeader &&
      ((lh.compressedSize !== 0xffffffff && lh.compressedSize !== e.compressedSize) || (lh.uncompressedSize !== 0xffffffff && lh.uncompressedSize !== e.uncompressedSize))
    ) {
      report(containerFinding('header-mismatch', 'The local header declares other sizes than the central directory.', { path, expected: `${e.compressedSize}/${e.uncompressedSize}`, actual: `${lh.compressedSize}/${lh.uncompressedSize}` }))
      return undefined
    }
    dataOffset = lh.dataOffset
  } catch (err) {
    if (err instanceof ZipStructureError) {
      report(containerFinding(err.code, err.message, { path }))
      return undefined
    }
    throw err
  }
  if (dataOffset + e.compressedSize + minDescriptorLength(e.flags) > limitOffset) {
    report(containerFinding('overlapping-entries', "Entry's data runs into the next entry or the central directory; not read.", { path }))
    return undefined
  }
  return dataOffset
}

async function hashEntry(
  fh: FileHandle,
  win: WindowReader,
  r: Ready,
  gate: EntryGate,
  signal: AbortSignal | undefined,
  report: (f: Finding) => void,
  ticker: ProgressTicker
): Promise<ScannedFile | undefined> {
  const e = r.entry
  const path = r.path
  let got: Consumed
  try {
    got = await inflateEntry(fh, win, e, r.dataOffset, r.keep, (n) => ticker.add(n), signal)
  } catch (err) {
    if (err instanceof Error && err.name === 'CancelledError') throw err
    const msg = err instanceof Error ? err.message : String(err)
    report(containerFinding('archive-corrupt', `Compressed data is invalid: ${msg}.`, { path }))
    return undefined
  }
  if (got.bytesRead !== e.uncompressedSize) {
    report(sizeMismatch(path, e.uncompressedSize, got.bytesRead, got.over))
    gate.addActualBytes(Math.max(0, got.bytesRead - e.uncompressedSize))
  }
  return {
    entry: { path, rawName: e.name, kind: 'file', size: e.uncompressedSize },
    sha256: got.sha256,
    bytesRead: got.bytesRead,
    ...(got.content ? { content: got.content } : {})
  }
}

async function* readRange(fh: FileHandle, start: number, length: number): AsyncGenerator<Buffer> {
  let pos = start
  const end = start + length
  while (pos < end) {
    const buf = await readAt(fh, pos, Math.min(CHUNK, end - pos))
    if (buf.length === 0) throw new ZipStructureError('archive-truncated', 'unexpected end of archive')
    pos += buf.length
    yield buf
  }
}

async function inflateEntry(
  fh: FileHandle,
  win: WindowReader,
  e: ZipEntry,
  dataOffset: number,
  keep: boolean,
  onBytes: (n: number) => void,
  signal: AbortSignal | undefined
): Promise<Consumed> {
  const declared = e.uncompressedSize
  if (e.method === 0) {
    const len = Math.min(e.compressedSize, declared + 1)
    const chunks = len <= SMALL_ENTRY ? [await win.read(dataOffset, len)] : readRange(fh, dataOffset, len)
    return consumeBounded(chunks, declared, keep, onBytes, signal)
  }
  if (e.compressedSize <= SMALL_ENTRY && declared <= SMALL_ENTRY) {
    const raw = await win.read(dataOffset, e.compressedSize)
    let out: Buffer | undefined
    try {
      // A small output chunk: thousands of tiny entries otherwise churn 16 KiB of native memory each.
      out = inflateRawSync(raw, { maxOutputLength: Math.max(1, declared + 1), chunkSize: Math.min(64 * 1024, Math.max(64, declared + 1)) })
    } catch {
      out = undefined // lying size or bad data: the streaming path below reports it precisely
    }
    if (out) return consumeBounded([out], declared, keep, onBytes, signal)
  }
  const inflate = createInflateRaw({ chunkSize: 256 * 1024 })
  const source = Readable.from(readRange(fh, dataOffset, e.compressedSize))
  source.on('error', (err) => inflate.destroy(err))
  source.pipe(inflate)
  try {
    return await consumeBounded(inflate, declared, keep, onBytes, signal)
  } finally {
    source.destroy()
    inflate.destroy()
  }
}
