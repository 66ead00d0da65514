/**
 * Binary classification metrics over one slice's rows (label 1 = positive class), weighted when
 * the table has weights. Definitions, tie handling and empty-slice behaviour: docs/recompute.md.
 */
import type { PredictionTable } from '../table'
import { multiclassAccuracy } from './other'
import { undef, type MetricDef, type MetricInput, type MetricResult, type Params } from './types'

/** log_loss clips probabilities to [EPS, 1 - EPS], EPS = 2^-52 (float64 machine epsilon, as scikit-learn). */
export const LOG_LOSS_EPS = 2 ** -52

const one = (w: Float64Array | undefined, r: number): number => (w ? w[r]! : 1)

/** Weighted and counted positives and negatives of a slice (the curves use it too). */
export function classTotals(t: PredictionTable, idx: Int32Array): { P: number; N: number; nP: number; nN: number } {
  const y = t.label
  const w = t.weight
  let P = 0
  let N = 0
  let nP = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const wr = one(w, r)
    if (y[r] === 1) {
      P += wr
      nP++
    } else N += wr
  }
  return { P, N, nP, nN: idx.length - nP }
}

/** Why a binary metric or curve has no value on a slice with one class (or none). */
export const oneClass = (P: number, N: number): string | undefined =>
  P === 0 && N === 0 ? 'the slice is empty (or all its weights are 0)' : P === 0 ? 'the slice has no positive example' : N === 0 ? 'the slice has no negative example' : undefined

/** Mann-Whitney: P(score+ > score-) + 1/2 P(score+ = score-), over tied groups in score order. */
function auc({ t, idx }: MetricInput): MetricResult {
  const s = t.score!
  const y = t.label
  const w = t.weight
  let negBelow = 0
  let sum = 0
  let P = 0
  let nP = 0
  const n = idx.length
  let i = 0
  while (i < n) {
    const v = s[idx[i]!]!
    let gp = 0
    let gn = 0
    let j = i
    for (; j < n; j++) {
      const r = idx[j]!
      if (s[r] !== v) break
      const wr = one(w, r)
      if (y[r] === 1) {
        gp += wr
        nP++
      } else gn += wr
    }
    sum += gp * (negBelow + gn / 2)
    negBelow += gn
    P += gp
    i = j
  }
  const why = oneClass(P, negBelow)
  if (why) return undef(why)
  return { ok: true, value: sum / (P * negBelow), positives: nP, negatives: n - nP }
}

/** Largest gap between the (weighted) score CDFs of negatives and positives, at distinct scores. */
function ks({ t, idx }: MetricInput): MetricResult {
  const s = t.score!
  const y = t.label
  const w = t.weight
  const { P, N } = classTotals(t, idx)
  const why = oneClass(P, N)
  if (why) return undef(why)
  let cp = 0
  let cn = 0
  let best = 0
  const n = idx.length
  for (let k = 0; k < n; k++) {
    const r = idx[k]!
    if (y[r] === 1) cp += one(w, r)
    else cn += one(w, r)
    if (k + 1 < n && s[idx[k + 1]!] === s[r]) continue
    const d = Math.abs(cn / N - cp / P)
    if (d > best) best = d
  }
  return { ok: true, value: best }
}

function probabilityProblem(t: PredictionTable, idx: Int32Array): string | undefined {
  const s = t.score!
  for (let k = 0; k < idx.length; k++) {
    const v = s[idx[k]!]!
    if (!(v >= 0 && v <= 1)) return `a score (${v}, data row ${t.order[idx[k]!]! + 1}) is not a probability in [0, 1]`
  }
  return undefined
}

function brier({ t, idx }: MetricInput): MetricResult {
  const bad = probabilityProblem(t, idx)
  if (bad) return undef(bad)
  const s = t.score!
  const y = t.label
  const w = t.weight
  let W = 0
  let sum = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const wr = one(w, r)
    const d = s[r]! - y[r]!
    sum += wr * d * d
    W += wr
  }
  return W > 0 ? { ok: true, value: sum / W } : undef('the slice is empty (or all its weights are 0)')
}

function logLoss({ t, idx }: MetricInput): MetricResult {
  const bad = probabilityProblem(t, idx)
  if (bad) return undef(bad)
  const s = t.score!
  const y = t.label
  const w = t.weight
  let W = 0
  let sum = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const wr = one(w, r)
    const p = Math.min(1 - LOG_LOSS_EPS, Math.max(LOG_LOSS_EPS, s[r]!))
    sum -= wr * (y[r] === 1 ? Math.log(p) : Math.log(1 - p))
    W += wr
  }
  return W > 0 ? { ok: true, value: sum / W } : undef('the slice is empty (or all its weights are 0)')
}

