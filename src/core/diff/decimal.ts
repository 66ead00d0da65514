/**
 * Exact decimal arithmetic for the diff: deltas and tolerance checks are computed on decimal
 * literals, so 0.80 -> 0.79 is a delta of exactly -0.01 (not -0.010000000000000009) and a change
 * exactly at the tolerance stays within it. Thresholds are compared the same way (pack-format:
 * "no float round-trip may turn a pass into a fail").
 *
 * Local on purpose: the diff needs subtraction and multiplication, not only comparison. A value is
 * m x 10^e with a BigInt mantissa; inputs are JSON number literals or String(n) of a finite number.
 */
export interface Dec {
  readonly m: bigint
  readonly e: number
}

const LITERAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/
/** Exponent gaps beyond this would build huge BigInts; such values never occur in evidence. */
const MAX_EXP_GAP = 400

/** Parses a decimal literal; undefined when it is not one (the caller falls back to floats). */
export function parseDec(s: string): Dec | undefined {
  const g = LITERAL.exec(s.trim())
  if (!g) return undefined
  const frac = g[3] ?? ''
  const exp = g[4] === undefined ? 0 : Number(g[4])
  if (!Number.isSafeInteger(exp)) return undefined
  const digits = `${g[2] ?? '0'}${frac}`
  const m = BigInt(digits)
  return { m: g[1] === '-' ? -m : m, e: exp - frac.length }
}

/** The exact decimal of a finite number as JS prints it (shortest round-trip form). */
export function decOfNumber(n: number): Dec | undefined {
  return Number.isFinite(n) ? parseDec(String(n)) : undefined
}

function align(a: Dec, b: Dec): [bigint, bigint, number] | undefined {
  if (a.e === b.e) return [a.m, b.m, a.e]
  if (Math.abs(a.e - b.e) > MAX_EXP_GAP) return undefined
  const e = Math.min(a.e, b.e)
  return [a.m * 10n ** BigInt(a.e - e), b.m * 10n ** BigInt(b.e - e), e]
}

export function subDec(a: Dec, b: Dec): Dec | undefined {
  const x = align(a, b)
  return x && { m: x[0] - x[1], e: x[2] }
}

export function mulDec(a: Dec, b: Dec): Dec {
  return { m: a.m * b.m, e: a.e + b.e }
}

export function absDec(a: Dec): Dec {
  return a.m < 0n ? { m: -a.m, e: a.e } : a
}

/** -1, 0 or 1; undefined only for absurd exponent gaps. */
export function cmpDec(a: Dec, b: Dec): -1 | 0 | 1 | undefined {
  if (a.m === 0n || b.m === 0n || (a.m < 0n) !== (b.m < 0n)) {
    const sa = a.m === 0n ? 0 : a.m < 0n ? -1 : 1
    const sb = b.m === 0n ? 0 : b.m < 0n ? -1 : 1
    if (sa !== sb) return sa < sb ? -1 : 1
    if (sa === 0) return 0
  }
  const x = align(a, b)
  if (!x) return undefined
  return x[0] === x[1] ? 0 : x[0] < x[1] ? -1 : 1
}

/** Canonical text: no exponent, no trailing zeros, "-0.01", "12", "0". */
export function formatDec(a: Dec): string {
  let { m, e } = a
  if (m === 0n) return '0'
  while (e < 0 && m % 10n === 0n) {
    m /= 10n
    e += 1
  }
  const neg = m < 0n
  let digits = (neg ? -m : m).toString()
  if (e >= 0) {
    digits = e > 30 ? `${digits}e${e}` : digits + '0'.repeat(e)
  } else {
    const point = digits.length + e
    digits = point > 0 ? `${digits.slice(0, point)}.${digits.slice(point)}` : `0.${'0'.repeat(-point)}${digits}`
  }
  return neg ? `-${digits}` : digits
}
