/**
 * PackDiff: what changed between two releases, and whether it is acceptable. The JSON form is
 * documented in docs/diff.md (schema "vouch.diff/v1"); this file is its typed source. Every value
 * is readonly and JSON-serialisable (no Map, no NaN/Infinity: a relative delta against 0 is null).
 * "old" is the earlier release (the baseline), "new" the candidate.
 */
import type { Finding } from '../findings'
import type { ContainerKind } from '../io/reader'
import type {
  Better,
  DatasetRef,
  Failure,
  Guardrail,
  Likelihood,
  Metric,
  MonitoringSignal,
  Risk,
  Severity4
} from '../format/evidence'
import type { ClaimCheck, Reproducibility } from '../recompute/report'
import type { VerifyStatus } from '../verify/report'

export const DIFF_SCHEMA = 'vouch.diff/v1'

// ---------------------------------------------------------------------------------------------
// Options

/** A change is beyond tolerance when |delta| > absolute AND |delta| > relative x |old| (both exceeded). */
export interface Tolerance {
  readonly absolute: number
  readonly relative: number
}

export interface DiffOptions {
  /** Default tolerance for every metric. Defaults: DEFAULT_TOLERANCE. */
  readonly tolerance?: Partial<Tolerance>
  /** Per metric id overrides (e.g. a looser tolerance for a noisy metric). */
  readonly metricTolerance?: Readonly<Record<string, Partial<Tolerance>>>
  /** Slices with fewer samples (on either side) are low-confidence. Default 100. */
  readonly minSampleSize?: number
}

// ---------------------------------------------------------------------------------------------
// Value comparisons (a metric, or a metric on one slice)

/** Which way a value moved for its metric. 'neutral': it moved but the metric has no better direction. */
export type Movement = 'better' | 'worse' | 'neutral' | 'unchanged'
/** pass/fail against the metric's threshold on that side; 'none' when that side has no threshold. */
export type ThresholdStatus = 'pass' | 'fail' | 'none'
/**
 * regression: crossed its threshold from pass to fail (whatever the delta), or moved worse beyond tolerance.
 * improvement: fail to pass, or moved better beyond tolerance. within-tolerance: moved, but not beyond.
 * changed: moved beyond tolerance with no better direction. unchanged: equal values, same threshold status.
 */
export type Assessment = 'regression' | 'improvement' | 'within-tolerance' | 'changed' | 'unchanged'
export type RegressionReason = 'threshold-crossed' | 'beyond-tolerance'
/**
 * critical: in a critical slice, or a headline metric crossing its threshold (blocks the verdict).
 * major: any other threshold crossing, or beyond tolerance on a headline metric or a well-sampled slice.
 * minor: beyond tolerance in a low-confidence, non-critical slice, no threshold crossed.
 */
export type RegressionLevel = 'critical' | 'major' | 'minor'

export interface ValueComparison {
  readonly old: number
  readonly new: number
  /** Exact decimal literals compared (the file's literal for headline metrics, String(n) for slices). */
  readonly oldLiteral: string
  readonly newLiteral: string
  /** new - old, exact; absoluteLiteral is its canonical decimal text. */
  readonly absolute: number
  readonly absoluteLiteral: string
  /** (new - old) / |old|; null when old is 0. */
  readonly relative: number | null
  readonly movement: Movement
  readonly beyondTolerance: boolean
  readonly tolerance: Tolerance
  readonly threshold: {
    readonly old: ThresholdStatus
    readonly new: ThresholdStatus
    /** Set when a threshold exists on both sides and the status flipped. */
    readonly crossed: 'pass-to-fail' | 'fail-to-pass' | null
  }
  readonly assessment: Assessment
  /** Present exactly when assessment is 'regression'. */
  readonly regression?: { readonly level: RegressionLevel; readonly reasons: readonly RegressionReason[] }
}

/** A field whose value differs; null stands for "absent on that side". */
export type FieldValue = string | number | boolean | null
export interface FieldChange {
  readonly field: string
  readonly old: FieldValue
  readonly new: FieldValue
}

// ---------------------------------------------------------------------------------------------
// Metrics

export type MetricDiff =
  | { readonly kind: 'added'; readonly id: string; readonly metric: Metric }
  | { readonly kind: 'removed'; readonly id: string; readonly metric: Metric }
  | {
      readonly kind: 'compared'
      readonly id: string
      readonly name?: string
      /** The new side's direction (a change of direction is listed in definitionChanges). */
      readonly better: Better
      readonly comparison: ValueComparison
      /** threshold, comparator, better, dataset, split, sampleSize, name. */
      readonly definitionChanges: readonly FieldChange[]
      /** The threshold moved so that passing is easier (same comparator on both sides). */
      readonly thresholdLoosened: boolean
    }

// ---------------------------------------------------------------------------------------------
// Slices

