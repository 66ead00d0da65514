/**
 * How new files are added to an archive without rewriting what is already there: each plan says
 * how many leading bytes of the original stay as they are (copied by the kernel into the temp
 * file: sink.ts fromCopy) and writes what follows them.
 *
 * - zip: everything before the central directory stays; new entries, the old directory and the
 *   new records follow (every offset in the old directory stays valid).
 * - tar: everything before the end-of-archive blocks stays; new entries and new end blocks follow.
 * - tar.gz written by Vouch (its last gzip member is the end-of-archive blocks alone, pack-write.ts):
 *   every member before that stays; a member with the new entries and a new end member follow.
 *   Any other tar.gz is rewritten whole into that layout (see rewriteTarGz), once.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { createReadStream } from 'node:fs'
import { crc32, createGunzip, inflateRawSync } from 'node:zlib'
import { collisionKey } from '../format/paths'
import { ByteSource, Truncated } from './byte-source'
import { DEFAULT_LIMITS } from './reader'
import { detectTopLevel } from './scan-support'
import type { FileSink } from './sink'
import { BLOCK, isZeroBlock, padding, parseHeader, parsePax, TarStructureError } from './tar-format'
import { endOfArchiveLength, endOfArchiveMember, GZIP_HEADER, RECORD, tarStream } from './tar-write'
import { PackWriteError } from './write-error'
import { readAt, readZipDirectory, ZipStructureError } from './zip-format'
import { centralRecord, dosDateTime, endRecords, writeZipEntryBuffer, ZIP_EPOCH_SECONDS, type ZipWritten } from './zip-write'
import { MemberBuilder, OrderedWriter } from './pack-write'
import type { PiecePool } from './pack-pool'

export interface NewPackFile {
  /** Pack path relative to the bag root, e.g. "signoffs/2026-...-owner.json". */
  readonly path: string
  readonly data: Uint8Array
}

/**
 * A plan is made from the original alone, so the kernel copy of its kept bytes can start before the
 * new files exist (a sign-off waits for its key: sign-node.ts).
 */
export interface AppendPlan {
  /** Leading bytes of the original kept as they are. */
  readonly keep: number
  /** Throws target-exists when a new file's name is taken (up to case and normalisation). */
  readonly refuse: (files: readonly NewPackFile[]) => Promise<void>
  /** Writes the rest, from `keep` on. */
  readonly writeTail: (sink: FileSink, files: readonly NewPackFile[]) => Promise<void>
}

/** A new file may not share its name with an entry, even up to case and Unicode normalisation. */
export function refuseExisting(names: readonly string[], prefix: string, files: readonly NewPackFile[]): void {
  const existing = new Set(names.map((n) => collisionKey(n.replace(/\/$/, ''))))
  for (const f of files) {
    if (existing.has(collisionKey(prefix + f.path))) throw new PackWriteError('target-exists', f.path, `${f.path} is already in the pack; nothing was overwritten.`)
  }
}

const notAPack = (abs: string, what: string, e: Error): PackWriteError => new PackWriteError('not-a-pack', abs, `${abs} is not a readable ${what}: ${e.message}`, e)

export async function planZip(abs: string): Promise<AppendPlan> {
  const fh = await open(abs, 'r')
  let dir
  let cd: Buffer
  try {
    try {
      dir = await readZipDirectory(fh, (await fh.stat()).size, DEFAULT_LIMITS.maxEntries)
    } catch (e) {
      if (e instanceof ZipStructureError) throw notAPack(abs, 'zip', e)
      throw e
    }
    if (dir.entries.length < dir.declaredCount) throw new PackWriteError('not-a-pack', abs, `${abs} has more entries than Vouch reads.`)
    cd = await readAt(fh, dir.cdOffset, dir.cdSize)
  } finally {
    await fh.close()
  }
  const names = dir.entries.map((e) => e.name)
  const prefix = detectTopLevel(names).prefix
  const { cdOffset, declaredCount } = dir
  return {
    keep: cdOffset,
    refuse: async (files) => refuseExisting(names, prefix, files),
    writeTail: async (sink, files) => {
      const dos = dosDateTime(ZIP_EPOCH_SECONDS)
      const written: ZipWritten[] = []
      for (const f of files) written.push(await writeZipEntryBuffer(sink, prefix + f.path, f.data, 8, dos))
      const newCd = sink.position
      await sink.write(Buffer.concat([cd, ...written.map(centralRecord)]))
      await sink.write(endRecords(declaredCount + written.length, newCd, sink.position - newCd))
    }
  }
}

