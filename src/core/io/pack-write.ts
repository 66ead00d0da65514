/**
 * Zip and tar.gz bodies built from pieces on every core (pack-pool.ts) and written in order.
 * The layout rules are in pieces.ts and docs/pack-format.md ("Archives"): a file is stored or
 * deflated by the store rule; deflated data is cut into independent 1 MiB pieces; a tar.gz is one
 * gzip member holding every entry, then one member holding the end-of-archive blocks (so a
 * sign-off can be appended without recompressing: add-files.ts).
 */
import { entryHeaders, padding } from './tar-format'
import { CancelledError } from './reader'
import type { PackPass } from './pack-pass'
import type { PiecePool } from './pack-pool'
import { shouldStore, type FileRange, type PieceJob, type PieceResult, type Segment } from './pack-job'
import { crc32Combine, DEFLATE_END, PIECE_BYTES } from './pieces'
import type { FileSink } from './sink'
import { GZIP_HEADER, endOfArchiveMember, gzipTrailer } from './tar-write'
import { centralRecord, startZipEntry, writeZipEntryData, zipName, type DosTime } from './zip-write'

export interface PackSource {
  /** Pack path ('/'-separated, NFC). */
  readonly path: string
  readonly abs: string
  readonly size: number
}

/** 'auto': the store rule decides per file; 'store' / 'deflate': every file so. */
export type Compression = 'auto' | 'store' | 'deflate'

/** A file could not be read as listed (changed, vanished, unreadable) while it was archived. */
export class PackSourceError extends Error {
  constructor(
    readonly path: string,
    message: string
  ) {
    super(message)
    this.name = 'PackSourceError'
  }
}

/** Input bytes in flight (submitted, not yet written) at most: bounds memory whatever the pack. */
const WINDOW_BYTES = 16 * 1024 * 1024

type Ok = Extract<PieceResult, { ok: true }>

const ZEROS = new Uint8Array(512)

/** Submits pieces to the pool as fast as the window allows and writes their results in submission order. */
export class OrderedWriter {
  private readonly queue: { readonly result?: Promise<PieceResult>; readonly bytes: number; readonly write: (r: Ok | undefined) => Promise<void> }[] = []
  private bytes = 0

  constructor(
    private readonly pool: PiecePool,
    private readonly signal?: AbortSignal
  ) {}

  async piece(job: PieceJob, bytes: number, write: (r: Ok) => Promise<void>): Promise<void> {
    if (this.signal?.aborted) throw new CancelledError()
    this.queue.push({ result: this.pool.run(job, bytes), bytes, write: (r) => write(r as Ok) })
    this.bytes += bytes
    while (this.bytes > WINDOW_BYTES) await this.writeOne()
  }

  /** An action in order with the pieces (a header, a patch), run when every piece before it is written. */
  async then(write: () => Promise<void>): Promise<void> {
    this.queue.push({ bytes: 0, write: () => write() })
    if (this.queue.length === 1) await this.writeOne()
  }

  async drain(): Promise<void> {
    while (this.queue.length > 0) await this.writeOne()
  }

  private async writeOne(): Promise<void> {
    const head = this.queue.shift()
    if (!head) return
    const r = head.result ? await head.result : undefined
    if (r && !r.ok) throw new PackSourceError(r.path, r.message)
    await head.write(r)
    this.bytes -= head.bytes
  }
}

const range = (f: PackSource, offset: number, length: number): FileRange => ({ path: f.abs, offset, length, fileSize: f.size })

function storeIt(f: PackSource, compression: Compression): boolean {
  if (compression !== 'auto') return compression === 'store'
  try {
    return shouldStore(f.abs, f.size)
  } catch (e) {
    throw new PackSourceError(f.abs, e instanceof Error ? e.message : String(e))
  }
}

/**
 * Every file as a zip entry (local header + data), in order (given in batches: they may still be
 * coming from a walk); returns the central directory's records, built as each entry is written
 * (while the workers compress the next ones, not after the last).
 * `pass`: a one-piece file the verifier waits for is SHA-256'd from the buffer it is packed from.
 */
