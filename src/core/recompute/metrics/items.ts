/**
 * Per-item evaluation results (`task: "items"`: an LLM's answers graded item by item): the pass
 * rate, and how well two graders agree (Cohen's kappa). Definitions in docs/recompute.md 3.4 and 3.5.
 */
import { undef, type MetricDef, type MetricInput, type MetricResult } from './types'

const one = (w: Float64Array | undefined, r: number): number => (w ? w[r]! : 1)
const EMPTY = 'the slice is empty (or all its weights are 0)'

/** Share of items whose verdict (the label) is a pass. */
function passRate({ t, idx }: MetricInput): MetricResult {
  const y = t.label
  const w = t.weight
  let W = 0
  let P = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const wr = one(w, r)
    W += wr
    P += wr * y[r]!
  }
  return W > 0 ? { ok: true, value: P / W, count: idx.length } : undef(EMPTY)
}

/** Cohen's kappa between two columns of categories (numbers), weighted: (p_o - p_e) / (1 - p_e). */
function cohenKappa({ t, idx, params }: MetricInput): MetricResult {
  const names = [params.a as string, params.b as string]
  const cols = names.map((n) => t.numbers.get(n))
  const [a, b] = cols
  if (!a || !b) return undef(`the predictions file has no numeric column "${names[cols.indexOf(undefined)]}"`)
  const w = t.weight
  const marg = new Map<number, [number, number]>()
  let W = 0
  let agree = 0
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    const row = t.order[r]!
    const x = a[row]!
    const z = b[row]!
    if (Number.isNaN(x) || Number.isNaN(z)) return undef(`column "${Number.isNaN(x) ? names[0] : names[1]}" is empty at data row ${row + 1}`)
    const wr = one(w, r)
    W += wr
    if (x === z) agree += wr
    const mx = marg.get(x) ?? [0, 0]
    mx[0] += wr
    marg.set(x, mx)
    const mz = marg.get(z) ?? [0, 0]
    mz[1] += wr
    marg.set(z, mz)
  }
  if (W === 0) return undef(EMPTY)
  let pe = 0
  for (const [pa, pb] of marg.values()) pe += (pa / W) * (pb / W)
  const po = agree / W
  // Both graders give one and the same category throughout: chance agreement is 1 and kappa is 0/0.
  return pe < 1 ? { ok: true, value: (po - pe) / (1 - pe) } : undef('both columns hold one and the same value on every row (chance agreement is 1)')
}

export const ITEM_METRICS: readonly MetricDef[] = [
  { id: 'pass_rate', minDecimals: 2, title: 'Share of items whose verdict is a pass', tasks: ['items'], params: [], needsScore: false, interval: 'wilson', compute: passRate },
  {
    id: 'cohen_kappa',
    minDecimals: 2,
    title: "Cohen's kappa between two graders' verdicts (columns)",
    tasks: ['binary', 'regression', 'multiclass', 'items'],
    params: [
      { name: 'a', kind: 'column', required: true },
      { name: 'b', kind: 'column', required: true }
    ],
    needsScore: false,
    compute: cohenKappa
  }
]
