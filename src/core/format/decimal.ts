/**
 * Exact comparison of decimal literals (JSON number syntax), arbitrary precision.
 * Thresholds are compared on the literals written in the file, never on doubles: "0.8" >= "0.80"
 * holds, and 0.30000000000000004 > 0.3 is decided on the digits, not on a rounded binary value.
 */
import type { Comparator } from './evidence'

interface Dec {
  readonly neg: boolean
  /** Significant digits without leading/trailing zeros; '' for zero. */
  readonly digits: string
  /** Value = 0.digits * 10^exp (only meaningful when digits !== ''). */
  readonly exp: number
}

const LITERAL_RE = /^(-?)(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

/** True when `s` is a decimal literal this module accepts (JSON number syntax, leading zeros tolerated). */
export function isDecimalLiteral(s: string): boolean {
  return LITERAL_RE.test(s)
}

function parse(s: string): Dec {
  const m = LITERAL_RE.exec(s)
  if (!m) throw new RangeError(`not a decimal literal: ${JSON.stringify(s)}`)
  const intPart = m[2] ?? ''
  const frac = m[3] ?? ''
  const e = m[4] ?? '0'
  let all = intPart + frac
  // Position of the decimal point relative to the start of `all`.
  let point = intPart.length
  const lead = /^0*/.exec(all)?.[0].length ?? 0
  all = all.slice(lead)
  point -= lead
  all = all.replace(/0+$/, '')
  if (all === '') return { neg: false, digits: '', exp: 0 }
  // Exponents beyond this are unreachable for finite doubles and keep the arithmetic in safe integers.
  const expNum = Number(e)
  if (!Number.isSafeInteger(expNum)) throw new RangeError(`exponent out of range: ${s}`)
  return { neg: m[1] === '-', digits: all, exp: point + expNum }
}

function cmpAbs(a: Dec, b: Dec): number {
  if (a.digits === '' || b.digits === '') return (a.digits === '' ? 0 : 1) - (b.digits === '' ? 0 : 1)
  if (a.exp !== b.exp) return a.exp > b.exp ? 1 : -1
  const n = Math.max(a.digits.length, b.digits.length)
  const x = a.digits.padEnd(n, '0')
  const y = b.digits.padEnd(n, '0')
  return x === y ? 0 : x > y ? 1 : -1
}

/** -1, 0 or 1 as a < b, a == b, a > b, exactly. Throws RangeError on a malformed literal. */
export function compareDecimal(a: string, b: string): -1 | 0 | 1 {
  const x = parse(a)
  const y = parse(b)
  const xs = x.digits === '' ? 0 : x.neg ? -1 : 1
  const ys = y.digits === '' ? 0 : y.neg ? -1 : 1
  if (xs !== ys) return xs < ys ? -1 : 1
  if (xs === 0) return 0
  const c = cmpAbs(x, y)
  const r = xs < 0 ? -c : c
  return r < 0 ? -1 : r > 0 ? 1 : 0
}

/** Whether `value <comparator> threshold` holds, compared exactly on the literals. */
export function holds(value: string, comparator: Comparator, threshold: string): boolean {
  return comparisonHolds(compareDecimal(value, threshold), comparator)
}

/** Whether a comparison result (-1, 0, 1 of value against threshold) satisfies the comparator. */
export function comparisonHolds(c: -1 | 0 | 1, comparator: Comparator): boolean {
  switch (comparator) {
    case '>=':
      return c >= 0
    case '>':
      return c > 0
    case '<=':
      return c <= 0
    case '<':
      return c < 0
    case '==':
      return c === 0
  }
}

/** A metric's threshold verdict: undefined when it has no threshold. */
export function thresholdMet(m: {
  readonly valueLiteral: string
  readonly thresholdLiteral?: string
  readonly comparator?: Comparator
}): boolean | undefined {
  if (m.thresholdLiteral === undefined || m.comparator === undefined) return undefined
  return holds(m.valueLiteral, m.comparator, m.thresholdLiteral)
}

/** The literal for a JS number (shortest round-trip form), for values built in code rather than parsed. */
export function literalOf(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError('not a finite number')
  return String(n)
}

/**
 * Whether a slice's value meets its metric's headline threshold. Slice values carry no literal, so
 * the value is taken as the shortest decimal that round-trips its double (String(value)) and is
 * compared exactly against the threshold's literal: the same rule as thresholdMet, never a
 * comparison of two doubles.
 */
export function valueMeetsThreshold(
  value: number,
  m: { readonly thresholdLiteral?: string; readonly comparator?: Comparator }
): boolean | undefined {
  if (m.thresholdLiteral === undefined || m.comparator === undefined || !Number.isFinite(value)) return undefined
  return holds(String(value), m.comparator, m.thresholdLiteral)
}
