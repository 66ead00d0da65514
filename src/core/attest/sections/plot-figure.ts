/**
 * The app's drawing model (src/core/curves/plot-types.ts) as PDF figure items: the same layout,
 * points, ticks and legend, in print sizes. Colours follow the app's light theme (Okabe-Ito); the
 * older release is dashed with hollow markers, so the print reads in black and white too.
 */
import { layoutIntervals, layoutXY, type Margin } from '../../curves/plot-layout'
import type { IntervalPlot, LegendEntry, MatrixPlot, Plot, Release, SeriesRole, XYPlot } from '../../curves/plot-types'
import type { FigureItem } from '../layout/blocks'
import { COLORS, type Rgb } from '../layout/paginate'

const ROLE: Record<SeriesRole, Rgb> = { main: [0, 0.447, 0.698], positive: [0.835, 0.369, 0], reference: [0.42, 0.45, 0.5] }
const GRID: Rgb = [0.9, 0.91, 0.93]
const OLD_DASH = [3.2, 2] as const
const REF_DASH = [0.8, 1.6] as const
const TICK = 5.6
const MARGIN: Margin = { left: 24, right: 5, top: 12, bottom: 20 }
const LEGEND_LINE = 8

const dashOf = (role: SeriesRole, release: Release | null): readonly number[] | undefined => (role === 'reference' ? REF_DASH : release === 'old' ? OLD_DASH : undefined)
const widthOf = (role: SeriesRole, release: Release | null): number => (role === 'reference' ? 0.6 : release === 'old' ? 0.9 : 1.1)

const text = (x: number, y: number, t: string, size = TICK, anchor: 'start' | 'middle' | 'end' = 'start', color: Rgb = COLORS.muted, maxWidth?: number): FigureItem => ({
  kind: 'text',
  x,
  y,
  text: t,
  style: 'regular',
  size,
  color,
  anchor,
  ...(maxWidth !== undefined ? { maxWidth } : {})
})

function shift(items: readonly FigureItem[], dx: number, dy: number): FigureItem[] {
  return items.map((it) => {
    switch (it.kind) {
      case 'path':
        return { ...it, points: it.points.map(([x, y]) => [x + dx, y + dy] as const) }
      default:
        return { ...it, x: it.x + dx, y: it.y + dy }
    }
  })
}

function legend(entries: readonly LegendEntry[], top: number, width: number): FigureItem[] {
  const out: FigureItem[] = []
  entries.forEach((e, i) => {
    const y = top + i * LEGEND_LINE
    const dash = dashOf(e.role, e.release)
    out.push({ kind: 'path', points: [[2, y - 2], [16, y - 2]], color: ROLE[e.role], width: widthOf(e.role, e.release), ...(dash ? { dash } : {}) })
    out.push(text(20, y, e.label, 6, 'start', COLORS.ink, width - 22))
  })
  return out
}

function xy(p: XYPlot, w: number, h: number): FigureItem[] {
  const l = layoutXY(p, w, h, MARGIN)
  const { x, y, w: pw, h: ph } = l.plot
  const out: FigureItem[] = []
  for (const t of l.xTicks) out.push({ kind: 'path', points: [[t.at, y], [t.at, y + ph]], color: GRID, width: 0.4 })
  for (const t of l.yTicks) out.push({ kind: 'path', points: [[x, t.at], [x + pw, t.at]], color: GRID, width: 0.4 })
  out.push({ kind: 'rect', x, y, w: pw, h: ph, stroke: COLORS.muted })
  for (const s of l.series) {
    const dash = dashOf(s.series.role, s.series.release)
    out.push({ kind: 'path', points: s.path, color: ROLE[s.series.role], width: widthOf(s.series.role, s.series.release), ...(dash ? { dash } : {}) })
    for (const [mx, my] of s.markers) out.push({ kind: 'circle', x: mx, y: my, r: 1.6, color: ROLE[s.series.role], filled: s.series.release !== 'old' })
  }
  for (const t of l.xTicks) out.push(text(t.at, y + ph + 7, t.label, TICK, 'middle'))
  for (const t of l.yTicks) out.push(text(x - 2.5, t.at + 2, t.label, TICK, 'end'))
  out.push(text(x + pw / 2, h - 3, p.x.label, 6, 'middle', COLORS.ink))
  out.push(text(2, 7, p.y.label, 6, 'start', COLORS.ink))
  return out
}

/**
 * Print layout of a confusion matrix: row labels on the left, column labels in one line above
 * (the app's layout keeps room for rotated labels, which print does not need); cells at most 28 pt.
 */
function printMatrix(n: number, width: number, height: number): { cell: number; label: number; grid: { x: number; y: number } } {
  const label = Math.min(70, width * 0.2)
  const top = 20
  const cell = Math.max(4, Math.min(28, (width - label - 4) / Math.max(1, n), (height - top - 4) / Math.max(1, n)))
  return { cell, label, grid: { x: label, y: top } }
}

