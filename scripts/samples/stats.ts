/**
 * The evaluation statistics a credit-risk validation team reports, computed from the generated
 * predictions, so that every figure in the sample packs can be recomputed from the shipped CSV.
 */
export interface Scored {
  readonly pd: number
  readonly label: 0 | 1
}

/** ROC AUC via the rank-sum (Mann-Whitney) statistic, with ties averaged. */
export function auc(rows: readonly Scored[]): number {
  const sorted = [...rows].sort((x, y) => x.pd - y.pd)
  let rankSumPos = 0
  let nPos = 0
  let i = 0
  while (i < sorted.length) {
    let j = i
    while (j + 1 < sorted.length && (sorted[j + 1] as Scored).pd === (sorted[i] as Scored).pd) j++
    const avgRank = (i + j) / 2 + 1
    for (let k = i; k <= j; k++) {
      if ((sorted[k] as Scored).label === 1) {
        rankSumPos += avgRank
        nPos++
      }
    }
    i = j + 1
  }
  const nNeg = sorted.length - nPos
  if (nPos === 0 || nNeg === 0) return Number.NaN
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg)
}

/** Hanley & McNeil (1982) standard error of an AUC, for a 95% interval. */
export function aucCi(a: number, rows: readonly Scored[]): { lower: number; upper: number; level: number } {
  const nPos = rows.filter((r) => r.label === 1).length
  const nNeg = rows.length - nPos
  const q1 = a / (2 - a)
  const q2 = (2 * a * a) / (1 + a)
  const se = Math.sqrt((a * (1 - a) + (nPos - 1) * (q1 - a * a) + (nNeg - 1) * (q2 - a * a)) / (nPos * nNeg))
  return { lower: a - 1.96 * se, upper: a + 1.96 * se, level: 0.95 }
}

/** Kolmogorov-Smirnov: the largest gap between the score CDFs of goods and bads. */
export function ks(rows: readonly Scored[]): number {
  const sorted = [...rows].sort((x, y) => x.pd - y.pd)
  const nPos = sorted.filter((r) => r.label === 1).length
  const nNeg = sorted.length - nPos
  let cp = 0
  let cn = 0
  let best = 0
  for (let i = 0; i < sorted.length; i++) {
    const r = sorted[i] as Scored
    if (r.label === 1) cp++
    else cn++
    const next = sorted[i + 1]
    if (next && next.pd === r.pd) continue
    best = Math.max(best, Math.abs(cn / nNeg - cp / nPos))
  }
  return best
}

export function brier(rows: readonly Scored[]): number {
  return rows.reduce((s, r) => s + (r.pd - r.label) ** 2, 0) / rows.length
}

export function logLoss(rows: readonly Scored[]): number {
  const eps = 1e-15
  return -rows.reduce((s, r) => {
    const p = Math.min(1 - eps, Math.max(eps, r.pd))
    return s + (r.label === 1 ? Math.log(p) : Math.log(1 - p))
  }, 0) / rows.length
}

export interface Bin {
  readonly n: number
  readonly meanPd: number
  readonly observed: number
  readonly minPd: number
  readonly maxPd: number
}

/** Equal-count bins by predicted PD (deciles by default). */
export function bins(rows: readonly Scored[], k = 10): readonly Bin[] {
  const sorted = [...rows].sort((x, y) => x.pd - y.pd)
  const out: Bin[] = []
  for (let b = 0; b < k; b++) {
    const part = sorted.slice(Math.floor((b * sorted.length) / k), Math.floor(((b + 1) * sorted.length) / k))
    const n = part.length
    out.push({
      n,
      meanPd: part.reduce((s, r) => s + r.pd, 0) / n,
      observed: part.reduce((s, r) => s + r.label, 0) / n,
      minPd: (part[0] as Scored).pd,
      maxPd: (part[n - 1] as Scored).pd
    })
  }
  return out
}

/** Expected calibration error over equal-count bins. */
export function ece(rows: readonly Scored[], k = 10): number {
  return bins(rows, k).reduce((s, b) => s + (b.n / rows.length) * Math.abs(b.meanPd - b.observed), 0)
}

/** Population stability index of `actual` against the decile edges of `expected`. */
export function psi(expected: readonly number[], actual: readonly number[], k = 10): number {
  const e = [...expected].sort((x, y) => x - y)
  const edges = Array.from({ length: k - 1 }, (_, i) => e[Math.floor(((i + 1) * e.length) / k)] as number)
  const hist = (xs: readonly number[]): number[] => {
    const h = new Array<number>(k).fill(0)
    for (const x of xs) {
      let b = 0
      while (b < edges.length && x > (edges[b] as number)) b++
      h[b] = (h[b] as number) + 1
    }
    return h.map((c) => Math.max(c / xs.length, 1e-6))
  }
  const pe = hist(expected)
  const pa = hist(actual)
  return pe.reduce((s, p, i) => s + ((pa[i] as number) - p) * Math.log((pa[i] as number) / p), 0)
}

/** Rounds for publication: the JSON literal is then exactly this many decimals or fewer. */
export function round(x: number, decimals = 4): number {
  return Number(x.toFixed(decimals))
}

/** Wilson's score interval of a proportion p over n items (z = 1.959964 for 95%). */
export function wilson(p: number, n: number, level: 0.95): [number, number] {
  const z = level === 0.95 ? 1.959963984540054 : Number.NaN
  const den = 1 + (z * z) / n
  const center = (p + (z * z) / (2 * n)) / den
  const half = (z / den) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))
  return [center - half, center + half]
}
