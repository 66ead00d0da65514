/**
 * Headline metrics and slices. Everything is keyed by id in Maps: 5,000 slices x 10 metrics is
 * one pass over each side, never a nested scan.
 */
import type { Better, Metric, Slice } from '../format/evidence'
import { compareValues, thresholdRef, tolCtx, type ResolvedOptions, type ThresholdRef, type TolCtx } from './compare'
import { byKey, fieldChanges } from './records'
import type { ComparedSlice, FieldChange, MetricDiff, RegressionEntry, SliceDiff, SliceInfo, SliceMetricDiff } from './types'

/** Per metric id: its direction and each side's threshold, shared by the headline value and every slice. */
interface MetricCtx {
  readonly better: Better
  readonly tol: TolCtx
  readonly oldThreshold: ThresholdRef | undefined
  readonly newThreshold: ThresholdRef | undefined
}

export class MetricContexts {
  private readonly cache = new Map<string, MetricCtx>()
  private readonly defaultTol: TolCtx
  constructor(
    private readonly oldById: ReadonlyMap<string, Metric>,
    private readonly newById: ReadonlyMap<string, Metric>,
    private readonly opts: ResolvedOptions
  ) {
    this.defaultTol = tolCtx(opts.tolerance)
  }

  get(id: string): MetricCtx {
    let c = this.cache.get(id)
    if (c) return c
    const o = this.oldById.get(id)
    const n = this.newById.get(id)
    // hasOwn: a metric id like "constructor" must not pick up Object.prototype members.
    const t = Object.hasOwn(this.opts.metricTolerance, id) ? this.opts.metricTolerance[id] : undefined
    c = {
      // The new release's definition of "better" is the one being judged; unknown metric: no direction.
      better: n?.better ?? o?.better ?? 'none',
      tol: t ? tolCtx(t) : this.defaultTol,
      oldThreshold: o && thresholdRef(o.threshold, o.thresholdLiteral, o.comparator),
      newThreshold: n && thresholdRef(n.threshold, n.thresholdLiteral, n.comparator)
    }
    this.cache.set(id, c)
    return c
  }
}

function thresholdText(m: Metric): string | null {
  return m.thresholdLiteral ?? (m.threshold === undefined ? null : String(m.threshold))
}

function loosened(o: Metric, n: Metric, ctx: MetricCtx): boolean {
  if (ctx.oldThreshold && !ctx.newThreshold) return true
  const a = ctx.oldThreshold
  const b = ctx.newThreshold
  if (!a || !b || a.comparator !== b.comparator || o.comparator !== n.comparator) return false
  if (a.value === b.value) return false
  if (a.comparator === '>=' || a.comparator === '>') return b.value < a.value
  if (a.comparator === '<=' || a.comparator === '<') return b.value > a.value
  return false
}