export async function writeZipBody(sink: FileSink, batches: Iterable<readonly PackSource[]> | AsyncIterable<readonly PackSource[]>, pool: PiecePool, dos: DosTime, compression: Compression, signal?: AbortSignal, pass?: PackPass): Promise<Buffer[]> {
  const out = new OrderedWriter(pool, signal)
  const central: Buffer[] = []
  for await (const files of batches) for (const f of files) {
    const store = storeIt(f, compression)
    const method = store ? 0 : 8
    const name = zipName(f.path)
    if (f.size <= PIECE_BYTES) {
      const sha256 = pass?.wants(f) === true
      await out.piece({ segments: [range(f, 0, f.size)], mode: store ? 'raw' : 'deflate-last', ...(sha256 ? { sha256 } : {}) }, f.size, async (r) => {
        if (r.sha256 !== undefined) pass?.settle(f, r.sha256, r.length)
        central.push(centralRecord(await writeZipEntryData(sink, name, method, dos, r.crc, r.length, r.out, true)))
      })
      continue
    }
    let entry: Awaited<ReturnType<typeof startZipEntry>> | undefined
    let crc = 0
    let usize = 0
    await out.then(async () => {
      entry = await startZipEntry(sink, name, method, dos, f.size)
    })
    for (let at = 0; at < f.size; at += PIECE_BYTES) {
      const len = Math.min(PIECE_BYTES, f.size - at)
      const mode = store ? 'raw' : at + len === f.size ? 'deflate-last' : 'deflate'
      await out.piece({ segments: [range(f, at, len)], mode }, len, async (r) => {
        await sink.write(r.out, true)
        crc = crc32Combine(crc, r.crc, r.length)
        usize += r.length
      })
    }
    await out.then(async () => {
      central.push(centralRecord(await (entry as NonNullable<typeof entry>).finish(crc, usize)))
    })
  }
  await out.drain()
  return central
}

/** What a tar.gz member's deflate data covers: its raw length and CRC-32 so far. */
interface MemberState {
  crc: number
  length: number
}

/**
 * Builds the deflate data of one gzip member from a tar stream given as segments: deflate-class
 * bytes are gathered into pieces of exactly PIECE_BYTES (the last one shorter), stored file data
 * goes out as stored blocks, PIECE_BYTES at a time.
 */
export class MemberBuilder {
  private cur: Segment[] = []
  private curBytes = 0
  readonly state: MemberState = { crc: 0, length: 0 }

  constructor(
    private readonly sink: FileSink,
    private readonly out: OrderedWriter
  ) {}

  private readonly take = async (r: Ok): Promise<void> => {
    await this.sink.write(r.out, true)
    this.state.crc = crc32Combine(this.state.crc, r.crc, r.length)
    this.state.length += r.length
  }

  async deflate(seg: Segment): Promise<void> {
    const len = 'bytes' in seg ? seg.bytes.length : seg.length
    let at = 0
    while (at < len) {
      const n = Math.min(len - at, PIECE_BYTES - this.curBytes)
      this.cur.push('bytes' in seg ? { bytes: seg.bytes.subarray(at, at + n) } : { ...seg, offset: seg.offset + at, length: n })
      this.curBytes += n
      at += n
      if (this.curBytes === PIECE_BYTES) await this.flush()
    }
  }

  async stored(r: FileRange): Promise<void> {
    await this.flush()
    for (let at = 0; at < r.length; at += PIECE_BYTES) {
      const n = Math.min(PIECE_BYTES, r.length - at)
      await this.out.piece({ segments: [{ ...r, offset: r.offset + at, length: n }], mode: 'blocks' }, n, this.take)
    }
  }

  async flush(): Promise<void> {
    if (this.curBytes === 0) return
    const job: PieceJob = { segments: this.cur, mode: 'deflate' }
    const bytes = this.curBytes
    this.cur = []
    this.curBytes = 0
    await this.out.piece(job, bytes, this.take)
  }

  /** The member's closing bytes: the final empty block and the gzip trailer (after every piece). */
  async end(): Promise<void> {
    await this.flush()
    await this.out.then(async () => {
      await this.sink.write(Buffer.concat([DEFLATE_END, gzipTrailer(this.state.crc, this.state.length)]))
    })
  }
}

/** A tar.gz of `files`: the entries member, then the end-of-archive member. Returns the tar stream's length. */
export async function writeTarGzBody(sink: FileSink, files: readonly PackSource[], pool: PiecePool, mtime: number, compression: Compression, signal?: AbortSignal): Promise<number> {
  const out = new OrderedWriter(pool, signal)
  const m = new MemberBuilder(sink, out)
  await sink.write(GZIP_HEADER)
  for (const f of files) {
    for (const h of entryHeaders(f.path, f.size, 'file', mtime)) await m.deflate({ bytes: h })
    if (f.size > 0 && storeIt(f, compression)) await m.stored(range(f, 0, f.size))
    else if (f.size > 0) await m.deflate(range(f, 0, f.size))
    const pad = padding(f.size)
    if (pad > 0) await m.deflate({ bytes: ZEROS.subarray(0, pad) })
  }
  await m.end()
  await out.drain()
  await sink.write(endOfArchiveMember(m.state.length))
  return m.state.length
}