/** Equal-count bins in score order: bin b holds positions floor(b n / k) .. floor((b+1) n / k) - 1. */
function ece({ t, idx, params }: MetricInput): MetricResult {
  const k = params.bins as number
  const s = t.score!
  const y = t.label
  const w = t.weight
  const n = idx.length
  if (n === 0) return undef('the slice is empty')
  let W = 0
  let total = 0
  for (let b = 0; b < k; b++) {
    const lo = Math.floor((b * n) / k)
    const hi = Math.floor(((b + 1) * n) / k)
    let S = 0
    let Y = 0
    for (let q = lo; q < hi; q++) {
      const r = idx[q]!
      const wr = one(w, r)
      S += wr * s[r]!
      Y += wr * y[r]!
      W += wr
    }
    total += Math.abs(S - Y)
  }
  return W > 0 ? { ok: true, value: total / W } : undef('all weights of the slice are 0')
}

/** Predicted positive per row: score >= cutoff (or > with positive_if ">"), else the predicted column. */
function predictor(t: PredictionTable, params: Params): ((r: number) => boolean) | string {
  const cutoff = params.cutoff
  if (typeof cutoff === 'number') {
    const s = t.score
    if (!s) return 'it needs a score column to apply the cutoff'
    return params.positive_if === '>' ? (r) => s[r]! > cutoff : (r) => s[r]! >= cutoff
  }
  const p = t.predicted
  if (!p) return 'it needs a "cutoff" parameter or a predicted column'
  return (r) => p[r] === 1
}

function confusion(inp: MetricInput): { tp: number; fp: number; fn: number; tn: number; n: number } | string {
  const pred = predictor(inp.t, inp.params)
  if (typeof pred === 'string') return pred
  const y = inp.t.label
  const w = inp.t.weight
  let tp = 0
  let fp = 0
  let fn = 0
  let tn = 0
  for (let k = 0; k < inp.idx.length; k++) {
    const r = inp.idx[k]!
    const wr = one(w, r)
    if (pred(r)) {
      if (y[r] === 1) tp += wr
      else fp += wr
    } else if (y[r] === 1) fn += wr
    else tn += wr
  }
  return { tp, fp, fn, tn, n: inp.idx.length }
}

/** A ratio whose zero denominator gives 0, as scikit-learn's zero_division default does. */
const sk = (num: number, den: number): number => (den === 0 ? 0 : num / den)

function fromConfusion(f: (c: { tp: number; fp: number; fn: number; tn: number; n: number }) => MetricResult): (inp: MetricInput) => MetricResult {
  return (inp) => {
    const c = confusion(inp)
    return typeof c === 'string' ? undef(c) : f(c)
  }
}

const approves = (params: Params, s: Float64Array): ((r: number) => boolean) => {
  const cutoff = params.cutoff as number
  return params.approve_if === '<' ? (r) => s[r]! < cutoff : (r) => s[r]! <= cutoff
}

function approvalRate({ t, idx, params }: MetricInput): MetricResult {
  const ok = approves(params, t.score!)
  const w = t.weight
  let W = 0
  let A = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const wr = one(w, r)
    W += wr
    if (ok(r)) A += wr
  }
  return W > 0 ? { ok: true, value: A / W, count: idx.length } : undef('the slice is empty (or all its weights are 0)')
}

function badRateApproved({ t, idx, params }: MetricInput): MetricResult {
  const ok = approves(params, t.score!)
  const y = t.label
  const w = t.weight
  let A = 0
  let B = 0
  let nA = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    if (!ok(r)) continue
    const wr = one(w, r)
    A += wr
    B += wr * y[r]!
    nA++
  }
  return A > 0 ? { ok: true, value: B / A, count: nA } : undef('no row of the slice is approved at this cutoff')
}

function approvalRateRatio(inp: MetricInput): MetricResult {
  const g = inp.subset('group')
  const ref = inp.subset('reference')
  const ok = approves(inp.params, inp.t.score!)
  const w = inp.t.weight
  let gW = 0
  let gA = 0
  let rW = 0
  let rA = 0
  for (let k = 0; k < inp.idx.length; k++) {
    const r = inp.idx[k]!
    const wr = one(w, r)
    const a = ok(r) ? wr : 0
    if (g[r]) {
      gW += wr
      gA += a
    }
    if (ref[r]) {
      rW += wr
      rA += a
    }
  }
  if (gW === 0) return undef('the group has no row in the slice')
  if (rW === 0) return undef('the reference group has no row in the slice')
  if (rA === 0) return undef('the reference group has no approved row')
  return { ok: true, value: gA / gW / (rA / rW) }
}

function prevalence({ t, idx }: MetricInput): MetricResult {
  const { P, N } = classTotals(t, idx)
  return P + N > 0 ? { ok: true, value: P / (P + N), count: idx.length } : undef('the slice is empty (or all its weights are 0)')
}

