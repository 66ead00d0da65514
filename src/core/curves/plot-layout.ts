/**
 * Where things go: the drawing model laid out in a box of the painter's size, y pointing down
 * (SVG's convention; the PDF painter flips it). Both painters use this, so the app and the PDF
 * place every point, tick and bar alike.
 */
import type { Axis, IntervalPlot, MatrixPanel, XYPlot, XYSeries } from './plot-types'
import type { Point } from './types'

export interface Box {
  readonly x: number
  readonly y: number
  readonly w: number
  readonly h: number
}

export interface Tick {
  readonly at: number
  readonly label: string
}

export interface LaidSeries {
  readonly series: XYSeries
  /** The polyline to stroke (a step series as its outline, down to the axis at both ends). */
  readonly path: readonly Point[]
  /** Marker centres (empty unless the series has markers). */
  readonly markers: readonly Point[]
}

export interface XYLayout {
  readonly plot: Box
  readonly xTicks: readonly Tick[]
  readonly yTicks: readonly Tick[]
  readonly series: readonly LaidSeries[]
}

export interface Margin {
  readonly left: number
  readonly right: number
  readonly top: number
  readonly bottom: number
}

/** The app's margins (SVG pixels, 10.5 px tick labels). */
export const MARGIN: Margin = { left: 44, right: 10, top: 8, bottom: 34 }

export function scale(a: Axis, from: number, to: number): (v: number) => number {
  const span = a.max - a.min || 1
  return (v) => from + ((Math.min(a.max, Math.max(a.min, v)) - a.min) / span) * (to - from)
}

export function layoutXY(p: XYPlot, width: number, height: number, m: Margin = MARGIN): XYLayout {
  const plot: Box = { x: m.left, y: m.top, w: width - m.left - m.right, h: height - m.top - m.bottom }
  const sx = scale(p.x, plot.x, plot.x + plot.w)
  const sy = scale(p.y, plot.y + plot.h, plot.y)
  const base = sy(Math.max(p.y.min, Math.min(p.y.max, 0)))
  const series = p.series.map((s): LaidSeries => {
    let path: Point[]
    if (s.kind === 'step') {
      path = []
      s.points.forEach(([x, y], i) => {
        const px = sx(x)
        if (i === 0) path.push([px, base])
        else path.push([px, path[path.length - 1]![1]])
        if (i < s.points.length - 1) path.push([px, sy(y)])
      })
      if (s.points.length > 0) path.push([path[path.length - 1]![0], base])
    } else path = s.points.map(([x, y]) => [sx(x), sy(y)] as const)
    return { series: s, path, markers: s.markers ? s.points.map(([x, y]) => [sx(x), sy(y)] as const) : [] }
  })
  return {
    plot,
    xTicks: p.x.ticks.map((t, i) => ({ at: sx(t), label: p.x.tickLabels[i] ?? '' })),
    yTicks: p.y.ticks.map((t, i) => ({ at: sy(t), label: p.y.tickLabels[i] ?? '' })),
    series
  }
}

export interface MatrixLayout {
  readonly cell: number
  /** Top-left of the grid; labels sit left of it and above it. */
  readonly grid: Box
  readonly label: number
}

/** A square grid of n x n cells in the box, leaving room for class labels. */
export function layoutMatrix(panel: MatrixPanel, width: number, height: number): MatrixLayout {
  const n = Math.max(1, panel.classes.length)
  const label = Math.min(90, width * 0.28)
  const cell = Math.max(4, Math.min((width - label - 4) / n, (height - label - 4) / n))
  return { cell, label, grid: { x: label, y: label, w: cell * n, h: cell * n } }
}

export interface IntervalLayout {
  readonly plot: Box
  readonly row: number
  readonly xTicks: readonly Tick[]
  readonly sx: (v: number) => number
}

export function layoutIntervals(p: IntervalPlot, width: number, labelWidth: number, rowHeight: number, m: Margin = MARGIN): IntervalLayout {
  const plot: Box = { x: labelWidth, y: m.top, w: width - labelWidth - m.right, h: p.rows.length * rowHeight }
  const sx = scale(p.x, plot.x, plot.x + plot.w)
  return { plot, row: rowHeight, sx, xTicks: p.x.ticks.map((t, i) => ({ at: sx(t), label: p.x.tickLabels[i] ?? '' })) }
}
