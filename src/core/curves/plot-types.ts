/**
 * The drawing model: what a chart shows, in data units, for any painter. The app paints it as SVG
 * (src/renderer/src/features/charts), the PDF as vector operations (src/core/attest/sections), so
 * both show the same points, axes, captions and tables. Built from CurveSets by plots.ts.
 */
import type { Point } from './types'

/** Which release a series belongs to: the one shown (or the newer) is solid, the older dashed. */
export type Release = 'new' | 'old'

/** Colour role of a series (painters map roles to a colour-blind-safe palette, light and dark). */
export type SeriesRole = 'main' | 'positive' | 'reference'

export interface Axis {
  readonly label: string
  readonly min: number
  readonly max: number
  readonly ticks: readonly number[]
  readonly tickLabels: readonly string[]
}

export interface XYSeries {
  /** line: a polyline; step: a histogram outline (y of point i holds until point i + 1, down to 0 at both ends). */
  readonly kind: 'line' | 'step'
  readonly role: SeriesRole
  /** Null for a reference line (the diagonal). */
  readonly release: Release | null
  readonly label: string
  readonly points: readonly Point[]
  /** Draw a marker at each point (reliability bins). */
  readonly markers?: boolean
}

export interface LegendEntry {
  readonly label: string
  readonly role: SeriesRole
  readonly release: Release | null
}

/** The chart's points as a table (shown on demand in the app; the PDF prints the caption). */
export interface PlotTable {
  readonly columns: readonly string[]
  /** Which columns hold numbers (right-aligned). */
  readonly numeric: readonly boolean[]
  readonly rows: readonly (readonly string[])[]
}

interface PlotBase {
  /** The chart id (roc, reliability, distribution, ...). */
  readonly id: string
  readonly title: string
  /** The text alternative: what the chart shows, with its number and the claim ("ROC curve, AUC 0.7958 (claimed 0.7958)"). */
  readonly alt: string
  /** Short lines under the chart (what was simplified, what is missing). */
  readonly notes: readonly string[]
  readonly legend: readonly LegendEntry[]
  readonly table: PlotTable
  /** Set when nothing can be drawn: why. */
  readonly empty?: string
}

export interface XYPlot extends PlotBase {
  readonly kind: 'xy'
  readonly x: Axis
  readonly y: Axis
  readonly series: readonly XYSeries[]
}

export interface MatrixPanel {
  readonly release: Release | null
  readonly caption: string
  readonly classes: readonly string[]
  /** counts[label][predicted] as shown (weighted counts, rounded for display). */
  readonly counts: readonly (readonly string[])[]
  /** Share of the row's weight per cell, 0..1 (the cell's shade). */
  readonly shares: readonly (readonly number[])[]
}

export interface MatrixPlot extends PlotBase {
  readonly kind: 'matrix'
  readonly panels: readonly MatrixPanel[]
}

export interface IntervalEntry {
  readonly release: Release
  readonly value: number | null
  readonly interval?: readonly [number, number]
}

export interface IntervalRow {
  readonly label: string
  readonly critical: boolean
  readonly entries: readonly IntervalEntry[]
}

export interface IntervalPlot extends PlotBase {
  readonly kind: 'intervals'
  readonly x: Axis
  readonly rows: readonly IntervalRow[]
}

export type Plot = XYPlot | MatrixPlot | IntervalPlot
