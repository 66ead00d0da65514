/**
 * The ROC curve of a binary slice: one point per distinct score, by descending threshold, from
 * (0, 0) to (1, 1); weighted rates when the table has weights (rows of weight 0 add no threshold,
 * as scikit-learn's roc_curve). The trapezoidal area under the exact curve is the registry's AUC
 * (ties count one half); the caption's AUC is the registry's own number.
 */
import { classTotals, oneClass } from '../recompute/metrics/binary'
import type { PredictionTable } from '../recompute/table'
import { simplifyMonotone } from './simplify'
import type { ChartNumber, RocChart } from './types'

export interface ExactRoc {
  readonly fpr: Float64Array
  readonly tpr: Float64Array
  /** NaN for the first point (above every score). */
  readonly thresholds: Float64Array
  readonly positives: number
  readonly negatives: number
}

/** The exact curve, or why there is none (a class missing on these rows). */
export function exactRoc(t: PredictionTable, idx: Int32Array): ExactRoc | string {
  const s = t.score
  if (!s) return 'the predictions file declares no score column'
  const y = t.label
  const w = t.weight
  const { P, N, nP } = classTotals(t, idx)
  const why = oneClass(P, N)
  if (why) return why
  // Distinct scores among rows of positive weight, plus the origin.
  let distinct = 1
  let last = Number.NaN
  for (let k = idx.length - 1; k >= 0; k--) {
    const r = idx[k]!
    if (w && w[r] === 0) continue
    if (s[r] !== last) {
      distinct++
      last = s[r]!
    }
  }
  const fpr = new Float64Array(distinct)
  const tpr = new Float64Array(distinct)
  const thresholds = new Float64Array(distinct)
  thresholds[0] = Number.NaN
  let tp = 0
  let fp = 0
  let j = 0
  for (let k = idx.length - 1; k >= 0; ) {
    const v = s[idx[k]!]!
    let any = false
    for (; k >= 0 && s[idx[k]!] === v; k--) {
      const r = idx[k]!
      const wr = w ? w[r]! : 1
      if (wr === 0) continue
      any = true
      if (y[r] === 1) tp += wr
      else fp += wr
    }
    if (!any) continue
    j++
    fpr[j] = fp / N
    tpr[j] = tp / P
    thresholds[j] = v
  }
  return { fpr, tpr, thresholds, positives: nP, negatives: idx.length - nP }
}

/** Trapezoidal area under an exact curve (the test that the picture and the AUC agree). */
export function trapezoidArea(c: ExactRoc): number {
  let a = 0
  for (let i = 1; i < c.fpr.length; i++) a += ((c.fpr[i]! - c.fpr[i - 1]!) * (c.tpr[i]! + c.tpr[i - 1]!)) / 2
  return a
}

export function rocChart(exact: ExactRoc, auc: ChartNumber, eps: number): RocChart {
  const kept = simplifyMonotone(exact.fpr, exact.tpr, eps)
  return {
    kind: 'roc',
    points: kept.map((i) => [exact.fpr[i]!, exact.tpr[i]!] as const),
    thresholds: kept.map((i) => (Number.isNaN(exact.thresholds[i]!) ? null : exact.thresholds[i]!)),
    exactPoints: exact.fpr.length,
    tolerance: kept.length === exact.fpr.length ? 0 : eps,
    positives: exact.positives,
    negatives: exact.negatives,
    auc
  }
}
