/**
 * Metrics for any task (the mean of a 0/1 column), regression and multiclass classification.
 * Definitions in docs/recompute.md.
 */
import { undef, type MetricDef, type MetricInput, type MetricResult } from './types'

const one = (w: Float64Array | undefined, r: number): number => (w ? w[r]! : 1)
const EMPTY = 'the slice is empty (or all its weights are 0)'

/** Weighted mean of a column whose every value on the slice is 0 or 1 (e.g. a grader verdict). */
function rate({ t, idx, params }: MetricInput): MetricResult {
  const col = params.column as string
  const v = t.numbers.get(col)
  if (!v) return undef(`the predictions file has no numeric column "${col}"`)
  const w = t.weight
  let W = 0
  let S = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const x = v[t.order[r]!]!
    if (x !== 0 && x !== 1) return undef(`column "${col}" holds ${Number.isNaN(x) ? 'an empty cell' : x} at data row ${t.order[r]! + 1}, not 0 or 1`)
    const wr = one(w, r)
    W += wr
    S += wr * x
  }
  return W > 0 ? { ok: true, value: S / W, count: idx.length } : undef(EMPTY)
}

/** Sums of the residual e = prediction - label and of the label, weighted. */
function residuals({ t, idx }: MetricInput): { W: number; se: number; ae: number; e: number; y: number; yy: number } {
  const p = t.score!
  const y = t.label
  const w = t.weight
  let W = 0
  let se = 0
  let ae = 0
  let e = 0
  let sy = 0
  let syy = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const wr = one(w, r)
    const d = p[r]! - y[r]!
    W += wr
    se += wr * d * d
    ae += wr * Math.abs(d)
    e += wr * d
    sy += wr * y[r]!
    syy += wr * y[r]! * y[r]!
  }
  return { W, se, ae, e, y: sy, yy: syy }
}

function r2(inp: MetricInput): MetricResult {
  const s = residuals(inp)
  if (s.W === 0) return undef(EMPTY)
  // Total sum of squares around the weighted mean, in a second pass (no cancellation from yy - y^2/W).
  const mean = s.y / s.W
  const y = inp.t.label
  const w = inp.t.weight
  let tot = 0
  for (let k = 0; k < inp.idx.length; k++) {
    const r = inp.idx[k]!
    const d = y[r]! - mean
    tot += one(w, r) * d * d
  }
  return tot > 0 ? { ok: true, value: 1 - s.se / tot } : undef('the label is constant on the slice (R² is undefined)')
}

/** Per-class weighted counts over the slice: true (support), predicted, and correct. */
function perClass({ t, idx }: MetricInput): { truth: Float64Array; pred: Float64Array; hit: Float64Array; W: number } {
  const k = t.classes?.length ?? 0
  const truth = new Float64Array(k)
  const pred = new Float64Array(k)
  const hit = new Float64Array(k)
  const y = t.label
  const p = t.predicted!
  const w = t.weight
  let W = 0
  for (let q = 0; q < idx.length; q++) {
    const r = idx[q]!
    const wr = one(w, r)
    const a = y[r]!
    const b = p[r]!
    truth[a] = truth[a]! + wr
    pred[b] = pred[b]! + wr
    if (a === b) hit[a] = hit[a]! + wr
    W += wr
  }
  return { truth, pred, hit, W }
}

/** Multiclass accuracy: the (weighted) share of rows whose predicted class is the label. */
export function multiclassAccuracy(inp: MetricInput): MetricResult {
  const c = perClass(inp)
  const hits = c.hit.reduce((a, b) => a + b, 0)
  return c.W > 0 ? { ok: true, value: hits / c.W, count: inp.idx.length } : undef(EMPTY)
}

const f1Of = (hit: number, truth: number, pred: number): number => (truth + pred === 0 ? 0 : (2 * hit) / (truth + pred))

function f1Average(kind: 'macro' | 'weighted'): (inp: MetricInput) => MetricResult {
  return (inp) => {
    const c = perClass(inp)
    if (c.W === 0) return undef(EMPTY)
    let sum = 0
    let classes = 0
    for (let j = 0; j < c.truth.length; j++) {
      // Classes that occur on the slice (as label or prediction), as scikit-learn's default labels.
      if (c.truth[j] === 0 && c.pred[j] === 0) continue
      const f = f1Of(c.hit[j]!, c.truth[j]!, c.pred[j]!)
      sum += kind === 'macro' ? f : f * c.truth[j]!
      classes++
    }
    return { ok: true, value: kind === 'macro' ? sum / classes : sum / c.W }
  }
}

export const OTHER_METRICS: readonly MetricDef[] = [
  { id: 'rate', minDecimals: 2, title: 'Mean of a 0/1 column (pass rate, leak rate, ...)', tasks: ['binary', 'regression', 'multiclass'], params: [{ name: 'column', kind: 'column', required: true }], needsScore: false, interval: 'wilson', compute: rate },
  {
    id: 'rmse',
    title: 'Root mean squared error',
    tasks: ['regression'],
    params: [],
    needsScore: true,
    compute: (inp) => {
      const s = residuals(inp)
      return s.W > 0 ? { ok: true, value: Math.sqrt(s.se / s.W) } : undef(EMPTY)
    }
  },
  {
    id: 'mae',
    title: 'Mean absolute error',
    tasks: ['regression'],
    params: [],
    needsScore: true,
    compute: (inp) => {
      const s = residuals(inp)
      return s.W > 0 ? { ok: true, value: s.ae / s.W } : undef(EMPTY)
    }
  },
  { id: 'r2', title: 'Coefficient of determination, 1 - SS_res / SS_tot', tasks: ['regression'], params: [], needsScore: true, compute: r2 },
  {
    id: 'bias',
    title: 'Mean error, prediction - label',
    tasks: ['regression'],
    params: [],
    needsScore: true,
    compute: (inp) => {
      const s = residuals(inp)
      return s.W > 0 ? { ok: true, value: s.e / s.W } : undef(EMPTY)
    }
  },
  { id: 'macro_f1', minDecimals: 2, title: 'Unweighted mean of the per-class F1', tasks: ['multiclass'], params: [], needsScore: false, compute: f1Average('macro') },
  { id: 'weighted_f1', minDecimals: 2, title: 'Per-class F1 averaged with the class support as weight', tasks: ['multiclass'], params: [], needsScore: false, compute: f1Average('weighted') },
  {
    id: 'class_recall', minDecimals: 2,
    title: 'Recall of one class: its correctly predicted share',
    tasks: ['multiclass'],
    params: [{ name: 'class', kind: 'class', required: true }],
    needsScore: false,
    compute: (inp) => {
      const name = String(inp.params.class)
      const j = inp.t.classes?.indexOf(name) ?? -1
      const c = perClass(inp)
      if (j < 0 || c.truth[j] === 0) return undef(`class "${name}" does not occur as a label on the slice`)
      return { ok: true, value: c.hit[j]! / c.truth[j]! }
    }
  }
]