export interface SliceInfo {
  readonly id: string
  readonly name?: string
  readonly definition: string
  readonly sampleSize: number
  readonly critical: boolean
}

export type SliceMetricDiff =
  | { readonly kind: 'added'; readonly metric: string; readonly value: number }
  | { readonly kind: 'removed'; readonly metric: string; readonly value: number }
  | { readonly kind: 'compared'; readonly metric: string; readonly comparison: ValueComparison }

export interface ComparedSlice {
  /** 'renamed': no slice with the same id on the old side, matched by identical definition. */
  readonly kind: 'compared' | 'renamed'
  /** The new id (the old id is old.id). */
  readonly id: string
  readonly old: SliceInfo
  readonly new: SliceInfo
  /** Critical on either side: demoting a slice does not hide its regressions. */
  readonly critical: boolean
  /** Either side has fewer samples than minSampleSize. */
  readonly lowConfidence: boolean
  /** name, definition, sampleSize, critical. */
  readonly changes: readonly FieldChange[]
  readonly metrics: readonly SliceMetricDiff[]
}

export type SliceDiff =
  | { readonly kind: 'added'; readonly id: string; readonly slice: SliceInfo; readonly lowConfidence: boolean }
  /** A vanished slice; a critical one is a blocking finding in itself. */
  | { readonly kind: 'removed'; readonly id: string; readonly slice: SliceInfo }
  | ComparedSlice

/** One regression, flattened for renderers: headline metrics and slices, most severe first. */
export interface RegressionEntry {
  readonly scope: 'metric' | 'slice'
  readonly metric: string
  /** The (new) slice id when scope is 'slice'. */
  readonly slice?: string
  readonly critical: boolean
  readonly lowConfidence: boolean
  readonly level: RegressionLevel
  readonly reasons: readonly RegressionReason[]
  readonly comparison: ValueComparison
}

// ---------------------------------------------------------------------------------------------
// Failure modes, risks, monitoring, guardrails

export type SeverityChange = { readonly old: Severity4; readonly new: Severity4; readonly direction: 'increased' | 'decreased' }

export type FailureDiff =
  | { readonly kind: 'new'; readonly id: string; readonly failure: Failure }
  /** Gone from the new pack ('removed'), or still listed with status 'resolved' ('status'). */
  | { readonly kind: 'resolved'; readonly id: string; readonly how: 'removed' | 'status'; readonly old: Failure; readonly new?: Failure }
  /** Resolved in the old pack, active again in the new one. */
  | { readonly kind: 'reopened'; readonly id: string; readonly matchedBy: 'id' | 'title'; readonly old: Failure; readonly new: Failure }
  | {
      readonly kind: 'persisting'
      readonly id: string
      readonly matchedBy: 'id' | 'title'
      readonly old: Failure
      readonly new: Failure
      readonly severity: SeverityChange | null
      /** title, status, slice, evidence, description (and id when matched by title). */
      readonly changes: readonly FieldChange[]
    }

/** Added, removed or changed records keyed by id (risks, monitoring signals, guardrails, datasets). */
export type RecordDiff<T> =
  | { readonly kind: 'added'; readonly id: string; readonly new: T }
  | { readonly kind: 'removed'; readonly id: string; readonly old: T }
  | { readonly kind: 'changed'; readonly id: string; readonly old: T; readonly new: T; readonly changes: readonly FieldChange[] }

export type RiskDiff = RecordDiff<Risk> & {
  /** For 'changed': how severity and likelihood moved (null when unchanged). */
  readonly severity?: SeverityChange | null
  readonly likelihood?: { readonly old: Likelihood; readonly new: Likelihood; readonly direction: 'increased' | 'decreased' } | null
}

export interface Section<T> {
  readonly entries: readonly T[]
  /** Records present and identical on both sides. */
  readonly unchanged: number
}

// ---------------------------------------------------------------------------------------------
// Traceability, files, verification

export interface TraceabilityDiff {
  /** commit, repository, dataVersion, dataDigest, runId, pipeline, started, finished, environment.<key>. */
  readonly changes: readonly FieldChange[]
  readonly datasets: Section<RecordDiff<DatasetRef>>
}

export interface PackIdentity {
  readonly name?: string
  readonly version?: string
  readonly digest?: string
  readonly previousVersion?: string
}

export type FileDiff =
  | { readonly kind: 'added'; readonly path: string; readonly sha256?: string; readonly size: number }
  | { readonly kind: 'removed'; readonly path: string; readonly sha256?: string; readonly size: number }
  | { readonly kind: 'modified'; readonly path: string; readonly old: { readonly sha256?: string; readonly size: number }; readonly new: { readonly sha256?: string; readonly size: number } }

export interface VerificationSide {
  readonly status: VerifyStatus
  readonly ok: boolean
  readonly container: ContainerKind
  readonly location: string
  /** Every error finding of that side's verification (never hidden). */
  readonly errors: readonly Finding[]
  readonly warnings: number
}

