/**
 * Reliability diagram over the ECE's own bins: equal-count bins of the slice's rows in score
 * order, bin b holding positions floor(b n / k) .. floor((b + 1) n / k) - 1 (ties split by file
 * order, docs/recompute.md `ece`), each drawn at (weighted mean score, weighted observed rate).
 * So the weighted gaps of the drawn bins add up to the ECE in the caption. For regression the same
 * bins of the prediction give predicted against observed (mean label).
 */
import type { PredictionTable } from '../recompute/table'
import type { ChartNumber, ReliabilityBin, ReliabilityChart } from './types'

/** Equal-count bins in score order; empty bins (fewer rows than bins) and bins of weight 0 are left out. */
export function reliabilityBins(t: PredictionTable, idx: Int32Array, k: number): ReliabilityBin[] {
  const s = t.score!
  const y = t.label
  const w = t.weight
  const n = idx.length
  const out: ReliabilityBin[] = []
  for (let b = 0; b < k; b++) {
    const lo = Math.floor((b * n) / k)
    const hi = Math.floor(((b + 1) * n) / k)
    let W = 0
    let S = 0
    let Y = 0
    for (let q = lo; q < hi; q++) {
      const r = idx[q]!
      const wr = w ? w[r]! : 1
      S += wr * s[r]!
      Y += wr * y[r]!
      W += wr
    }
    if (hi === lo || W === 0) continue
    out.push({ rows: hi - lo, weight: W, predicted: S / W, observed: Y / W, minScore: s[idx[lo]!]!, maxScore: s[idx[hi - 1]!]! })
  }
  return out
}

/** Sum over bins of |weighted gap| over the total weight: the ECE of these bins. */
export function binsEce(bins: readonly ReliabilityBin[]): number {
  let W = 0
  let gap = 0
  for (const b of bins) {
    W += b.weight
    gap += Math.abs(b.weight * b.predicted - b.weight * b.observed)
  }
  return W > 0 ? gap / W : Number.NaN
}

export function reliabilityChart(t: PredictionTable, idx: Int32Array, k: number, summary: ChartNumber): ReliabilityChart {
  return { kind: 'reliability', binCount: k, bins: reliabilityBins(t, idx, k), summary }
}