function matrix(p: MatrixPlot, w: number, h: number): FigureItem[] {
  const panelW = w / p.panels.length
  return p.panels.flatMap((panel, k) => {
    const l = printMatrix(panel.classes.length, panelW - 6, h)
    const items: FigureItem[] = [text(l.grid.x, 7, panel.caption, 6, 'start', COLORS.ink, panelW - l.grid.x - 6)]
    const n = panel.classes.length
    panel.classes.forEach((c, i) => {
      items.push(text(l.grid.x - 2, l.grid.y + (i + 0.5) * l.cell + 2, c, TICK, 'end', COLORS.muted, l.label - 4))
      items.push(text(l.grid.x + (i + 0.5) * l.cell, l.grid.y - 3, c, TICK, 'middle', COLORS.muted, l.cell - 1))
    })
    panel.shares.forEach((row, i) =>
      row.forEach((v, j) => {
        // Shade towards the main colour by the row share (white at 0).
        const fillColor = ROLE.main.map((c) => 1 - (1 - c) * (0.08 + 0.85 * v)) as unknown as Rgb
        items.push({ kind: 'rect', x: l.grid.x + j * l.cell, y: l.grid.y + i * l.cell, w: l.cell, h: l.cell, fill: fillColor, stroke: [1, 1, 1] })
        if (n <= 12) items.push({ kind: 'text', x: l.grid.x + (j + 0.5) * l.cell, y: l.grid.y + (i + 0.5) * l.cell + 2, text: panel.counts[i]?.[j] ?? '', style: 'regular', size: TICK, color: v > 0.5 ? [1, 1, 1] : COLORS.ink, anchor: 'middle' })
      })
    )
    return shift(items, k * panelW, 0)
  })
}

const INTERVAL_ROW = 9

function intervals(p: IntervalPlot, w: number): FigureItem[] {
  const labelW = w * 0.34
  // Room on the right for half of the last tick label ("100%").
  const l = layoutIntervals(p, w, labelW, INTERVAL_ROW, { ...MARGIN, right: 12 })
  const out: FigureItem[] = []
  for (const t of l.xTicks) {
    out.push({ kind: 'path', points: [[t.at, l.plot.y], [t.at, l.plot.y + l.plot.h]], color: GRID, width: 0.4 })
    out.push(text(t.at, l.plot.y + l.plot.h + 7, t.label, TICK, 'middle'))
  }
  p.rows.forEach((r, i) => {
    const cy = l.plot.y + (i + 0.5) * INTERVAL_ROW
    out.push(text(labelW - 4, cy + 2, `${r.critical ? '◆ ' : ''}${r.label}`, TICK, 'end', r.critical ? COLORS.warn : COLORS.ink, labelW - 6))
    for (const e of r.entries) {
      if (e.value === null) continue
      const yy = cy + (r.entries.length > 1 ? (e.release === 'old' ? -1.8 : 1.8) : 0)
      const dash = dashOf('main', e.release)
      if (e.interval) out.push({ kind: 'path', points: [[l.sx(e.interval[0]), yy], [l.sx(e.interval[1]), yy]], color: ROLE.main, width: 0.9, ...(dash ? { dash } : {}) })
      out.push({ kind: 'circle', x: l.sx(e.value), y: yy, r: 1.5, color: ROLE.main, filled: e.release !== 'old' })
    }
  })
  return out
}

function bodyHeight(p: Plot, width: number, height: number): number {
  if (p.kind === 'intervals') return MARGIN.top + p.rows.length * INTERVAL_ROW + 14
  if (p.kind === 'matrix') return Math.max(...p.panels.map((panel) => { const l = printMatrix(panel.classes.length, width / p.panels.length - 6, height); return l.grid.y + panel.classes.length * l.cell + 4 }))
  return height
}

/** The chart's title line above its drawing. */
const TITLE = 11

/** Height of a plot's items: its title, its drawing (x/y and matrix charts in a `height` box), then its legend. */
export function plotHeight(p: Plot, width: number, height: number): number {
  if (p.empty !== undefined) return 14
  return TITLE + bodyHeight(p, width, height) + (p.legend.length > 0 ? p.legend.length * LEGEND_LINE + 6 : 0)
}

/** A plot's items in a box of this width (and height for x/y and matrix charts), legend below. */
export function plotItems(p: Plot, width: number, height: number): FigureItem[] {
  // The reason in full is in the chart's caption below the figure; here it is cut to the chart's box.
  if (p.empty !== undefined) return [text(0, 10, `${p.title}: not drawn (${p.empty})`, 7, 'start', COLORS.muted, width)]
  const body = p.kind === 'xy' ? xy(p, width, height) : p.kind === 'matrix' ? matrix(p, width, height) : intervals(p, width)
  const title: FigureItem = { kind: 'text', x: 0, y: 7, text: p.title, style: 'bold', size: 7.5, color: COLORS.ink, maxWidth: width }
  return [title, ...shift([...body, ...legend(p.legend, bodyHeight(p, width, height) + 8, width)], 0, TITLE)]
}