// ---------------------------------------------------------------------------------------------
// Verdict and the whole diff

/**
 * blocked: do not ship as is (a pack failed verification, a critical regression, a critical slice
 * vanished, a new critical failure mode). review: a person must look (any other regression, new or
 * worsened failure modes, lost evidence, monitoring/policy/risk changes). acceptable: nothing of that.
 */
export type VerdictLevel = 'acceptable' | 'review' | 'blocked'

/** Stable codes (docs/diff.md). */
export type VerdictReasonCode =
  | 'verification-failed'
  | 'claims-not-reproduced'
  | 'reproducibility-lost'
  | 'regressions'
  | 'critical-slice-vanished'
  | 'slice-vanished'
  | 'critical-flag-removed'
  | 'metric-removed'
  | 'threshold-loosened'
  | 'metric-definition-changed'
  | 'new-failure-mode'
  | 'failure-reopened'
  | 'failure-severity-increased'
  | 'risks-changed'
  | 'monitoring-changed'
  | 'guardrails-changed'
  | 'evidence-missing'
  | 'different-pack'
  | 'not-previous-version'
  | 'improvements'
  | 'failures-resolved'
  | 'slices-added'
  | 'slices-renamed'
  | 'metrics-added'
  | 'traceability-changed'
  | 'files-changed'

export interface VerdictReason {
  readonly code: VerdictReasonCode
  /** 'info' reasons never change the level; they are listed for completeness. */
  readonly level: 'blocked' | 'review' | 'info'
  readonly count: number
  /** One line for people, e.g. "3 regressions (1 in a critical slice)". */
  readonly message: string
}

export interface Verdict {
  readonly level: VerdictLevel
  /** The blocked and review reasons joined, e.g. "3 regressions (1 in a critical slice), 1 new failure mode, monitoring changed". */
  readonly summary: string
  /** Most severe first. */
  readonly reasons: readonly VerdictReason[]
}

export type FailOn = 'regression' | 'critical' | 'never'

export interface DiffCounts {
  readonly regressions: number
  readonly criticalRegressions: number
  readonly improvements: number
  readonly metricsCompared: number
  readonly slicesCompared: number
  readonly slicesAdded: number
  readonly slicesRemoved: number
  readonly slicesRenamed: number
  readonly lowConfidenceSlices: number
  readonly failuresNew: number
  readonly failuresResolved: number
  readonly failuresPersisting: number
}

/** One release's claims recomputed from its predictions (docs/recompute.md), as the diff reports them. */
export interface ReproducibilitySide {
  /** null when that release's verification did not finish (nothing was recomputed). */
  readonly status: Reproducibility['status'] | null
  /** The one-line summary, e.g. "9 of 9 headline metrics and 135 of 135 slice metrics reproduced from 30,000 predictions". */
  readonly summary: string | null
  /** Every claim of that release that does not reproduce, as in its verification report. */
  readonly notReproduced: readonly ClaimCheck[]
  /** How many of its claims could not be recomputed. */
  readonly notRecomputable: number
}

export interface PackDiff {
  readonly schema: typeof DIFF_SCHEMA
  readonly old: PackIdentity
  readonly new: PackIdentity
  /** new.previousVersion names old.version ('yes'), names something else ('no'), or is absent ('unknown'). */
  readonly consecutive: 'yes' | 'no' | 'unknown'
  readonly verification: { readonly old: VerificationSide; readonly new: VerificationSide }
  /** Each release's claims recomputed from its own predictions. */
  readonly reproducibility: { readonly old: ReproducibilitySide; readonly new: ReproducibilitySide }
  readonly options: { readonly tolerance: Tolerance; readonly metricTolerance: Readonly<Record<string, Tolerance>>; readonly minSampleSize: number }
  readonly verdict: Verdict
  readonly counts: DiffCounts
  /** Every regression (headline and slice), most severe first. */
  readonly regressions: readonly RegressionEntry[]
  /** Sorted by id. */
  readonly metrics: readonly MetricDiff[]
  /** Sorted: removed, added, then compared/renamed, each by id. */
  readonly slices: readonly SliceDiff[]
  /** Sorted: new, reopened, resolved, persisting; most severe first within each. */
  readonly failures: readonly FailureDiff[]
  readonly risks: Section<RiskDiff>
  readonly monitoring: Section<RecordDiff<MonitoringSignal>>
  readonly guardrails: Section<RecordDiff<Guardrail>>
  readonly traceability: TraceabilityDiff
  readonly files: Section<FileDiff>
  /**
   * Evidence documents missing on one or both sides. Such a section is not diffed (an absent
   * failures.json must not read as "every failure mode resolved"); the verdict says so instead.
   */
  readonly documents: readonly { readonly doc: string; readonly state: 'missing-old' | 'missing-new' | 'missing-both' }[]
}
