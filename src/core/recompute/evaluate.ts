/**
 * Recomputes planned claims on loaded tables and compares them with what the pack says. One
 * sorted row order per table is shared: a slice's rows are the positions in that order its mask
 * selects, so every rank metric (AUC, KS, ECE bins) of every slice costs one sequential pass and
 * no sort.
 */
import { valueMeetsThreshold, thresholdMet } from '../format/decimal'
import type { Claim } from './claims'
import { hanleyMcNeil, wilson } from './metrics/interval'
import type { MetricResult } from './metrics/types'
import type { Planned } from './plan'
import type { ClaimCheck } from './report'
import { evalSlice, sliceProblem } from './slice-eval'
import type { SliceExpr } from './slice-lang'
import type { PredictionTable } from './table'
import { TOLERANCE_FLOOR, toleranceFor } from './tolerance'

export interface Evaluated {
  readonly checks: ReadonlyMap<Planned, ClaimCheck>
  /** Slices whose definition cannot be evaluated on their table: slice index -> why. */
  readonly badSlices: ReadonlyMap<number, string>
}

/** The report entry for a claim, before its status is known. */
export function checkBase(c: Claim, p?: Partial<Pick<Planned, 'def' | 'params' | 'group'>>): Omit<ClaimCheck, 'status'> {
  const m = c.metric
  const params = p?.params && Object.keys(p.params).length > 0 ? { params: p.params } : {}
  return {
    scope: c.scope,
    ...(c.metricId !== undefined ? { metric: c.metricId } : {}),
    ...(c.slice ? { slice: c.slice.id } : {}),
    field: c.field,
    ...(p?.def ? { definition: p.def.id } : {}),
    ...params,
    ...(p?.group ? { dataset: p.group.dataset, split: p.group.split } : m ? { dataset: m.dataset, split: m.split } : {}),
    claimed: c.literal,
    path: c.path,
    pointer: c.pointer
  }
}

/** The positions (in score order, ascending) of the rows a file-order mask selects; `into` is reused scratch space of the table's length. */
export function positions(order: Int32Array, mask: Uint8Array, into: Int32Array = new Int32Array(order.length)): Int32Array {
  let j = 0
  for (let k = 0; k < order.length; k++) {
    into[j] = k
    j += mask[order[k]!]!
  }
  return into.subarray(0, j)
}

/** A file-order mask re-indexed by position. */
export function byPosition(order: Int32Array, mask: Uint8Array): Uint8Array {
  const out = new Uint8Array(order.length)
  for (let k = 0; k < order.length; k++) out[k] = mask[order[k]!]!
  return out
}

function all(n: number): Int32Array {
  const a = new Int32Array(n)
  for (let k = 0; k < n; k++) a[k] = k
  return a
}

function compareValue(c: Claim, base: Omit<ClaimCheck, 'status'>, r: MetricResult, minDecimals?: number): ClaimCheck {
  const tolerance = toleranceFor(c.literal, minDecimals)
  if (!r.ok) return { ...base, tolerance, status: 'not-reproduced', reason: `the metric is undefined on these rows: ${r.reason}` }
  const claimed = Number(c.literal)
  if (!(Math.abs(claimed - r.value) <= tolerance)) return { ...base, recomputed: r.value, tolerance, status: 'not-reproduced' }
  const m = c.metric
  if (c.scope === 'headline' && c.field === 'value' && m) {
    const claimMeets = thresholdMet(m)
    const f = TOLERANCE_FLOOR * Math.max(1, Math.abs(r.value))
    const lo = valueMeetsThreshold(r.value - f, m)
    const hi = valueMeetsThreshold(r.value + f, m)
    if (claimMeets !== undefined && lo === hi && lo !== claimMeets) {
      return { ...base, recomputed: r.value, tolerance, status: 'not-reproduced', reason: `the claim ${claimMeets ? 'meets' : 'misses'} its threshold ${m.comparator ?? ''} ${m.thresholdLiteral ?? ''} only as rounded; the recomputed value ${claimMeets ? 'misses' : 'meets'} it` }
    }
  }
  return { ...base, recomputed: r.value, tolerance, status: 'reproduced' }
}

