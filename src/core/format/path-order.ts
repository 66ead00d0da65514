/**
 * Fast deterministic ordering of pack paths: by the UTF-8 bytes of the NFC form (the order
 * `LC_ALL=C sort` gives), without encoding on every comparison. UTF-8 byte order equals code point
 * order, and UTF-16 code units give code point order once surrogates are moved above U+E000-U+FFFF.
 * Same result as paths.ts comparePackPaths, about 20x faster on 100k-entry manifests.
 */

function codeUnitRank(c: number): number {
  if (c < 0xd800) return c
  return c >= 0xe000 ? c - 0x800 : c + 0x2000
}

/** Compares two strings that are already NFC, by code point (= UTF-8 byte) order. */
export function compareNfcPaths(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i)
    const y = b.charCodeAt(i)
    if (x !== y) return codeUnitRank(x) - codeUnitRank(y)
  }
  return a.length - b.length
}

/** Returns the items sorted by the NFC form of `key(item)` (stable). */
export function sortByPackPath<T>(items: readonly T[], key: (x: T) => string): T[] {
  let high = false
  const keyed = items.map((x) => {
    const k = key(x)
    if (ASCII.test(k)) return { x, k }
    const nfc = k.normalize('NFC')
    if (!high && HIGH.test(nfc)) high = true
    return { x, k: nfc }
  })
  // Below U+D800 UTF-16 order is code point order, so the engine's own string comparison is exact.
  // The sort is stable and merges sorted runs (a manifest's lines, a listing already in order) in linear time.
  if (!high) keyed.sort((p, q) => (p.k < q.k ? -1 : p.k > q.k ? 1 : 0))
  else keyed.sort((p, q) => compareNfcPaths(p.k, q.k))
  return keyed.map((p) => p.x)
}

const HIGH = /[\ud800-\uffff]/
// eslint-disable-next-line no-control-regex -- ASCII range check
const ASCII = /^[\u0000-\u007f]*$/
