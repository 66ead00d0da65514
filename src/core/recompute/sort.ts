/**
 * Stable argsort by LSD radix (up to six 11-bit passes over a 64-bit key), linear in the row count:
 * the one sort every slice of a predictions table shares. Ties keep file order.
 */

/** Row indices ordered by `keys` ascending (finite doubles; -0 must already be 0), ties in index order. */
export function argsortFloat64(keys: Float64Array): Int32Array {
  const n = keys.length
  const hi = new Uint32Array(n)
  const lo = new Uint32Array(n)
  const bits = new Uint32Array(keys.buffer, keys.byteOffset, n * 2)
  // IEEE 754 doubles order like their bit patterns once negatives are inverted and positives get the sign bit.
  for (let i = 0; i < n; i++) {
    const l = bits[2 * i] as number
    const h = bits[2 * i + 1] as number
    if (h >>> 31) {
      hi[i] = ~h >>> 0
      lo[i] = ~l >>> 0
    } else {
      hi[i] = (h | 0x80000000) >>> 0
      lo[i] = l
    }
  }
  return argsortU64(hi, lo)
}

const BITS = 11
const BUCKETS = 1 << BITS

/**
 * Row indices ordered by the unsigned 64-bit keys (hi, lo), ties in index order. Six passes of
 * 11-bit digits (2,048 counters stay in the L1 cache while scattering); a pass whose digit is the
 * same for every key is skipped (scores in [0, 1] share most of their high bits).
 */
export function argsortU64(hi: Uint32Array, lo: Uint32Array): Int32Array {
  const n = hi.length
  // The keys travel with the indices, so every pass reads them sequentially.
  let idx = new Int32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  let kh = Uint32Array.from(hi)
  let kl = Uint32Array.from(lo)
  let idx2 = new Int32Array(n)
  let kh2 = new Uint32Array(n)
  let kl2 = new Uint32Array(n)
  const count = new Int32Array(BUCKETS + 1)
  const mask = BUCKETS - 1
  for (const [high, shift] of [[false, 0], [false, 11], [false, 22], [true, 0], [true, 11], [true, 22]] as const) {
    const word = high ? kh : kl
    count.fill(0)
    for (let i = 0; i < n; i++) count[((word[i]! >>> shift) & mask) + 1]!++
    let skip = false
    for (let d = 1; d <= BUCKETS; d++) {
      const c = count[d]!
      if (c === n) skip = true
      if (c !== 0) break
    }
    if (skip) continue
    for (let d = 1; d <= BUCKETS; d++) count[d]! += count[d - 1]!
    for (let i = 0; i < n; i++) {
      const at = count[(word[i]! >>> shift) & mask]!++
      idx2[at] = idx[i]!
      kh2[at] = kh[i]!
      kl2[at] = kl[i]!
    }
    ;[idx, idx2] = [idx2, idx]
    ;[kh, kh2] = [kh2, kh]
    ;[kl, kl2] = [kl2, kl]
  }
  return idx
}