export function diffMetrics(
  oldList: readonly Metric[],
  newList: readonly Metric[],
  ctxs: MetricContexts,
  oldById: ReadonlyMap<string, Metric>,
  newById: ReadonlyMap<string, Metric>
): { entries: MetricDiff[]; regressions: RegressionEntry[] } {
  const entries: MetricDiff[] = []
  const regressions: RegressionEntry[] = []
  // A non-finite value (validation refuses them) is treated as absent: it cannot be compared.
  const usable = (m: Metric | undefined): m is Metric => m !== undefined && Number.isFinite(m.value)
  for (const o of oldList) if (usable(o) && !usable(newById.get(o.id))) entries.push({ kind: 'removed', id: o.id, metric: o })
  for (const n of newList) {
    if (!usable(n)) continue
    const o = oldById.get(n.id)
    if (!usable(o)) {
      entries.push({ kind: 'added', id: n.id, metric: n })
      continue
    }
    const ctx = ctxs.get(n.id)
    const comparison = compareValues(
      { value: o.value, literal: o.valueLiteral, threshold: ctx.oldThreshold },
      { value: n.value, literal: n.valueLiteral, threshold: ctx.newThreshold },
      ctx.better,
      ctx.tol,
      { scope: 'metric', critical: false, lowConfidence: false }
    )
    const definitionChanges = fieldChanges([
      ['name', o.name, n.name],
      ['threshold', thresholdText(o), thresholdText(n)],
      ['comparator', o.comparator, n.comparator],
      ['better', o.better, n.better],
      ['dataset', o.dataset, n.dataset],
      ['split', o.split, n.split],
      ['sampleSize', o.sampleSize, n.sampleSize]
    ])
    entries.push({ kind: 'compared', id: n.id, name: n.name, better: ctx.better, comparison, definitionChanges, thresholdLoosened: loosened(o, n, ctx) })
    if (comparison.regression) {
      regressions.push({ scope: 'metric', metric: n.id, critical: false, lowConfidence: false, level: comparison.regression.level, reasons: comparison.regression.reasons, comparison })
    }
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { entries, regressions }
}

function info(s: Slice): SliceInfo {
  return { id: s.id, name: s.name, definition: s.definition, sampleSize: s.sampleSize, critical: s.critical }
}

/** Definitions compared after trimming and collapsing whitespace; case is meaningful ('low' vs 'LOW'). */
function defKey(d: string): string {
  return d.trim().replace(/\s+/g, ' ')
}

function compareSlice(o: Slice, n: Slice, ctxs: MetricContexts, minSample: number, regressions: RegressionEntry[]): ComparedSlice {
  const critical = o.critical || n.critical
  const lowConfidence = Math.min(o.sampleSize, n.sampleSize) < minSample
  const metrics: SliceMetricDiff[] = []
  for (const id of Object.keys(n.metrics)) {
    const nv = n.metrics[id]
    if (nv === undefined || !Number.isFinite(nv)) continue
    const ov = Object.hasOwn(o.metrics, id) ? o.metrics[id] : undefined
    if (ov === undefined || !Number.isFinite(ov)) {
      metrics.push({ kind: 'added', metric: id, value: nv })
      continue
    }
    const ctx = ctxs.get(id)
    const comparison = compareValues(
      { value: ov, literal: String(ov), threshold: ctx.oldThreshold },
      { value: nv, literal: String(nv), threshold: ctx.newThreshold },
      ctx.better,
      ctx.tol,
      { scope: 'slice', critical, lowConfidence }
    )
    metrics.push({ kind: 'compared', metric: id, comparison })
    const reg = comparison.regression
    if (reg) regressions.push({ scope: 'slice', metric: id, slice: n.id, critical, lowConfidence, level: reg.level, reasons: reg.reasons, comparison })
  }
  for (const id of Object.keys(o.metrics)) {
    const ov = o.metrics[id]
    const nv = Object.hasOwn(n.metrics, id) ? n.metrics[id] : undefined
    if (ov !== undefined && Number.isFinite(ov) && (nv === undefined || !Number.isFinite(nv))) metrics.push({ kind: 'removed', metric: id, value: ov })
  }
  const changes: FieldChange[] = fieldChanges([
    ['name', o.name, n.name],
    ['definition', o.definition, n.definition],
    ['sampleSize', o.sampleSize, n.sampleSize],
    ['critical', o.critical, n.critical]
  ])
  return { kind: o.id === n.id ? 'compared' : 'renamed', id: n.id, old: info(o), new: info(n), critical, lowConfidence, changes, metrics }
}

export function diffSlices(
  oldList: readonly Slice[],
  newList: readonly Slice[],
  ctxs: MetricContexts,
  minSample: number
): { entries: SliceDiff[]; regressions: RegressionEntry[] } {
  const oldById = byKey(oldList, (s) => s.id)
  const newById = byKey(newList, (s) => s.id)
  const unmatchedOld = oldList.filter((s) => !newById.has(s.id))
  const unmatchedNew = newList.filter((s) => !oldById.has(s.id))

  // Renames: an unmatched old and an unmatched new slice with the same definition, unique on each side.
  const group = (xs: readonly Slice[]): Map<string, Slice[]> => {
    const m = new Map<string, Slice[]>()
    for (const s of xs) {
      const k = defKey(s.definition)
      const g = m.get(k)
      if (g) g.push(s)
      else m.set(k, [s])
    }
    return m
  }
  const oldByDef = group(unmatchedOld)
  const renamedTo = new Map<string, Slice>()
  const renamedFrom = new Set<string>()
  for (const [k, ns] of group(unmatchedNew)) {
    const os = oldByDef.get(k)
    if (ns.length === 1 && os?.length === 1 && ns[0] && os[0]) {
      renamedTo.set(ns[0].id, os[0])
      renamedFrom.add(os[0].id)
    }
  }

  const removed: SliceDiff[] = []
  const added: SliceDiff[] = []
  const compared: SliceDiff[] = []
  const regressions: RegressionEntry[] = []
  for (const o of unmatchedOld) if (!renamedFrom.has(o.id)) removed.push({ kind: 'removed', id: o.id, slice: info(o) })
  for (const n of newList) {
    const o = oldById.get(n.id) ?? renamedTo.get(n.id)
    if (o) compared.push(compareSlice(o, n, ctxs, minSample, regressions))
    else added.push({ kind: 'added', id: n.id, slice: info(n), lowConfidence: n.sampleSize < minSample })
  }
  const byId = (a: SliceDiff, b: SliceDiff): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  return { entries: [...removed.sort(byId), ...added.sort(byId), ...compared.sort(byId)], regressions }
}
