/**
 * Confidence intervals a claim may name (metrics.json compute.interval): Wilson's score interval
 * for a proportion and Hanley & McNeil's (1982) normal interval for an AUC. Both need unweighted
 * counts, so a weighted table makes them not recomputable.
 */

/**
 * The standard normal quantile: Acklam's rational approximation (relative error below 1.2e-9),
 * refined by two Halley steps on the normal CDF.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) return Number.NaN
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239]
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1]
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416]
  const [a0, a1, a2, a3, a4, a5] = a as [number, number, number, number, number, number]
  const [b0, b1, b2, b3, b4] = b as [number, number, number, number, number]
  const [c0, c1, c2, c3, c4, c5] = c as [number, number, number, number, number, number]
  const [d0, d1, d2, d3] = d as [number, number, number, number]
  let x: number
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p))
    x = (((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
  } else if (p <= 1 - 0.02425) {
    const q = p - 0.5
    const r = q * q
    x = ((((((a0 * r + a1) * r + a2) * r + a3) * r + a4) * r + a5) * q) / (((((b0 * r + b1) * r + b2) * r + b3) * r + b4) * r + 1)
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p))
    x = -(((((c0 * q + c1) * q + c2) * q + c3) * q + c4) * q + c5) / ((((d0 * q + d1) * q + d2) * q + d3) * q + 1)
  }
  // Two Halley steps on Phi(x) - p (Marsaglia's series for Phi, absolute error ~1e-15 for |x| < 8).
  for (let k = 0; k < 2; k++) {
    const e = phi(x) - p
    const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2)
    x = x - u / (1 + (x * u) / 2)
  }
  return x
}

/** The standard normal CDF (Marsaglia 2004, "Evaluating the normal distribution"). */
function phi(x: number): number {
  if (x < -8) return 0
  if (x > 8) return 1
  let s = x
  let t = 0
  let b = x
  const q = x * x
  let i = 1
  while (s !== t) {
    t = s
    i += 2
    b *= q / i
    s = t + b
  }
  // 0.9189385332046727 = ln(sqrt(2 pi))
  return 0.5 + s * Math.exp(-0.5 * q - 0.9189385332046727)
}

/** z for a two-sided interval at `level` (0.95 -> 1.959964). */
export const zFor = (level: number): number => normalQuantile(1 - (1 - level) / 2)

export function wilson(p: number, n: number, level: number): [number, number] {
  const z = zFor(level)
  const z2 = z * z
  const den = 1 + z2 / n
  const center = (p + z2 / (2 * n)) / den
  const half = (z / den) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))
  return [center - half, center + half]
}

export function hanleyMcNeil(auc: number, positives: number, negatives: number, level: number): [number, number] {
  const q1 = auc / (2 - auc)
  const q2 = (2 * auc * auc) / (1 + auc)
  const se = Math.sqrt((auc * (1 - auc) + (positives - 1) * (q1 - auc * auc) + (negatives - 1) * (q2 - auc * auc)) / (positives * negatives))
  const z = zFor(level)
  return [auc - z * se, auc + z * se]
}
