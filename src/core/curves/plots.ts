/**
 * From CurveSets to the drawing model: one Plot per chart, with the older release overlaid when
 * there is one (dashed, hollow markers), axes wide enough for both, the text alternative and the
 * table of points. The app and the PDF paint exactly this.
 */
import { axis, count, fixed, niceCeil, numberText, pct, sig } from './plot-format'
import { intervalPlot, matrixPlot, table } from './plots-other'
import type { LegendEntry, Plot, Release, XYPlot, XYSeries } from './plot-types'
import type { ChartEntry, CurveSet, HistogramChart, ReliabilityChart, RocChart } from './types'

/** One release's chart of an id, with the name it is shown under ("1.1.0"). */
export interface Side<C> {
  readonly release: Release
  readonly name: string
  readonly chart: C
}

export interface PlotInput {
  readonly new: CurveSet | undefined
  readonly old?: CurveSet
  /** Names of the releases in captions and legends (compare only), e.g. { new: '1.1.0', old: '1.0.0' }. */
  readonly names?: { readonly new: string; readonly old: string }
}

const DIAGONAL = 'perfect calibration'

/** Captions name the newer release first; drawings paint the older first, so the newer is on top. */
const newestFirst = <T extends { release: Release }>(sides: readonly T[]): T[] => [...sides].sort((a, b) => (a.release === b.release ? 0 : a.release === 'new' ? -1 : 1))

/** "1.1.0 (solid)": how a side is named when two are overlaid. */
export function sideName(s: { release: Release; name: string }, overlaid: boolean): string {
  return overlaid ? `${s.name} (${s.release === 'old' ? 'dashed' : 'solid'})` : s.name
}

