/**
 * How far a recomputed value may be from a claim: half a unit in the last decimal the claim
 * writes, plus a floor for floating-point summation order. "0.7958" accepts |d| <= 0.00005 + 1e-9.
 */

const LITERAL = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/

/** Absolute floor added to every tolerance, scaled by the claim's magnitude above 1. */
export const TOLERANCE_FLOOR = 1e-9

/** Decimal places the literal writes: digits after the point minus the exponent ("7.958e-1" -> 4, "1E+2" -> -2). */
export function decimalsOf(literal: string): number {
  const m = LITERAL.exec(literal)
  if (!m) throw new RangeError(`not a decimal literal: ${literal}`)
  return (m[2]?.length ?? 0) - Number(m[3] ?? '0')
}

/**
 * `minDecimals`: the registry's floor for a metric bounded by 1 (AUC, rates, Brier, ...): a claim
 * written "1" or "0.8" is held to two decimals, so dropping digits cannot widen the tolerance to
 * the whole range of the metric.
 */
export function toleranceFor(literal: string, minDecimals = Number.NEGATIVE_INFINITY): number {
  return 0.5 * 10 ** -Math.max(decimalsOf(literal), minDecimals) + TOLERANCE_FLOOR * Math.max(1, Math.abs(Number(literal)))
}