const binaryAccuracy = fromConfusion((c) =>
  c.tp + c.fp + c.fn + c.tn > 0 ? { ok: true, value: (c.tp + c.tn) / (c.tp + c.fp + c.fn + c.tn), count: c.n } : undef('the slice is empty (or all its weights are 0)')
)

const cutoffParams = [
  { name: 'cutoff', kind: 'number', required: false },
  { name: 'positive_if', kind: 'comparator', required: false, values: ['>=', '>'] }
] as const
const approvalParams = [
  { name: 'cutoff', kind: 'number', required: true },
  { name: 'approve_if', kind: 'comparator', required: false, values: ['<=', '<'] }
] as const

export const BINARY_METRICS: readonly MetricDef[] = [
  { id: 'auc', minDecimals: 2, title: 'ROC AUC (Mann-Whitney, ties count one half)', tasks: ['binary'], params: [], needsScore: true, interval: 'hanley-mcneil', compute: auc },
  {
    id: 'gini', minDecimals: 2,
    title: 'Gini coefficient, 2 x AUC - 1',
    tasks: ['binary'],
    params: [],
    needsScore: true,
    compute: (inp) => {
      const a = auc(inp)
      return a.ok ? { ok: true, value: 2 * a.value - 1 } : a
    }
  },
  { id: 'ks', minDecimals: 2, title: 'Kolmogorov-Smirnov statistic between the score distributions of the two classes', tasks: ['binary'], params: [], needsScore: true, compute: ks },
  { id: 'brier', minDecimals: 2, title: 'Brier score, mean squared error of the probability', tasks: ['binary'], params: [], needsScore: true, compute: brier },
  { id: 'log_loss', title: 'Log loss (cross-entropy), probabilities clipped to [2^-52, 1 - 2^-52]', tasks: ['binary'], params: [], needsScore: true, compute: logLoss },
  { id: 'ece', minDecimals: 2, title: 'Expected calibration error over equal-count bins', tasks: ['binary'], params: [{ name: 'bins', kind: 'number', required: false, default: 10 }], needsScore: true, compute: ece },
  {
    id: 'accuracy', minDecimals: 2,
    title: 'Accuracy at a cutoff (binary) or of the predicted class',
    tasks: ['binary', 'multiclass'],
    params: cutoffParams,
    needsScore: false,
    interval: 'wilson',
    compute: (inp) => (inp.t.task === 'multiclass' ? multiclassAccuracy(inp) : binaryAccuracy(inp))
  },
  { id: 'precision', minDecimals: 2, title: 'Precision at a cutoff, TP / (TP + FP)', tasks: ['binary'], params: cutoffParams, needsScore: false, compute: fromConfusion((c) => ({ ok: true, value: sk(c.tp, c.tp + c.fp) })) },
  { id: 'recall', minDecimals: 2, title: 'Recall (true positive rate) at a cutoff, TP / (TP + FN)', tasks: ['binary'], params: cutoffParams, needsScore: false, compute: fromConfusion((c) => ({ ok: true, value: sk(c.tp, c.tp + c.fn) })) },
  { id: 'f1', minDecimals: 2, title: 'F1 at a cutoff, 2 TP / (2 TP + FP + FN)', tasks: ['binary'], params: cutoffParams, needsScore: false, compute: fromConfusion((c) => ({ ok: true, value: sk(2 * c.tp, 2 * c.tp + c.fp + c.fn) })) },
  {
    id: 'positive_rate', minDecimals: 2,
    title: 'Share of rows predicted positive at a cutoff',
    tasks: ['binary'],
    params: cutoffParams,
    needsScore: false,
    interval: 'wilson',
    compute: fromConfusion((c) => (c.tp + c.fp + c.fn + c.tn > 0 ? { ok: true, value: (c.tp + c.fp) / (c.tp + c.fp + c.fn + c.tn), count: c.n } : undef('the slice is empty (or all its weights are 0)')))
  },
  { id: 'approval_rate', minDecimals: 2, title: 'Share of rows approved: score <= cutoff', tasks: ['binary'], params: approvalParams, needsScore: true, interval: 'wilson', compute: approvalRate },
  { id: 'bad_rate_approved', minDecimals: 2, title: 'Share of positives (bads) among the approved rows', tasks: ['binary'], params: approvalParams, needsScore: true, interval: 'wilson', compute: badRateApproved },
  {
    id: 'approval_rate_ratio',
    title: 'Approval rate of a group divided by that of a reference group (adverse impact ratio)',
    tasks: ['binary'],
    params: [...approvalParams, { name: 'group', kind: 'slice', required: true }, { name: 'reference', kind: 'slice', required: true }],
    needsScore: true,
    compute: approvalRateRatio
  },
  { id: 'prevalence', minDecimals: 2, title: 'Share of positive labels (base rate)', tasks: ['binary'], params: [], needsScore: false, interval: 'wilson', compute: prevalence }
]
