/**
 * Display-side readings of core's PackDiff: flatten to aligned rows, order them, filter. Pure over
 * the diff; the diff itself (tolerances, verdict, the order of regressions) is computed in src/core/diff.
 */
import { compareRegressions, regressionKey } from '../../../core/diff/order'
import type { Assessment, FailureDiff, MetricDiff, PackDiff, RecordDiff, RegressionEntry, RegressionLevel, SliceDiff, ValueComparison } from '../../../core/diff/types'
import { sliceLabel } from '../../../core/format/slice-label'

export interface CompareRow {
  /** `m:<metric>` or `s:<slice>:<metric>` (core's regressionKey). */
  readonly key: string
  /** Headline metric name, or "<metric> · <slice label>" (the metric first: a narrow column cuts the end). */
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
  /** Set on rows of the Regressions table: the level core gave (critical, major, minor). */
  readonly level?: RegressionLevel
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

/** How a slice is named in Compare (core's sliceLabel over the newer side). */
function labelsOf(slices: readonly SliceDiff[]): ReadonlyMap<string, string> {
  return new Map(slices.map((s) => [s.id, sliceLabel(s.kind === 'added' || s.kind === 'removed' ? s.slice : s.new)]))
}

export function sliceRows(slices: readonly SliceDiff[]): readonly CompareRow[] {
  const rows: CompareRow[] = []
  for (const s of slices) {
    if (s.kind === 'added' || s.kind === 'removed') continue // listed apart (ChangeSections)
    const name = sliceLabel(s.new)
    for (const m of s.metrics) {
      const base = { key: `s:${s.id}:${m.metric}`, label: `${m.metric} · ${name}`, metric: m.metric, slice: s.id, critical: s.critical, lowConfidence: s.lowConfidence }
      if (m.kind === 'compared') {
        rows.push({ ...base, presence: 'both', old: m.comparison.oldLiteral, new: m.comparison.newLiteral, comparison: m.comparison })
      } else if (m.kind === 'added') rows.push({ ...base, presence: 'added', new: String(m.value) })
      else rows.push({ ...base, presence: 'removed', old: String(m.value) })
    }
  }
  return rows
}

/** The Regressions table: every regression, in core's one order (the CLI's Markdown lists them the same way). */
export function regressionRows(diff: PackDiff): readonly CompareRow[] {
  const labels = labelsOf(diff.slices)
  const metricNames = new Map(diff.metrics.flatMap((m) => (m.kind === 'compared' && m.name !== undefined ? [[m.id, m.name] as const] : [])))
  return diff.regressions.map((r) => ({
    key: regressionKey(r),
    label: r.scope === 'metric' ? `${metricNames.get(r.metric) ?? r.metric} (headline)` : `${r.metric} · ${labels.get(r.slice ?? '') ?? r.slice ?? '?'}`,
    metric: r.metric,
    ...(r.slice !== undefined ? { slice: r.slice } : {}),
    critical: r.critical,
    lowConfidence: r.lowConfidence,
    presence: 'both' as const,
    old: r.comparison.oldLiteral,
    new: r.comparison.newLiteral,
    comparison: r.comparison,
    level: r.level
  }))
}

export interface RowFilter {
  readonly onlyChanges: boolean
  readonly onlyRegressions: boolean
}

/** Each regression's place in core's order, by row key. */
export function regressionOrder(regressions: readonly RegressionEntry[]): ReadonlyMap<string, number> {
  return new Map([...regressions].sort(compareRegressions).map((r, i) => [regressionKey(r), i]))
}

/**
 * Regressions first, in core's order (the same as the Regressions table and the CLI's Markdown),
 * then other changes, then unchanged rows, each group by label.
 */
export function orderAndFilter(rows: readonly CompareRow[], f: RowFilter, order: ReadonlyMap<string, number> = new Map()): readonly CompareRow[] {
  const place = (r: CompareRow): number => order.get(r.key) ?? Number.MAX_SAFE_INTEGER
  return rows
    .filter((r) => (!f.onlyRegressions || isRegression(r)) && (!f.onlyChanges || isChange(r)))
    .slice()
    .sort((a, b) => rowRank(a) - rowRank(b) || place(a) - place(b) || Number(b.critical) - Number(a.critical) || a.label.localeCompare(b.label))
}

export interface SliceDelta {
  readonly slice: string
  readonly label: string
  readonly critical: boolean
  readonly lowConfidence: boolean
  readonly delta: number
  readonly comparison: ValueComparison
}

/** Per compared slice, the delta of one metric: the data of the slice-delta chart (only regressions when asked). */
export function sliceDeltas(diff: PackDiff, metric: string, onlyRegressions = false): readonly SliceDelta[] {
  const out: SliceDelta[] = []
  for (const s of diff.slices) {
    if (s.kind === 'added' || s.kind === 'removed') continue
    const m = s.metrics.find((x) => x.metric === metric)
    if (m === undefined || m.kind !== 'compared') continue
    if (onlyRegressions && m.comparison.assessment !== 'regression') continue
    out.push({ slice: s.id, label: sliceLabel(s.new), critical: s.critical, lowConfidence: s.lowConfidence, delta: m.comparison.absolute, comparison: m.comparison })
  }
  return out
}

/** Metrics that appear in at least one compared slice, regressed ones first (only regressed ones when asked). */
export function chartMetrics(diff: PackDiff, onlyRegressions = false): readonly string[] {
  const all = new Set<string>()
  for (const s of diff.slices) if (s.kind !== 'added' && s.kind !== 'removed') for (const m of s.metrics) all.add(m.metric)
  const regressed = new Set(diff.regressions.filter((r) => r.scope === 'slice').map((r) => r.metric))
  return [...all].filter((m) => !onlyRegressions || regressed.has(m)).sort((a, b) => Number(regressed.has(b)) - Number(regressed.has(a)) || a.localeCompare(b))
}

/** With "Only regressions": the failure modes that make things worse (new, reopened, more severe). */
export function worseningFailure(f: FailureDiff): boolean {
  return f.kind === 'new' || f.kind === 'reopened' || (f.kind === 'persisting' && f.severity?.direction === 'increased')
}

/** With "Only regressions": records that lose a control or change one (an added record adds coverage). */
export function worseningRecord<T>(e: RecordDiff<T>): boolean {
  return e.kind !== 'added'
}

/** Slice names by id, for the change cards (a new failure mode's slice). */
export function sliceLabels(diff: PackDiff): ReadonlyMap<string, string> {
  return labelsOf(diff.slices)
}
