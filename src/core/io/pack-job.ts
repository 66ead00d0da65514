/**
 * The work of packing that runs on every core: read byte ranges of files, deflate them as a piece
 * or frame them as stored blocks, CRC-32 them (pieces.ts has the byte rules). Runs in the pack
 * worker (hash-worker.js) and, without workers, in this thread: the same code gives the same
 * bytes. Imports node: modules and pieces.ts only, so the worker bundle stays self-contained.
 */
import { createHash } from 'node:crypto'
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs'
import { crc32, deflatePiece, looksIncompressible, sampleOffsets, SAMPLE_MIN_FILE, SAMPLE_WHOLE_MAX, SAMPLE_WINDOW_BYTES, storedBlocks } from './pieces'

/** Bytes given inline (tar headers, padding) or a range of a file. */
export type Segment = { readonly bytes: Uint8Array } | FileRange

export interface FileRange {
  readonly path: string
  readonly offset: number
  readonly length: number
  /** The file's size when it was listed: a file that no longer has it is not archived. */
  readonly fileSize: number
}

/** 'deflate': a piece ended by a sync flush; 'deflate-last': the final piece; 'blocks': stored deflate blocks; 'raw': the bytes as they are. */
export type PieceMode = 'deflate' | 'deflate-last' | 'blocks' | 'raw'

export interface PieceJob {
  readonly segments: readonly Segment[]
  readonly mode: PieceMode
  /** Also SHA-256 the piece's input, from the buffer it is deflated from (pack-pass.ts: a whole file, for the verifier). */
  readonly sha256?: boolean
}

export type PieceResult =
  | { readonly ok: true; readonly out: Uint8Array; readonly crc: number; readonly length: number; readonly sha256?: string }
  | { readonly ok: false; readonly path: string; readonly message: string }

// Never follow a symlink swapped in after the listing; never block on a FIFO swapped in.
const FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)

class ChangedError extends Error {
  constructor(
    readonly path: string,
    message: string
  ) {
    super(message)
  }
}

function openRegular(path: string): { fd: number; size: number } {
  const fd = openSync(path, FLAGS)
  const st = fstatSync(fd)
  if (!st.isFile()) {
    closeSync(fd)
    throw new ChangedError(path, `${path} is no longer a regular file`)
  }
  return { fd, size: st.size }
}

function readFully(fd: number, path: string, into: Uint8Array, at: number, length: number, pos: number): void {
  let got = 0
  while (got < length) {
    const n = readSync(fd, into, at + got, length - got, pos + got)
    if (n === 0) throw new ChangedError(path, `${path} shrank while it was archived`)
    got += n
  }
}

/** Reads the range into `into` at `at`; the file must still have the size it was listed with. */
function readRange(r: FileRange, into: Uint8Array, at: number): void {
  const { fd, size } = openRegular(r.path)
  try {
    if (size !== r.fileSize) throw new ChangedError(r.path, `${r.path} changed size while it was archived (${size} bytes, listed with ${r.fileSize})`)
    readFully(fd, r.path, into, at, r.length, r.offset)
  } finally {
    closeSync(fd)
  }
}

/** A piece's input in one buffer of its own, not zero-filled (so the output of 'raw' can be transferred, not copied). */
function gather(segments: readonly Segment[]): Buffer {
  let total = 0
  for (const s of segments) total += 'bytes' in s ? s.bytes.length : s.length
  const buf = Buffer.allocUnsafeSlow(total)
  let at = 0
  for (const s of segments) {
    if ('bytes' in s) buf.set(s.bytes, at)
    else readRange(s, buf, at)
    at += 'bytes' in s ? s.bytes.length : s.length
  }
  return buf
}

/** An output buffer that owns its whole ArrayBuffer (transferable without taking a pool with it). */
function own(b: Uint8Array): Uint8Array {
  return b.byteOffset === 0 && b.byteLength === b.buffer.byteLength ? b : new Uint8Array(b)
}

/** Builds one piece. `transfer`: the output will be transferred to another thread, so it must own its memory. */
export function runPiece(job: PieceJob, transfer = false): PieceResult {
  try {
    const raw = gather(job.segments)
    const crc = crc32(raw) >>> 0
    // Hashed before deflating: 'raw' hands this very buffer over as the output.
    const sha256 = job.sha256 ? createHash('sha256').update(raw).digest('hex') : undefined
    const out = job.mode === 'raw' ? raw : job.mode === 'blocks' ? storedBlocks(raw) : deflatePiece(raw, job.mode === 'deflate-last')
    return { ok: true, out: transfer ? own(out) : out, crc, length: raw.length, ...(sha256 ? { sha256 } : {}) }
  } catch (e) {
    if (e instanceof ChangedError) return { ok: false, path: e.path, message: e.message }
    const first = job.segments.find((s): s is FileRange => 'path' in s)
    return { ok: false, path: first?.path ?? '', message: e instanceof Error ? e.message : String(e) }
  }
}

/** Reads a file's sample (see pieces.ts looksIncompressible) and applies the store rule. */
export function shouldStore(path: string, size: number): boolean {
  if (size < SAMPLE_MIN_FILE) return false
  const whole = size <= SAMPLE_WHOLE_MAX
  const sample = Buffer.allocUnsafe(whole ? size : SAMPLE_WHOLE_MAX)
  const { fd } = openRegular(path)
  try {
    if (whole) readFully(fd, path, sample, 0, size, 0)
    else sampleOffsets(size).forEach((off, k) => readFully(fd, path, sample, k * SAMPLE_WINDOW_BYTES, SAMPLE_WINDOW_BYTES, off))
  } finally {
    closeSync(fd)
  }
  return looksIncompressible(sample)
}
