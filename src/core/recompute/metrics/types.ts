/**
 * The shape of a registry metric: data (id, tasks, parameters) plus one function over a slice's
 * rows. Regression, multiclass and per-item rates slot in as more entries of the same shape.
 * Every definition is written out in docs/recompute.md (a test checks each id is documented).
 */
import type { ParamValue, PredictionTask } from '../../format/predictions'
import type { PredictionTable } from '../table'

export type Params = Readonly<Record<string, ParamValue>>

export interface MetricInput {
  readonly t: PredictionTable
  /** The slice's rows as positions in score order, ascending (every position for a headline claim); index t.label, t.score... with them. */
  readonly idx: Int32Array
  readonly params: Params
  /** The rows a slice-expression parameter selects (e.g. `group` of approval_rate_ratio), as a mask by position. */
  readonly subset: (param: string) => Uint8Array
}

export type MetricResult =
  | {
      readonly ok: true
      readonly value: number
      /** For a proportion: the unweighted number of rows in its denominator (Wilson interval). */
      readonly count?: number
      /** For AUC: unweighted positives and negatives (Hanley-McNeil interval). */
      readonly positives?: number
      readonly negatives?: number
    }
  | { readonly ok: false; readonly reason: string }

export type ParamKind = 'number' | 'comparator' | 'slice' | 'column' | 'class'

export interface ParamSpec {
  readonly name: string
  readonly kind: ParamKind
  readonly required: boolean
  /** For kind 'comparator': the allowed values, the first being the default. */
  readonly values?: readonly string[]
  readonly default?: ParamValue
}

export type IntervalMethod = 'wilson' | 'hanley-mcneil'

export interface MetricDef {
  readonly id: string
  /** One line for people; the exact definition is in docs/recompute.md. */
  readonly title: string
  readonly tasks: readonly PredictionTask[]
  readonly params: readonly ParamSpec[]
  /** Needs the score column (else it may use the predicted class, see the definition). */
  readonly needsScore: boolean
  readonly interval?: IntervalMethod
  /** For a metric bounded by 1 in absolute value: claims are held to at least this many decimals (2). */
  readonly minDecimals?: number
  readonly compute: (inp: MetricInput) => MetricResult
}

export const undef = (reason: string): MetricResult => ({ ok: false, reason })
