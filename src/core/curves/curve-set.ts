/**
 * Every chart of one pack on one set of rows, by task: binary (ROC, reliability, score
 * distribution by class), regression (predicted against observed, residuals), multiclass (confusion
 * matrix), and for any task a pass-rate chart per headline `rate` claim. Each is captioned with the
 * registry's number on the same rows and the pack's claim about it (docs/curves.md).
 */
import { wilson } from '../recompute/metrics/interval'
import { chosenClasses, confusionChart } from './confusion'
import { edgesOf, HistogramBuilder } from './histogram'
import { chartNumber } from './numbers'
import { reliabilityChart } from './reliability'
import { exactRoc, rocChart } from './roc'
import { DRAW_TOLERANCE } from './simplify'
import type { CurveSource } from './source'
import { CURVES_SCHEMA, type ChartEntry, type CurveRanges, type CurveSet, type RateCategory, type RatesChart, type SliceRef } from './types'

/** ECE bins when the pack claims no ECE (the registry's default). */
export const DEFAULT_BINS = 10
/** Categories of a pass-rate chart: the population and the first slices (critical first). */
export const MAX_RATE_CATEGORIES = 30

const TITLES = {
  roc: 'ROC curve',
  reliability: 'Reliability diagram',
  distribution: 'Score distribution by class',
  'predicted-vs-observed': 'Predicted against observed',
  residuals: 'Residuals',
  confusion: 'Confusion matrix'
} as const

const na = (id: keyof typeof TITLES, reason: string): ChartEntry => ({ id, title: TITLES[id], reason })

function isProbability(s: Float64Array, idx: Int32Array): boolean {
  // Positions are in score order: the slice's extremes are its first and last rows.
  return idx.length === 0 || (s[idx[0]!]! >= 0 && s[idx[idx.length - 1]!]! <= 1)
}

function binaryCharts(src: CurveSource, slice: string | null, idx: Int32Array, ranges: CurveRanges): ChartEntry[] {
  const t = src.table
  const c = src.claims
  if (!t.score) return [na('roc', 'the predictions file declares no score column'), na('reliability', 'no score column'), na('distribution', 'no score column')]
  const out: ChartEntry[] = []
  const roc = exactRoc(t, idx)
  if (typeof roc === 'string') out.push(na('roc', roc))
  else out.push({ id: 'roc', title: TITLES.roc, chart: rocChart(roc, chartNumber(t, idx, 'auc', 'AUC', c.find(slice, 'auc')), DRAW_TOLERANCE) })

  const eceClaim = c.find(slice, 'ece') ?? c.find(null, 'ece')
  const bins = typeof eceClaim?.params?.bins === 'number' ? eceClaim.params.bins : DEFAULT_BINS
  if (idx.length === 0) out.push(na('reliability', 'the slice is empty'))
  else if (!isProbability(t.score, idx)) out.push(na('reliability', 'the scores are not probabilities in [0, 1]'))
  else out.push({ id: 'reliability', title: TITLES.reliability, chart: reliabilityChart(t, idx, bins, chartNumber(t, idx, 'ece', 'ECE', c.find(slice, 'ece', (x) => (x.params?.bins ?? DEFAULT_BINS) === bins), { bins })) })

  const range = ranges.score
  if (!range || idx.length === 0) out.push(na('distribution', 'the slice is empty'))
  else {
    const edges = edgesOf(range)
    const neg = new HistogramBuilder(edges)
    const pos = new HistogramBuilder(edges)
    const w = t.weight
    for (let k = 0; k < idx.length; k++) {
      const r = idx[k]!
      ;(t.label[r] === 1 ? pos : neg).add(t.score[r]!, w ? w[r]! : 1)
    }
    const { labelColumn: col, positive } = src.input
    out.push({
      id: 'distribution',
      title: TITLES.distribution,
      chart: {
        kind: 'histogram',
        variable: 'score',
        edges,
        groups: [neg.group('negative', `${col} ≠ ${positive ?? '?'}`), pos.group('positive', `${col} = ${positive ?? '?'}`)],
        summary: chartNumber(t, idx, 'ks', 'KS', c.find(slice, 'ks'))
      }
    })
  }
  return out
}

