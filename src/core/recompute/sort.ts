/**
 * Stable argsort by LSD radix (four 16-bit passes over a 64-bit key), linear in the row count:
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

/** Row indices ordered by the unsigned 64-bit keys (hi, lo), ties in index order. */
export function argsortU64(hi: Uint32Array, lo: Uint32Array): Int32Array {
  const n = hi.length
  let idx = new Int32Array(n)
  for (let i = 0; i < n; i++) idx[i] = i
  let tmp = new Int32Array(n)
  const count = new Int32Array(65537)
  const passes: [Uint32Array, number][] = [
    [lo, 0],
    [lo, 16],
    [hi, 0],
    [hi, 16]
  ]
  for (const [word, shift] of passes) {
    count.fill(0)
    for (let i = 0; i < n; i++) count[((word[i]! >>> shift) & 0xffff) + 1]!++
    // A pass where every key has the same digit changes nothing: skip it.
    let skip = false
    for (let d = 1; d <= 65536; d++) {
      const c = count[d] as number
      if (c === n) {
        skip = true
        break
      }
      if (c !== 0) break
    }
    if (skip) continue
    for (let d = 1; d <= 65536; d++) count[d] = (count[d] as number) + (count[d - 1] as number)
    for (let i = 0; i < n; i++) {
      const r = idx[i] as number
      const d = ((word[r] as number) >>> shift) & 0xffff
      tmp[count[d] as number] = r
      count[d] = (count[d] as number) + 1
    }
    const t = idx
    idx = tmp
    tmp = t
  }
  return idx
}