interface TarInput {
  read(n: number): Promise<Buffer>
  skip(n: number): Promise<void>
  readonly position: number
}

/**
 * Entry names of a tar stream and where its end-of-archive marker starts. Reads headers; file data
 * goes through `skip`. `copy` receives every header and metadata byte before the marker.
 */
async function walkTar(inp: TarInput, copy?: (b: Uint8Array) => Promise<void>): Promise<{ names: string[]; end: number }> {
  const names: string[] = []
  let pax: Map<string, Buffer> | undefined
  let longName: Buffer | undefined
  for (;;) {
    const at = inp.position
    const block = await inp.read(BLOCK)
    if (block.length < BLOCK) throw new Truncated()
    if (isZeroBlock(block)) return { names, end: at }
    await copy?.(block)
    const h = parseHeader(block)
    const body = h.size + padding(h.size)
    if (h.typeflag === 'x' || h.typeflag === 'L') {
      const data = await inp.read(body)
      if (data.length < body) throw new Truncated()
      await copy?.(data)
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
    await inp.skip(body)
  }
}

/** The new entries as tar bytes (no end blocks). */
async function tarEntries(prefix: string, files: readonly NewPackFile[]): Promise<Buffer> {
  const parts: Uint8Array[] = []
  const specs = files.map((f) => ({ path: prefix + f.path, size: f.data.length, data: () => [f.data] }))
  for await (const c of tarStream(specs, ZIP_EPOCH_SECONDS, { end: false })) parts.push(c)
  return Buffer.concat(parts)
}

export async function planTar(abs: string): Promise<AppendPlan> {
  const fh: FileHandle = await open(abs, 'r')
  let walked
  try {
    const inp = {
      position: 0,
      async read(n: number): Promise<Buffer> {
        const b = await readAt(fh, this.position, n)
        this.position += b.length
        return b
      },
      async skip(n: number): Promise<void> {
        this.position += n
      }
    }
    walked = await walkTar(inp)
  } catch (e) {
    if (e instanceof Truncated || e instanceof TarStructureError) throw notAPack(abs, 'tar', e)
    throw e
  } finally {
    await fh.close()
  }
  const prefix = detectTopLevel(walked.names.filter((n) => n !== '')).prefix
  const { names, end } = walked
  return {
    keep: end,
    refuse: async (files) => refuseExisting(names, prefix, files),
    writeTail: async (sink, files) => {
      const entries = await tarEntries(prefix, files)
      await sink.write(Buffer.concat([entries, Buffer.alloc(endOfArchiveLength(end + entries.length))]))
    }
  }
}

function gunzipInput(abs: string): { inp: TarInput; src: ByteSource; close: () => void } {
  const file = createReadStream(abs, { highWaterMark: 1024 * 1024 })
  const gunzip = createGunzip({ chunkSize: 256 * 1024 })
  file.on('error', (e) => gunzip.destroy(e))
  file.pipe(gunzip)
  const src = new ByteSource((gunzip as AsyncIterable<Buffer>)[Symbol.asyncIterator]())
  const inp: TarInput = {
    read: (n) => src.read(n),
    skip: (n) => src.skip(n),
    get position() {
      return src.position
    }
  }
  return {
    inp,
    src,
    close: () => {
      file.destroy()
      gunzip.destroy()
    }
  }
}

function tarGzError(abs: string, e: unknown): unknown {
  if (e instanceof Truncated || e instanceof TarStructureError) return notAPack(abs, 'tar.gz', e)
  if (e instanceof Error && (e as { code?: string }).code?.startsWith('Z_')) return notAPack(abs, 'tar.gz', e)
  return e
}

/** Names in a tar.gz (one streaming pass through gunzip; file data is skipped, never hashed). */
async function tarGzNames(abs: string): Promise<string[]> {
  const g = gunzipInput(abs)
  try {
    return (await walkTar(g.inp)).names
  } catch (e) {
    throw tarGzError(abs, e)
  } finally {
    g.close()
  }
}

/** Bytes from the end searched for the end member's header (the zeros deflate to a few dozen bytes). */
const END_MEMBER_SEARCH = 1024

/**
 * Where the end member starts: the last gzip member must have Vouch's fixed header and hold only
 * the end-of-archive zeros (1,024 bytes or more, less than a record more, a multiple of 512),
 * checked by inflating it and by its CRC, whatever zlib or level deflated it. Undefined otherwise.
 */
async function findEndMember(fh: FileHandle, size: number): Promise<{ start: number; zeros: number } | undefined> {
  const tail = await readAt(fh, Math.max(0, size - END_MEMBER_SEARCH), Math.min(size, END_MEMBER_SEARCH))
  if (tail.length < GZIP_HEADER.length + 8 + 2) return undefined
  const zeros = tail.readUInt32LE(tail.length - 4)
  if (zeros < 2 * BLOCK || zeros >= 2 * BLOCK + RECORD || zeros % BLOCK !== 0) return undefined
  const expected = Buffer.alloc(zeros)
  if (tail.readUInt32LE(tail.length - 8) !== crc32(expected) >>> 0) return undefined
  for (let at = tail.length - 8 - GZIP_HEADER.length - 2; at >= 0; at--) {
    if (tail[at] !== 0x1f || !tail.subarray(at, at + GZIP_HEADER.length).equals(GZIP_HEADER)) continue
    let inflated: Buffer
    try {
      inflated = inflateRawSync(tail.subarray(at + GZIP_HEADER.length, tail.length - 8), { maxOutputLength: zeros + 1 })
    } catch {
      continue
    }
    if (inflated.equals(expected)) return { start: size - tail.length + at, zeros }
  }
  return undefined
}

/**
 * The fast plan for a tar.gz in Vouch's layout (its last member is the end-of-archive blocks
 * alone: findEndMember). Undefined for any other tar.gz.
 */
export async function planTarGz(abs: string, pool: PiecePool, known?: () => readonly string[] | undefined): Promise<AppendPlan | undefined> {
  const fh = await open(abs, 'r')
  let end: { start: number; zeros: number } | undefined
  try {
    end = await findEndMember(fh, (await fh.stat()).size)
  } finally {
    await fh.close()
  }
  if (!end) return undefined
  // The names are asked for once the new files are made (the caller may be listing them meanwhile).
  let listed: Promise<{ names: readonly string[]; prefix: string }> | undefined
  const listing = (): Promise<{ names: readonly string[]; prefix: string }> =>
    (listed ??= (async () => {
      const names = known?.() ?? (await tarGzNames(abs))
      return { names, prefix: detectTopLevel(names.filter((n) => n !== '')).prefix }
    })())
  // The tar bytes before the end blocks, modulo the record size, follow from the end blocks' length.
  const before = tarBytesBefore(end.zeros)
  return {
    keep: end.start,
    refuse: async (files) => {
      const { names, prefix } = await listing()
      refuseExisting(names, prefix, files)
    },
    writeTail: async (sink, files) => {
      const entries = await tarEntries((await listing()).prefix, files)
      await writeMember(sink, entries, pool)
      await sink.write(endOfArchiveMember(before + entries.length))
    }
  }
}

/** Tar bytes before end-of-archive blocks of this length, modulo the record size (they end a record). */
function tarBytesBefore(endLength: number): number {
  return (2 * RECORD - endLength) % RECORD
}

/** One gzip member holding `bytes` (deflated in pieces). */
async function writeMember(sink: FileSink, bytes: Uint8Array, pool: PiecePool): Promise<void> {
  const out = new OrderedWriter(pool)
  const m = new MemberBuilder(sink, out)
  await sink.write(GZIP_HEADER)
  await m.deflate({ bytes })
  await m.end()
  await out.drain()
}

/**
 * Any other tar.gz (written by another tool, or by an older Vouch): decompressed once and written
 * in Vouch's layout with the new entries, every piece deflated (a stream cannot be sampled ahead
 * for the store rule). The next sign-off of the result takes the fast plan.
 */
export async function rewriteTarGz(abs: string, files: readonly NewPackFile[], sink: FileSink, pool: PiecePool): Promise<void> {
  const names = await tarGzNames(abs)
  const prefix = detectTopLevel(names.filter((n) => n !== '')).prefix
  refuseExisting(names, prefix, files)
  const g = gunzipInput(abs)
  const out = new OrderedWriter(pool)
  const m = new MemberBuilder(sink, out)
  try {
    await sink.write(GZIP_HEADER)
    const copy = (b: Uint8Array): Promise<void> => m.deflate({ bytes: Buffer.from(b) })
    // Entry data passes through to the new member as it is skipped.
    const inp: TarInput = {
      read: (n) => g.inp.read(n),
      skip: async (n) => {
        for await (const c of g.src.chunks(n)) await copy(c)
      },
      get position() {
        return g.inp.position
      }
    }
    const { end } = await walkTar(inp, copy)
    const entries = await tarEntries(prefix, files)
    await m.deflate({ bytes: entries })
    await m.end()
    await out.drain()
    await sink.write(endOfArchiveMember(end + entries.length))
  } catch (e) {
    throw tarGzError(abs, e)
  } finally {
    g.close()
  }
}
