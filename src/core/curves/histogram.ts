/**
 * Equal-width histograms: the score of each class (binary) and the residual (regression). Edges
 * come from a "nice" range of the population (or of both releases in a comparison), so a slice and
 * its population, or two releases, are binned alike; bins are assigned as numpy.histogram does
 * (half-open, the last bin closed).
 */
import type { HistogramGroup } from './types'

/** Bins of every histogram: enough to see the shape, few enough to read each bar. */
export const HISTOGRAM_BINS = 40

const STEPS = [1, 2, 2.5, 5, 10] as const

/** A tidy step near span / target: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(span: number, target = 8): number {
  const raw = span / target
  const p = 10 ** Math.floor(Math.log10(raw))
  const m = STEPS.find((x) => x * p >= raw) ?? 10
  return m * p
}

const tidy = (x: number): number => Number(x.toPrecision(12))

/** [lo, hi] widened to multiples of a nice step; a single value gets one step either side. */
export function niceRange(min: number, max: number): readonly [number, number] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1]
  if (min === max) {
    const step = min === 0 ? 1 : niceStep(Math.abs(min), 4)
    return [tidy(min - step), tidy(max + step)]
  }
  const step = niceStep(max - min)
  return [tidy(Math.floor(min / step) * step), tidy(Math.ceil(max / step) * step)]
}

/** numpy.linspace(lo, hi, bins + 1): lo + i * step, the last edge exactly hi. */
export function edgesOf(range: readonly [number, number], bins = HISTOGRAM_BINS): number[] {
  const [lo, hi] = range
  const step = (hi - lo) / bins
  const out = Array.from({ length: bins + 1 }, (_, i) => i * step + lo)
  out[bins] = hi
  return out
}

/** The bin of v (numpy.histogram's rule for equal bins), or -1 outside [lo, hi]. */
export function binOf(v: number, edges: readonly number[]): number {
  const bins = edges.length - 1
  const lo = edges[0] as number
  const hi = edges[bins] as number
  if (!(v >= lo && v <= hi)) return -1
  let i = Math.floor((v - lo) * (bins / (hi - lo)))
  if (i >= bins) i = bins - 1
  if (v < (edges[i] as number)) i--
  else if (i < bins - 1 && v >= (edges[i + 1] as number)) i++
  return i
}

/** Accumulates one group's rows into counts and weights per bin. */
export class HistogramBuilder {
  readonly counts: number[]
  readonly weights: number[]
  rows = 0
  total = 0
  constructor(private readonly edges: readonly number[]) {
    this.counts = new Array<number>(edges.length - 1).fill(0)
    this.weights = new Array<number>(edges.length - 1).fill(0)
  }
  add(v: number, w: number): void {
    const b = binOf(v, this.edges)
    this.rows++
    this.total += w
    if (b < 0) return
    this.counts[b]!++
    this.weights[b]! += w
  }
  group(key: string, label: string): HistogramGroup {
    const shares = this.weights.map((x) => (this.total > 0 ? x / this.total : 0))
    return { key, label, counts: this.counts, shares, rows: this.rows }
  }
}