function regressionCharts(src: CurveSource, slice: string | null, idx: Int32Array, ranges: CurveRanges): ChartEntry[] {
  const t = src.table
  const c = src.claims
  if (!t.score || idx.length === 0) {
    const why = t.score ? 'the slice is empty' : 'the predictions file declares no prediction (score) column'
    return [na('predicted-vs-observed', why), na('residuals', why)]
  }
  const out: ChartEntry[] = [
    { id: 'predicted-vs-observed', title: TITLES['predicted-vs-observed'], chart: reliabilityChart(t, idx, DEFAULT_BINS, chartNumber(t, idx, 'rmse', 'RMSE', c.find(slice, 'rmse'))) }
  ]
  const edges = edgesOf(ranges.residual ?? [-1, 1])
  const h = new HistogramBuilder(edges)
  const w = t.weight
  for (let k = 0; k < idx.length; k++) {
    const r = idx[k]!
    h.add(t.score[r]! - t.label[r]!, w ? w[r]! : 1)
  }
  out.push({
    id: 'residuals',
    title: TITLES.residuals,
    chart: { kind: 'histogram', variable: 'residual', edges, groups: [h.group('residual', 'prediction − label')], summary: chartNumber(t, idx, 'bias', 'Bias', c.find(slice, 'bias')) }
  })
  return out
}

function multiclassCharts(src: CurveSource, slice: string | null, idx: Int32Array): ChartEntry[] {
  const t = src.table
  if (!t.predicted) return [na('confusion', 'the predictions file declares no predicted class column')]
  if (idx.length === 0) return [na('confusion', 'the slice is empty')]
  const choice = chosenClasses(t, src.everyRow())
  return [{ id: 'confusion', title: TITLES.confusion, chart: confusionChart(t, idx, choice, chartNumber(t, idx, 'accuracy', 'Accuracy', src.claims.find(slice, 'accuracy'))) }]
}

/** One pass-rate chart per headline `rate` claim: the population, then slices (critical first), each with its Wilson 95% interval. */
export function rateCharts(src: CurveSource): ChartEntry[] {
  const t = src.table
  const metrics = src.input.evidence.metrics?.metrics ?? []
  const out: ChartEntry[] = []
  const options = src.sliceOptions()
  const shown = options.slice(0, MAX_RATE_CATEGORIES - 1)
  for (const claim of src.claims.headline('rate')) {
    const column = claim.params?.column
    if (typeof column !== 'string' || out.some((e) => e.id === `rates:${claim.metric ?? ''}`)) continue
    const m = metrics.find((x) => x.id === claim.metric)
    const title = `Pass rate: ${m?.name ?? claim.metric ?? column}`
    const category = (slice: string | null, label: string, critical: boolean): RateCategory => {
      const rows = src.rowsOf(slice)
      if (rows === undefined || !(rows instanceof Int32Array)) return { slice, label, critical, rows: 0, value: null, reason: rows?.problem ?? 'unknown slice' }
      const n = chartNumber(t, rows, 'rate', 'Rate', undefined, { column })
      const interval = n.value !== null && !t.weight && rows.length > 0 ? wilson(n.value, rows.length, 0.95) : undefined
      return { slice, label, critical, rows: rows.length, value: n.value, ...(interval ? { interval } : {}), ...(n.reason !== undefined ? { reason: n.reason } : {}) }
    }
    const chart: RatesChart = {
      kind: 'rates',
      metricId: claim.metric ?? column,
      title,
      column,
      categories: [category(null, 'All rows', false), ...shown.map((s) => category(s.id, s.name ?? s.id, s.critical))],
      omitted: options.length - shown.length,
      summary: chartNumber(t, src.everyRow(), 'rate', 'Rate', claim, { column })
    }
    out.push({ id: `rates:${chart.metricId}`, title, chart })
  }
  return out
}

/** The charts of the population (slice null) or one slice; undefined for a slice id the pack does not have. */
export function curveSet(src: CurveSource, slice: string | null, ranges: CurveRanges = src.populationRanges()): CurveSet | undefined {
  const rows = src.rowsOf(slice)
  if (rows === undefined) return undefined
  const s = slice === null ? undefined : src.input.evidence.slices?.slices.find((x) => x.id === slice)
  const ref: SliceRef | null = s ? { id: s.id, ...(s.name !== undefined ? { name: s.name } : {}), definition: s.definition, critical: s.critical } : null
  const t = src.table
  let charts: ChartEntry[]
  if (!(rows instanceof Int32Array)) {
    const why = `slice ${slice ?? ''}: ${rows.problem}`
    charts = (t.task === 'binary' ? (['roc', 'reliability', 'distribution'] as const) : t.task === 'regression' ? (['predicted-vs-observed', 'residuals'] as const) : (['confusion'] as const)).map((id) => na(id, why))
  } else if (t.task === 'binary') charts = binaryCharts(src, slice, rows, ranges)
  else if (t.task === 'regression') charts = regressionCharts(src, slice, rows, ranges)
  else charts = multiclassCharts(src, slice, rows)
  charts.push(...rateCharts(src))
  const { dataset, split } = src.input
  return { schema: CURVES_SCHEMA, task: t.task, dataset, split, slice: ref, rows: rows instanceof Int32Array ? rows.length : 0, weighted: t.weight !== undefined, charts }
}
