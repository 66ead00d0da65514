/**
 * The `reproducibility` section of a verification report: every claim of metrics.json and
 * slices.json with its recomputed value, tolerance and status, and a summary the surfaces print
 * as it is. JSON-serialisable. docs/recompute.md "The reproducibility section" documents it.
 */
import type { ParamValue, PredictionTask } from '../format/predictions'

export type ClaimStatus = 'reproduced' | 'not-reproduced' | 'not-recomputable'
export type ClaimField = 'value' | 'sampleSize' | 'ci.lower' | 'ci.upper'

export interface ClaimCheck {
  /** headline: metrics.json; slice: slices.json. */
  readonly scope: 'headline' | 'slice'
  /** The metrics.json id the claim is about (absent for a slice's sample size). */
  readonly metric?: string
  readonly slice?: string
  readonly field: ClaimField
  /** The registry metric used (compute.metric, or the metric id). */
  readonly definition?: string
  readonly params?: Readonly<Record<string, ParamValue>>
  readonly dataset?: string
  readonly split?: string
  /** The number exactly as the claim writes it. */
  readonly claimed: string
  readonly recomputed?: number
  /** Largest accepted |claimed - recomputed| (0 for sample sizes). */
  readonly tolerance?: number
  readonly status: ClaimStatus
  /** Why not recomputable, or why not reproduced when the values alone do not say it. */
  readonly reason?: string
  /** Where the claim is: file and JSON pointer. */
  readonly path: string
  readonly pointer: string
}

export interface ClaimCounts {
  readonly claims: number
  readonly reproduced: number
  readonly notReproduced: number
  readonly notRecomputable: number
}

export interface PredictionsFileCheck {
  readonly path: string
  readonly dataset: string
  readonly split: string
  readonly task: PredictionTask
  /** Data rows read (absent when the file could not be read). */
  readonly rows?: number
  readonly status: 'read' | 'unreadable'
  readonly reason?: string
}

export interface Reproducibility {
  /**
   * reproduced: every recomputable claim reproduced (at least one was recomputed);
   * not-reproduced: at least one claim differs; not-recomputable: predictions were declared but no
   * claim could be recomputed; no-predictions: the pack ships no predictions descriptor.
   */
  readonly status: 'reproduced' | 'not-reproduced' | 'not-recomputable' | 'no-predictions'
  /** Pack path of the predictions descriptor, when present. */
  readonly descriptor?: string
  readonly predictions: readonly PredictionsFileCheck[]
  /** Prediction rows read, all files together. */
  readonly rows: number
  readonly summary: {
    /** Headline metric values (metrics.json value). */
    readonly headline: ClaimCounts
    /** Slice metric values (slices.json metrics). */
    readonly slices: ClaimCounts
    /** Sample sizes, headline and slices. */
    readonly sampleSizes: ClaimCounts
    /** Confidence interval bounds. */
    readonly intervals: ClaimCounts
    /** One line, e.g. "11 of 11 headline metrics and 130 of 130 slice metrics reproduced from 30,000 predictions". */
    readonly text: string
  }
  /** One per claim, in document order; empty when status is no-predictions (the summary counts them). */
  readonly claims: readonly ClaimCheck[]
}