function compareInterval(c: Claim, base: Omit<ClaimCheck, 'status'>, p: Planned, t: PredictionTable, r: MetricResult): ClaimCheck {
  const m = c.metric!
  const method = m.compute?.interval
  const level = m.ci?.level ?? 0.95
  if (method === undefined) return { ...base, status: 'not-recomputable', reason: 'the claim does not say how its interval was computed (compute.interval)' }
  if (p.def?.interval !== method) return { ...base, status: 'not-recomputable', reason: `metric ${p.def?.id ?? ''} has no ${method} interval in the registry` }
  if (t.weight) return { ...base, status: 'not-recomputable', reason: `a ${method} interval is recomputed from unweighted counts; this predictions file has weights` }
  if (!r.ok) return { ...base, tolerance: toleranceFor(c.literal, p.def.minDecimals), status: 'not-reproduced', reason: `the metric is undefined on these rows: ${r.reason}` }
  let bounds: [number, number] | undefined
  if (method === 'wilson' && r.count !== undefined && r.count > 0) bounds = wilson(r.value, r.count, level)
  if (method === 'hanley-mcneil' && r.positives !== undefined && r.negatives !== undefined) bounds = hanleyMcNeil(r.value, r.positives, r.negatives, level)
  if (!bounds) return { ...base, status: 'not-recomputable', reason: `metric ${p.def.id} gives no counts for a ${method} interval` }
  return compareValue(c, base, { ok: true, value: c.field === 'ci.lower' ? bounds[0] : bounds[1] }, p.def.minDecimals)
}

/** Recomputes every planned claim whose group loaded; `tables` maps group key -> table. */
export function evaluate(planned: readonly Planned[], tables: ReadonlyMap<string, PredictionTable>): Evaluated {
  const checks = new Map<Planned, ClaimCheck>()
  const badSlices = new Map<number, string>()
  // Claims by table and slice (headline claims under slice -1), so each slice's rows are built once.
  const work = new Map<string, Map<number, Planned[]>>()
  for (const p of planned) {
    if (!tables.has(p.group.key)) continue
    const bySlice = work.get(p.group.key) ?? new Map<number, Planned[]>()
    work.set(p.group.key, bySlice)
    const k = p.claim.slice?.index ?? -1
    const l = bySlice.get(k) ?? []
    l.push(p)
    bySlice.set(k, l)
  }
  for (const [key, bySlice] of work) {
    const t = tables.get(key)!
    const subsetCache = new Map<SliceExpr, Uint8Array>()
    const everyRow = all(t.rows)
    const scratch = new Int32Array(t.rows)
    for (const [sliceIndex, ps] of bySlice) {
      let idx = everyRow
      const expr = ps[0]?.slice
      if (sliceIndex >= 0 && expr) {
        const why = sliceProblem(expr, t)
        if (why) {
          badSlices.set(sliceIndex, why)
          for (const p of ps) checks.set(p, { ...checkBase(p.claim, p), status: 'not-recomputable', reason: `slice definition ${why}` })
          continue
        }
        idx = positions(t.order, evalSlice(expr, t), scratch)
      }
      const results = new Map<string, MetricResult>()
      for (const p of ps) {
        const c = p.claim
        const base = checkBase(c, p)
        if (c.field === 'sampleSize') {
          const n = idx.length
          checks.set(p, { ...base, recomputed: n, tolerance: 0, status: Number(c.literal) === n ? 'reproduced' : 'not-reproduced' })
          continue
        }
        const def = p.def!
        const problems = [...p.subsets.values()].map((e) => sliceProblem(e, t)).filter((x) => x !== undefined)
        if (problems.length > 0) {
          checks.set(p, { ...base, status: 'not-recomputable', reason: `a slice parameter ${problems[0] ?? ''}` })
          continue
        }
        const cacheKey = `${def.id}\u0000${JSON.stringify(p.params)}`
        let r = results.get(cacheKey)
        if (!r) {
          r = def.compute({
            t,
            idx,
            params: p.params,
            subset: (name) => {
              const e = p.subsets.get(name)!
              let mask = subsetCache.get(e)
              if (!mask) subsetCache.set(e, (mask = byPosition(t.order, evalSlice(e, t))))
              return mask
            }
          })
          results.set(cacheKey, r)
        }
        checks.set(p, c.field === 'value' ? compareValue(c, base, r, def.minDecimals) : compareInterval(c, base, p, t, r))
      }
    }
  }
  return { checks, badSlices }
}
