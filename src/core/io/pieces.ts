/**
 * The byte-level rules of Vouch's archives (docs/pack-format.md, "Archives"), shared by the
 * writers in this thread and the pack worker, so both produce the same bytes. Imports node:
 * modules only: the worker bundle takes this file without pulling in anything else.
 *
 * - Store or deflate: decided per file from its bytes (`looksIncompressible`), never from the
 *   machine, the file name or the number of cores.
 * - Deflate in pieces: a file (zip) or the tar stream (tar.gz) is cut into 1 MiB pieces, each
 *   compressed on its own (pigz --independent), so the pieces can be compressed on every core and
 *   the output is the same whatever their number. Measured on JSON and CSV: independent 1 MiB
 *   pieces are 0.09% bigger than pieces primed with the 32 KiB before them, and need no second
 *   read of those bytes (which could differ if the file changed meanwhile).
 */
import { constants as zc, crc32, deflateRawSync } from 'node:zlib'

/**
 * zlib level for deflated data. Measured on the bench's text pack (JSON and CSV, CPU time, one
 * call per file): level 6 39 MB/s (output 25.2% of the input), level 4 54 MB/s (26.5%), level 2
 * 97 MB/s (27.0%), level 1 99 MB/s (27.4%). Level 2: two and a half times the speed of the default
 * for 7% more bytes, about what `zip -qr` (level 6 of its own deflate) writes.
 */
export const DEFLATE_LEVEL = 2
/** Size of a compression piece. */
export const PIECE_BYTES = 1024 * 1024
/** Files smaller than this are always deflated. */
export const SAMPLE_MIN_FILE = 64 * 1024
export const SAMPLE_WINDOWS = 16
export const SAMPLE_WINDOW_BYTES = 16 * 1024
/** Files up to this size are their own sample. */
export const SAMPLE_WHOLE_MAX = SAMPLE_WINDOWS * SAMPLE_WINDOW_BYTES
/** Largest stored deflate block (RFC 1951 3.2.4: LEN is 16 bits). */
const STORED_BLOCK_MAX = 0xffff
/** An empty final block with fixed codes: closes a deflate stream that ended with a sync flush. */
export const DEFLATE_END = Buffer.from([0x03, 0x00])

/** Offsets of the sample windows of a file bigger than SAMPLE_WHOLE_MAX: evenly spread, first and last included. */
export function sampleOffsets(size: number): number[] {
  const span = size - SAMPLE_WINDOW_BYTES
  return Array.from({ length: SAMPLE_WINDOWS }, (_, k) => Math.floor((k * span) / (SAMPLE_WINDOWS - 1)))
}

/**
 * Bits of an optimal prefix (Huffman) code for bytes with these counts: the sum of every merged
 * weight while building the code. Exact integer arithmetic, the same in any language.
 */
export function huffmanBits(counts: ArrayLike<number>): number {
  const leaves = Array.from(counts).filter((c) => c > 0).sort((a, b) => a - b)
  const merged: number[] = []
  let li = 0
  let mi = 0
  let bits = 0
  const takeMin = (): number => {
    if (mi >= merged.length || (li < leaves.length && (leaves[li] as number) <= (merged[mi] as number))) return leaves[li++] as number
    return merged[mi++] as number
  }
  while (leaves.length - li + merged.length - mi > 1) {
    const w = takeMin() + takeMin()
    bits += w
    merged.push(w)
  }
  return bits
}

/**
 * The store rule: a file of at least SAMPLE_MIN_FILE bytes is stored when an optimal Huffman code
 * of the byte frequencies in its sample would save less than 10% (bits * 10 >= 72 * bytes). The
 * sample is the whole file up to SAMPLE_WHOLE_MAX bytes, else the windows at sampleOffsets(size).
 */
export function looksIncompressible(samples: Uint8Array): boolean {
  const counts = new Float64Array(256)
  for (let i = 0; i < samples.length; i++) {
    const b = samples[i] as number
    counts[b] = (counts[b] as number) + 1
  }
  return huffmanBits(counts) * 10 >= 72 * samples.length
}

/**
 * One piece of a deflate stream: raw deflate at DEFLATE_LEVEL, no preset dictionary, ended with a
 * sync flush (byte-aligned, more pieces may follow) or, for the last piece, as a final block.
 */
export function deflatePiece(raw: Uint8Array, last: boolean): Buffer {
  return deflateRawSync(raw, { level: DEFLATE_LEVEL, finishFlush: last ? zc.Z_FINISH : zc.Z_SYNC_FLUSH })
}

/** Raw bytes as non-final stored deflate blocks of at most 65535 bytes (starts and ends byte-aligned). */
export function storedBlocks(raw: Uint8Array): Buffer {
  const blocks = Math.max(1, Math.ceil(raw.length / STORED_BLOCK_MAX))
  const out = Buffer.allocUnsafe(raw.length + 5 * blocks)
  let o = 0
  for (let i = 0; i < blocks; i++) {
    const part = raw.subarray(i * STORED_BLOCK_MAX, Math.min(raw.length, (i + 1) * STORED_BLOCK_MAX))
    out[o] = 0 // BFINAL 0, BTYPE 00, padding to the byte boundary
    out.writeUInt16LE(part.length, o + 1)
    out.writeUInt16LE(~part.length & 0xffff, o + 3)
    out.set(part, o + 5)
    o += 5 + part.length
  }
  return out
}

// CRC-32 combination (the polynomial arithmetic zlib's crc32_combine does): crc(A || B) from
// crc(A), crc(B) and B's length, so pieces checked on different cores give the whole file's CRC.
const POLY = 0xedb88320

/** a * b modulo the CRC polynomial (reflected bit order). */
function multModP(a: number, b: number): number {
  let m = 0x80000000
  let p = 0
  for (;;) {
    if ((a & m) !== 0) {
      p ^= b
      if ((a & (m - 1)) === 0) break
    }
    m >>>= 1
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1
  }
  return p >>> 0
}

/** x^(2^k) modulo P for k = 0..31: squares of x^1. */
const X2N: number[] = (() => {
  const t: number[] = [0x40000000] // x^1
  for (let k = 1; k < 32; k++) t.push(multModP(t[k - 1] as number, t[k - 1] as number))
  return t
})()

/** x^(8 * n) modulo P. */
function x8nModP(n: number): number {
  let p = 0x80000000 // x^0
  let k = 3
  while (n > 0) {
    if (n % 2 === 1) p = multModP(X2N[k & 31] as number, p)
    n = Math.floor(n / 2)
    k++
  }
  return p
}

export function crc32Combine(crcA: number, crcB: number, lengthB: number): number {
  return (multModP(x8nModP(lengthB), crcA >>> 0) ^ (crcB >>> 0)) >>> 0
}

export { crc32 }
