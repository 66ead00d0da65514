/** Drawing models of the charts that are not x/y lines: the confusion matrix and pass rates with intervals. */
import { axis, count, fixed, numberText, sig } from './plot-format'
import type { IntervalPlot, IntervalRow, MatrixPlot, PlotTable, Release } from './plot-types'
import type { ConfusionChart, RatesChart } from './types'

interface Side<C> {
  readonly release: Release
  readonly name: string
  readonly chart: C
}

/** Columns with their alignment; a leading Release column when two releases are shown. */
export function table(overlaid: boolean, cols: readonly (readonly [string, boolean])[], rows: readonly (readonly string[])[]): PlotTable {
  const all = overlaid ? [['Release', false] as const, ...cols] : cols
  return { columns: all.map((c) => c[0]), numeric: all.map((c) => c[1]), rows }
}

const cellCount = (v: number): string => (Number.isInteger(v) ? count(v) : sig(v))

export function matrixPlot(id: string, title: string, sides: readonly Side<ConfusionChart>[]): MatrixPlot {
  const overlaid = sides.length > 1
  const panels = sides.map((s) => ({
    release: s.release,
    caption: overlaid ? s.name : 'label (rows) × predicted class (columns)',
    classes: s.chart.classes,
    counts: s.chart.counts.map((r) => r.map(cellCount)),
    shares: s.chart.counts.map((r) => {
      const total = r.reduce((a, b) => a + b, 0)
      return r.map((v) => (total > 0 ? v / total : 0))
    })
  }))
  const parts = sides.map((s) => `${overlaid ? `${s.name}: ` : ''}${s.chart.classes.length} classes${s.chart.merged > 0 ? ` (${s.chart.merged} folded into "other")` : ''}, ${numberText(s.chart.summary)}`)
  return {
    kind: 'matrix',
    id,
    title,
    alt: `${title}, rows the label and columns the predicted class; ${parts.join('; ')}`,
    notes: sides.filter((s) => s.chart.merged > 0).map((s) => `${overlaid ? `${s.name}: ` : ''}${s.chart.merged} classes with the least support are folded into "(other classes)".`),
    legend: [],
    panels,
    table: table(
      overlaid,
      [['Label', false], ['Predicted', false], ['Rows (weighted)', true], ['Share of the label', true]],
      sides.flatMap((s) =>
        s.chart.classes.flatMap((label, i) =>
          s.chart.classes.map((pred, j) => {
            const row = s.chart.counts[i] ?? []
            const total = row.reduce((a, b) => a + b, 0)
            const v = row[j] ?? 0
            return [...(overlaid ? [s.name] : []), label, pred, cellCount(v), total > 0 ? fixed((v / total) * 100, 1) + '%' : '—']
          })
        )
      )
    )
  }
}

const interval = (iv: readonly [number, number] | undefined): string => (iv ? `[${fixed(iv[0], 3)}, ${fixed(iv[1], 3)}]` : '')

export function intervalPlot(id: string, title: string, sides: readonly Side<RatesChart>[]): IntervalPlot {
  const overlaid = sides.length > 1
  const order: { key: string; label: string; critical: boolean }[] = []
  for (const s of [...sides].reverse())
    for (const c of s.chart.categories) {
      const key = c.slice ?? ''
      if (!order.some((o) => o.key === key)) order.push({ key, label: c.label, critical: c.critical })
    }
  const rows: IntervalRow[] = order.map((o) => ({
    label: o.label,
    critical: o.critical,
    entries: sides.map((s) => {
      const c = s.chart.categories.find((x) => (x.slice ?? '') === o.key)
      return { release: s.release, value: c?.value ?? null, ...(c?.interval ? { interval: c.interval } : {}) }
    })
  }))
  const parts = sides.map((s) => {
    const known = s.chart.categories.filter((c) => c.slice !== null && c.value !== null)
    const low = known.reduce<(typeof known)[number] | undefined>((a, c) => (a === undefined || (c.value as number) < (a.value as number) ? c : a), undefined)
    return `${overlaid ? `${s.name}: ` : ''}all rows ${numberText(s.chart.summary)}${low ? `; lowest slice ${low.label} ${fixed(low.value as number, 3)} ${interval(low.interval)}`.trimEnd() : ''}`
  })
  return {
    kind: 'intervals',
    id,
    title,
    alt: `${title} (column ${sides[0]?.chart.column ?? ''}) for all rows and ${order.length - 1} slices with 95% Wilson intervals; ${parts.join('; ')}`,
    notes: sides.filter((s) => s.chart.omitted > 0).map((s) => `${overlaid ? `${s.name}: ` : ''}${s.chart.omitted} more slices are not shown.`),
    legend: sides.map((s) => ({ label: overlaid ? s.name : 'rate with 95% interval', role: 'main', release: s.release })),
    x: axis('Rate', 0, 1, 'percent'),
    rows,
    table: table(
      overlaid,
      [['Rows of', false], ['Rows', true], ['Rate', true], ['95% interval', false]],
      sides.flatMap((s) => s.chart.categories.map((c) => [...(overlaid ? [s.name] : []), `${c.label}${c.critical ? ' (critical)' : ''}`, count(c.rows), c.value === null ? `— (${c.reason ?? 'undefined'})` : fixed(c.value, 4), interval(c.interval) || '—']))
    )
  }
}