function legendOf(series: readonly XYSeries[]): LegendEntry[] {
  const seen = new Set<string>()
  const out: LegendEntry[] = []
  for (const s of series) {
    const key = `${s.role}/${s.release ?? ''}/${s.label}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ label: s.label, role: s.role, release: s.release })
  }
  return out
}

const threshold = (t: number | null | undefined): string => (t === null || t === undefined ? 'above all' : String(Number(t.toPrecision(10))))

function rocPlot(id: string, title: string, sides: readonly Side<RocChart>[]): XYPlot {
  const overlaid = sides.length > 1
  const series: XYSeries[] = sides.map((s) => ({ kind: 'line', role: 'main', release: s.release, label: overlaid ? s.name : 'ROC curve', points: s.chart.points }))
  series.push({ kind: 'line', role: 'reference', release: null, label: 'chance', points: [[0, 0], [1, 1]] })
  const parts = newestFirst(sides).map((s) => `${overlaid ? `${sideName(s, true)} ` : ''}${numberText(s.chart.auc)}; ${count(s.chart.positives)} positives, ${count(s.chart.negatives)} negatives`)
  const notes = sides
    .filter((s) => s.chart.tolerance > 0)
    .map((s) => `${overlaid ? `${s.name}: d` : 'D'}rawn with ${count(s.chart.points.length)} of ${count(s.chart.exactPoints)} points; the exact curve is within ${s.chart.tolerance} of the line.`)
  return {
    kind: 'xy',
    id,
    title,
    alt: `${title}${overlaid ? ': ' : ', '}${parts.join('; ')}`,
    notes,
    x: axis('False positive rate', 0, 1),
    y: axis('True positive rate', 0, 1),
    series,
    legend: legendOf(series),
    table: table(
      overlaid,
      [['Threshold (score ≥)', true], ['False positive rate', true], ['True positive rate', true]],
      sides.flatMap((s) => s.chart.points.map((p, i) => [...(overlaid ? [s.name] : []), threshold(s.chart.thresholds[i]), fixed(p[0], 4), fixed(p[1], 4)]))
    )
  }
}

function binRows(c: ReliabilityChart): string {
  const rows = c.bins.map((b) => b.rows)
  const lo = Math.min(...rows)
  const hi = Math.max(...rows)
  return `${c.bins.length} equal-count bin${c.bins.length === 1 ? '' : 's'} of ${lo === hi ? count(lo) : `${count(lo)} to ${count(hi)}`} rows`
}

function reliabilityPlot(id: string, title: string, sides: readonly Side<ReliabilityChart>[], regression: boolean): XYPlot {
  const overlaid = sides.length > 1
  let lo = regression ? Number.POSITIVE_INFINITY : 0
  let hi = 0
  for (const s of sides)
    for (const b of s.chart.bins) {
      hi = Math.max(hi, b.predicted, b.observed)
      lo = Math.min(lo, b.predicted, b.observed)
    }
  const max = regression ? hi : Math.min(1, niceCeil(hi))
  const min = regression ? lo : 0
  const x = regression ? axis('Mean prediction (bin)', min, max) : axis('Mean predicted probability (bin)', min, max)
  const y = regression ? axis('Mean label (bin)', min, max) : axis('Observed rate (bin)', min, max)
  const series: XYSeries[] = sides.map((s) => ({
    kind: 'line',
    role: 'main',
    release: s.release,
    label: overlaid ? s.name : regression ? 'bins' : 'observed rate',
    points: s.chart.bins.map((b) => [b.predicted, b.observed] as const),
    markers: true
  }))
  series.push({ kind: 'line', role: 'reference', release: null, label: regression ? 'prediction = label' : DIAGONAL, points: [[x.min, x.min], [x.max, x.max]] })
  const parts = newestFirst(sides).map((s) => `${overlaid ? `${sideName(s, true)} ` : ''}${binRows(s.chart)}, ${numberText(s.chart.summary)}`)
  return {
    kind: 'xy',
    id,
    title,
    alt: `${title}${overlaid ? ': ' : ', '}${parts.join('; ')}`,
    notes: [],
    x,
    y,
    series,
    legend: legendOf(series),
    table: table(
      overlaid,
      [['Bin', true], ['Rows', true], [regression ? 'Prediction range' : 'Score range', false], [regression ? 'Mean prediction' : 'Mean predicted', true], [regression ? 'Mean label' : 'Observed rate', true]],
      sides.flatMap((s) => s.chart.bins.map((b, i) => [...(overlaid ? [s.name] : []), String(i + 1), count(b.rows), `${sig(b.minScore)} – ${sig(b.maxScore)}`, fixed(b.predicted, 4), fixed(b.observed, 4)]))
    )
  }
}

function histogramPlot(id: string, title: string, sides: readonly Side<HistogramChart>[]): XYPlot {
  const overlaid = sides.length > 1
  const first = sides[0]!.chart
  const edges = first.edges
  let top = 0
  for (const s of sides) for (const g of s.chart.groups) for (const v of g.shares) top = Math.max(top, v)
  const series: XYSeries[] = sides.flatMap((s) =>
    s.chart.groups.map((g): XYSeries => ({
      kind: 'step',
      role: g.key === 'positive' ? 'positive' : 'main',
      release: s.release,
      label: overlaid ? `${g.label}, ${s.name}` : g.label,
      points: [...g.shares.map((v, b) => [s.chart.edges[b]!, v] as const), [s.chart.edges[s.chart.edges.length - 1]!, g.shares[g.shares.length - 1] ?? 0] as const]
    }))
  )
  const what = first.variable === 'score' ? 'score' : 'residual (prediction − label)'
  const parts = newestFirst(sides).map((s) => {
    const groups = s.chart.groups.map((g, i) => `${count(g.rows)}${i === 0 ? ' rows' : ''} with ${g.label}`)
    return `${overlaid ? `${sideName(s, true)} ` : ''}${first.variable === 'score' ? groups.join(' and ') : `${count(s.chart.groups[0]?.rows ?? 0)} rows`}, ${numberText(s.chart.summary)}`
  })
  const bins = edges.length - 1
  return {
    kind: 'xy',
    id,
    title,
    alt: `${title}${overlaid ? ': ' : ', '}${parts.join('; ')}; shares in ${bins} bins of the ${what} from ${sig(edges[0]!)} to ${sig(edges[bins]!)}`,
    notes: [],
    x: axis(first.variable === 'score' ? 'Score' : 'Prediction − label', edges[0]!, edges[bins]!),
    y: axis(first.variable === 'score' ? 'Share of the class' : 'Share of rows', 0, niceCeil(top), 'percent'),
    series,
    legend: legendOf(series),
    table: table(
      overlaid,
      [['Bin', false], ...first.groups.flatMap((g) => [[`${g.label}: rows`, true], [`${g.label}: share`, true]] as const)],
      sides.flatMap((s) =>
        s.chart.edges.slice(0, -1).map((e, b) => [...(overlaid ? [s.name] : []), `${sig(e)} – ${sig(s.chart.edges[b + 1]!)}`, ...s.chart.groups.flatMap((g) => [count(g.counts[b] ?? 0), pct(g.shares[b] ?? 0, 2)])])
      )
    )
  }
}

function emptyPlot(id: string, title: string, reasons: readonly string[]): Plot {
  const why = reasons.join('; ')
  return { kind: 'xy', id, title, alt: `${title}: not drawn, ${why}`, notes: [], x: axis('', 0, 1), y: axis('', 0, 1), series: [], legend: [], table: { columns: [], numeric: [], rows: [] }, empty: why }
}

/** The plots of one release, or of two overlaid (old dashed, new solid), in chart order. */
export function plotsOf(input: PlotInput): Plot[] {
  const sets: { release: Release; name: string; set: CurveSet }[] = []
  if (input.old) sets.push({ release: 'old', name: input.names?.old ?? 'old', set: input.old })
  if (input.new) sets.push({ release: 'new', name: input.names?.new ?? 'new', set: input.new })
  const ids: string[] = []
  for (const s of [...sets].reverse()) for (const c of s.set.charts) if (!ids.includes(c.id)) ids.push(c.id)
  return ids.map((id) => {
    const entries = sets.map((s) => ({ ...s, entry: s.set.charts.find((c) => c.id === id) })).filter((s): s is typeof s & { entry: ChartEntry } => s.entry !== undefined)
    const title = entries[entries.length - 1]?.entry.title ?? id
    const drawn = entries.filter((e) => e.entry.chart !== undefined)
    const missing = entries.filter((e) => e.entry.chart === undefined).map((e) => `${sets.length > 1 ? `${e.name}: ` : ''}${e.entry.reason ?? 'not available'}`)
    if (sets.length > 1) for (const s of sets) if (!entries.some((e) => e.release === s.release)) missing.push(`${s.name}: no such chart`)
    if (drawn.length === 0) return emptyPlot(id, title, missing)
    const sides = drawn.map((e) => ({ release: e.release, name: e.name, chart: e.entry.chart! }))
    const kind = sides[0]!.chart.kind
    const same = sides.filter((s) => s.chart.kind === kind)
    let plot: Plot
    if (kind === 'roc') plot = rocPlot(id, title, same as Side<RocChart>[])
    else if (kind === 'reliability') plot = reliabilityPlot(id, title, same as Side<ReliabilityChart>[], id === 'predicted-vs-observed')
    else if (kind === 'histogram') plot = histogramPlot(id, title, same as Side<HistogramChart>[])
    else if (kind === 'confusion') plot = matrixPlot(id, title, same as never)
    else plot = intervalPlot(id, title, same as never)
    return missing.length > 0 ? { ...plot, notes: [...plot.notes, ...missing.map((m) => `Not drawn for ${m}`)] } : plot
  })
}
