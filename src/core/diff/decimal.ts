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

// ---------------------------------------------------------------------------------------------
// Fast path: plain literals ("0.7643", "-12", "1000.5") with at most 15 digits fit a safe
// integer mantissa, so the exact arithmetic runs on doubles without BigInt allocations. Every
// product and difference is checked with Number.isSafeInteger; when one is not, the caller
// falls back to the BigInt path. (A large diff compares 50,000 values: this halves its CPU time.)

/** value = m / 10^s exactly; m is a safe integer, 0 <= s <= 15. */
export interface Small {
  readonly m: number
  readonly s: number
}

const POW10: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i)

export function parseSmall(lit: string): Small | undefined {
  const len = lit.length
  if (len === 0 || len > 17) return undefined
  let i = 0
  let neg = false
  if (lit.charCodeAt(0) === 45) {
    neg = true
    i = 1
  }
  let m = 0
  let s = -1
  let digits = 0
  for (; i < len; i++) {
    const c = lit.charCodeAt(i)
    if (c === 46) {
      if (s !== -1) return undefined
      s = 0
      continue
    }
    if (c < 48 || c > 57) return undefined
    m = m * 10 + (c - 48)
    digits++
    if (s !== -1) s++
  }
  if (digits === 0 || digits > 15 || s === 0) return undefined
  return { m: neg ? -m : m, s: s === -1 ? 0 : s }
}

export interface ExactDelta {
  /** new - old as a canonical decimal, and as the double nearest to it. */
  readonly literal: string
  readonly value: number
  readonly sign: -1 | 0 | 1
  /** |delta| > absolute AND |delta| > relative x |old|, decided exactly. */
  readonly beyond: boolean
}

function pow(i: number): number | undefined {
  return POW10[i]
}

/** The exact delta and tolerance test on the fast path; undefined when it does not apply. */
export function smallDelta(o: Small, n: Small, abs: Small, rel: Small): ExactDelta | undefined {
  const k = o.s > n.s ? o.s : n.s
  const pa = pow(k - o.s)
  const pb = pow(k - n.s)
  if (pa === undefined || pb === undefined) return undefined
  const A = o.m * pa
  const B = n.m * pb
  const D = B - A
  if (!Number.isSafeInteger(A) || !Number.isSafeInteger(B) || !Number.isSafeInteger(D)) return undefined
  const mag = D < 0 ? -D : D
  // |D| / 10^k > abs.m / 10^abs.s  <=>  |D| * 10^abs.s > abs.m * 10^k
  const pAbs = pow(abs.s)
  const pk = pow(k)
  const pRel = pow(rel.s + o.s)
  if (pAbs === undefined || pk === undefined || pRel === undefined) return undefined
  const l1 = mag * pAbs
  const r1 = abs.m * pk
  // |D| / 10^k > (rel.m / 10^rel.s) * (|o.m| / 10^o.s)  <=>  |D| * 10^(rel.s + o.s) > rel.m * |o.m| * 10^k
  const l2 = mag * pRel
  const rm = rel.m * (o.m < 0 ? -o.m : o.m)
  const r2 = rm * pk
  if (![l1, r1, l2, rm, r2].every(Number.isSafeInteger)) return undefined
  const sign = D === 0 ? 0 : D < 0 ? -1 : 1
  // Canonical text: strip trailing zeros, place the point.
  let x = mag
  let sc = k
  while (sc > 0 && x % 10 === 0) {
    x /= 10
    sc--
  }
  let digits = String(x)
  if (sc > 0) digits = digits.length > sc ? `${digits.slice(0, -sc)}.${digits.slice(-sc)}` : `0.${'0'.repeat(sc - digits.length)}${digits}`
  const psc = pow(sc) ?? 1
  return {
    literal: sign === 0 ? '0' : sign < 0 ? `-${digits}` : digits,
    // Exact integer / exact power of ten, correctly rounded: the same double as Number(literal).
    value: sign === 0 ? 0 : (sign * x) / psc,
    sign,
    beyond: l1 > r1 && l2 > r2
  }
}
