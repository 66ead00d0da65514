/**
 * Display-side readings of H4's PackDiff: flatten to aligned rows, order regressions first, filter.
 * Pure over the diff; the diff itself (tolerances, verdict) is computed in src/core/diff.
 */
import type { Assessment, MetricDiff, PackDiff, SliceDiff, ValueComparison } from '../../../core/diff/types'

export interface CompareRow {
  readonly key: string
  /** Headline metric id, or "<slice> · <metric>". */
  readonly label: string
  readonly metric: string
  readonly slice?: string
  readonly critical: boolean
  readonly lowConfidence: boolean
  /** 'added' / 'removed' rows exist on one side only. */
  readonly presence: 'both' | 'added' | 'removed'
  readonly old?: string
  readonly new?: string
  readonly comparison?: ValueComparison
}

const RANK: Record<Assessment, number> = { regression: 0, changed: 1, improvement: 2, 'within-tolerance': 3, unchanged: 4 }

export function rowRank(r: CompareRow): number {
  if (r.presence !== 'both') return 1.5
  return r.comparison === undefined ? 5 : RANK[r.comparison.assessment]
}

export function isRegression(r: CompareRow): boolean {
  return r.comparison?.assessment === 'regression'
}

export function isChange(r: CompareRow): boolean {
  return r.presence !== 'both' || (r.comparison !== undefined && r.comparison.assessment !== 'unchanged')
}

export function metricRows(metrics: readonly MetricDiff[]): readonly CompareRow[] {
  return metrics.map((m): CompareRow => {
    switch (m.kind) {
      case 'added':
        return { key: `m:${m.id}`, label: m.metric.name ?? m.id, metric: m.id, critical: false, lowConfidence: false, presence: 'added', new: m.metric.valueLiteral }
      case 'removed':
        return { key: `m:${m.id}`, label: m.metric.name ?? m.id, metric: m.id, critical: false, lowConfidence: false, presence: 'removed', old: m.metric.valueLiteral }
      case 'compared':
        return {
          key: `m:${m.id}`,
          label: m.name ?? m.id,
          metric: m.id,
          critical: false,
          lowConfidence: false,
          presence: 'both',
          old: m.comparison.oldLiteral,
          new: m.comparison.newLiteral,
          comparison: m.comparison
        }
    }
  })
}

export function sliceRows(slices: readonly SliceDiff[]): readonly CompareRow[] {
  const rows: CompareRow[] = []
  for (const s of slices) {
    if (s.kind === 'added' || s.kind === 'removed') continue // listed apart (SliceChanges)
    const name = s.new.name ?? s.id
    for (const m of s.metrics) {
      const base = { key: `s:${s.id}:${m.metric}`, label: `${name} · ${m.metric}`, metric: m.metric, slice: s.id, critical: s.critical, lowConfidence: s.lowConfidence }
      if (m.kind === 'compared') {
        rows.push({ ...base, presence: 'both', old: m.comparison.oldLiteral, new: m.comparison.newLiteral, comparison: m.comparison })
      } else if (m.kind === 'added') rows.push({ ...base, presence: 'added', new: String(m.value) })
      else rows.push({ ...base, presence: 'removed', old: String(m.value) })
    }
  }
  return rows
}

export interface RowFilter {
  readonly onlyChanges: boolean
  readonly onlyRegressions: boolean
}

/** Regressions first (critical before others), then other changes, then unchanged. */
export function orderAndFilter(rows: readonly CompareRow[], f: RowFilter): readonly CompareRow[] {
  return rows
    .filter((r) => (!f.onlyRegressions || isRegression(r)) && (!f.onlyChanges || isChange(r)))
    .slice()
    .sort((a, b) => rowRank(a) - rowRank(b) || Number(b.critical) - Number(a.critical) || a.label.localeCompare(b.label))
}

export interface SliceDelta {
  readonly slice: string
  readonly label: string
  readonly critical: boolean
  readonly lowConfidence: boolean
  readonly delta: number
  readonly comparison: ValueComparison
}

/** Per compared slice, the delta of one metric: the data of the slice-delta chart. */
export function sliceDeltas(diff: PackDiff, metric: string): readonly SliceDelta[] {
  const out: SliceDelta[] = []
  for (const s of diff.slices) {
    if (s.kind === 'added' || s.kind === 'removed') continue
    const m = s.metrics.find((x) => x.metric === metric)
    if (m === undefined || m.kind !== 'compared') continue
    out.push({ slice: s.id, label: s.new.name ?? s.id, critical: s.critical, lowConfidence: s.lowConfidence, delta: m.comparison.absolute, comparison: m.comparison })
  }
  return out
}

/** Metrics that appear in at least one compared slice, regressed ones first. */
export function chartMetrics(diff: PackDiff): readonly string[] {
  const all = new Set<string>()
  for (const s of diff.slices) if (s.kind !== 'added' && s.kind !== 'removed') for (const m of s.metrics) all.add(m.metric)
  const regressed = new Set(diff.regressions.filter((r) => r.scope === 'slice').map((r) => r.metric))
  return [...all].sort((a, b) => Number(regressed.has(b)) - Number(regressed.has(a)) || a.localeCompare(b))
}
