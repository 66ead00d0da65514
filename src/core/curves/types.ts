/**
 * The pictures of a pack's evaluation, as data: the point lists the app and the PDF both draw
 * (docs/curves.md). Computed in core from the same prediction columns and registry code that
 * recompute the claims (src/core/recompute), so a picture cannot disagree with a number.
 * JSON-serialisable: no typed arrays, no Map, no undefined-valued keys that matter.
 */
import type { PredictionTask } from '../format/predictions'
import type { ClaimStatus } from '../recompute/report'

export const CURVES_SCHEMA = 'vouch.curves/v1'

/** (x, y) in the chart's data units. */
export type Point = readonly [number, number]

/** The claim a pack makes about the number a chart is summarised by. */
export interface ChartClaim {
  /** The number exactly as the pack writes it. */
  readonly literal: string
  /** What recomputation said about it (docs/recompute.md). */
  readonly status: ClaimStatus
  /** Where it is: file and JSON pointer. */
  readonly path: string
  readonly pointer: string
}

/** The number a chart is summarised by, recomputed by the registry's own function on the chart's rows. */
export interface ChartNumber {
  /** Registry metric id (docs/recompute.md section 3). */
  readonly metric: string
  /** Short label for people: "AUC", "ECE", "KS". */
  readonly label: string
  /** Null when the metric is undefined on these rows (`reason` says why). */
  readonly value: number | null
  readonly reason?: string
  /** The pack's claim about this number on these rows, when it makes one. */
  readonly claimed?: ChartClaim
}

/** ROC curve (binary): true against false positive rate, one point per distinct score. */
export interface RocChart {
  readonly kind: 'roc'
  /** (FPR, TPR) from (0, 0) by descending threshold, simplified for drawing (docs/curves.md "Drawing"). */
  readonly points: readonly Point[]
  /** The threshold of each point: predicted positive when score >= threshold; null for (0, 0) (above every score). */
  readonly thresholds: readonly (number | null)[]
  /** Points of the exact curve (distinct scores of rows with weight > 0, plus (0, 0)). */
  readonly exactPoints: number
  /** Largest distance of the exact curve from the drawn one, in either axis (0: nothing dropped). */
  readonly tolerance: number
  /** Unweighted rows of each class. */
  readonly positives: number
  readonly negatives: number
  readonly auc: ChartNumber
}

export interface ReliabilityBin {
  /** Rows in the bin (unweighted). */
  readonly rows: number
  /** Sum of the bin's weights (= rows without a weight column). */
  readonly weight: number
  /** Weighted mean score (binary) or prediction (regression) of the bin. */
  readonly predicted: number
  /** Weighted share of positives (binary) or mean label (regression). */
  readonly observed: number
  readonly minScore: number
  readonly maxScore: number
}

/** Reliability diagram (binary) or predicted against observed (regression), over equal-count bins. */
export interface ReliabilityChart {
  readonly kind: 'reliability'
  /** Bins asked for (the ECE claim's `bins`, else 10); empty bins are left out. */
  readonly binCount: number
  readonly bins: readonly ReliabilityBin[]
  /** Binary: the ECE over these very bins. Regression: RMSE. */
  readonly summary: ChartNumber
}

export interface HistogramGroup {
  /** Stable key: "negative", "positive" (binary), "residual" (regression). */
  readonly key: string
  readonly label: string
  /** Rows per bin (unweighted). */
  readonly counts: readonly number[]
  /** Share of the group's weight per bin (sums to 1 over the bins; all 0 for an empty group). */
  readonly shares: readonly number[]
  readonly rows: number
}

/** A histogram over equal-width bins: the score by class (binary) or the residual (regression). */
export interface HistogramChart {
  readonly kind: 'histogram'
  /** What is binned: "score" or "residual" (prediction - label). */
  readonly variable: 'score' | 'residual'
  /** Bin edges, ascending (bins + 1 values); bin b is [edges[b], edges[b+1]), the last one closed. */
  readonly edges: readonly number[]
  readonly groups: readonly HistogramGroup[]
  /** Binary: KS between the two classes. Regression: bias (mean residual). */
  readonly summary: ChartNumber
}

/** Confusion matrix (multiclass): weighted counts, rows the label, columns the predicted class. */
export interface ConfusionChart {
  readonly kind: 'confusion'
  /** Class names, label order then name; the last is "(other classes)" when `merged` > 0. */
  readonly classes: readonly string[]
  /** counts[label][predicted], weighted. */
  readonly counts: readonly (readonly number[])[]
  /** Classes folded into "(other classes)" (beyond MAX_CLASSES). */
  readonly merged: number
  readonly summary: ChartNumber
}

export interface RateCategory {
  /** Slice id; null for the whole population. */
  readonly slice: string | null
  readonly label: string
  readonly critical: boolean
  readonly rows: number
  /** Null when the rate is undefined on the slice (`reason`). */
  readonly value: number | null
  /** Wilson 95% interval from unweighted counts; absent with weights or no value. */
  readonly interval?: readonly [number, number]
  readonly reason?: string
}

/** A pass rate (the registry's `rate` of one 0/1 column) for the population and each slice, with intervals. */
export interface RatesChart {
  readonly kind: 'rates'
  /** metrics.json id of the claim this follows. */
  readonly metricId: string
  readonly title: string
  readonly column: string
  readonly categories: readonly RateCategory[]
  /** Categories left out (beyond MAX_RATE_CATEGORIES, non-critical first). */
  readonly omitted: number
  readonly summary: ChartNumber
}

export type Chart = RocChart | ReliabilityChart | HistogramChart | ConfusionChart | RatesChart

export interface ChartEntry {
  /** Stable id: roc, reliability, distribution, residuals, predicted-vs-observed, confusion, rates:<metric id>. */
  readonly id: string
  readonly title: string
  readonly chart?: Chart
  /** Why the chart cannot be drawn on these rows (absent when `chart` is set). */
  readonly reason?: string
}

export interface SliceRef {
  readonly id: string
  readonly name?: string
  readonly definition: string
  readonly critical: boolean
}

/** Every chart of one pack on one set of rows (the population or one slice). */
export interface CurveSet {
  readonly schema: typeof CURVES_SCHEMA
  readonly task: PredictionTask
  readonly dataset: string
  readonly split: string
  /** Null: the whole population of the dataset/split. */
  readonly slice: SliceRef | null
  readonly rows: number
  readonly weighted: boolean
  readonly charts: readonly ChartEntry[]
}

/** A slice as the picker lists it: critical first, then in slices.json order. */
export interface SliceOption extends SliceRef {
  /** Why no chart can be drawn for it (definition does not parse, names a missing column); absent when it can. */
  readonly problem?: string
}

/** Shared axis ranges, so two releases (or a slice and its population) are binned alike. */
export interface CurveRanges {
  readonly score?: readonly [number, number]
  readonly residual?: readonly [number, number]
}

/** What curves:pack returns: the slices to pick from and the charts of the chosen rows. */
export type PackCurves =
  | {
      readonly available: true
      readonly dataset: string
      readonly split: string
      readonly task: PredictionTask
      /** Rows of the population (the dataset/split the charts are drawn on). */
      readonly rows: number
      readonly slices: readonly SliceOption[]
      readonly set: CurveSet
    }
  | { readonly available: false; readonly reason: string }

/** What curves:compare returns: the charts of one slice (or the population) in both releases, binned alike. */
export interface CompareCurves {
  /** Slices of either release, critical (in either) first; matched by id. */
  readonly slices: readonly (SliceOption & { readonly inOld: boolean; readonly inNew: boolean })[]
  readonly old: PackCurves
  readonly new: PackCurves
}
