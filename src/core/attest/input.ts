/**
 * What an attestation is made from. The verdict is the core's Assessment (src/core/assess): page 1,
 * the verification section and the sign-offs render it and decide nothing. The report carries the
 * evidence; the diff is reduced to the small view section 3 prints (from-core.ts), so the layout
 * does not churn when the diff grows.
 */
import type { Assessment } from '../assess/types'
import type { AttestationCurves } from '../curves/attestation'
import type { VerifyReport, VerifyStatus } from '../verify/report'

export type Verdict = 'ok' | 'bad' | 'warn'

export interface DiffChangeView {
  /** e.g. "metric auc", "slice young-low-income / recall", "signal psi-income". */
  readonly subject: string
  readonly before?: string
  readonly after?: string
  readonly detail?: string
  /** Critical slice, pass->fail, or otherwise serious. */
  readonly severe?: boolean
}

export interface DiffView {
  /** The previous release as the diff saw it (used when its full report is not at hand). */
  readonly previous?: { readonly name?: string; readonly version?: string; readonly digest?: string; readonly status: VerifyStatus; readonly ok: boolean }
  /** One or two words: "Blocked", "Review needed", "Acceptable". */
  readonly verdictLabel: string
  /** One line, e.g. "3 regressions (1 in a critical slice), 1 new failure mode, monitoring changed". */
  readonly verdict: string
  readonly verdictTone: Verdict
  readonly reasons: readonly string[]
  readonly regressions: readonly DiffChangeView[]
  readonly newFailureModes: readonly DiffChangeView[]
  readonly monitoringChanges: readonly DiffChangeView[]
  readonly policyChanges: readonly DiffChangeView[]
  /** Slice ids that regressed: printed in full in the slice section. */
  readonly regressedSlices: readonly string[]
  /** The diff as JSON, attached to the PDF when present. */
  readonly json?: string
}

export interface TrustFileView {
  /** File name as given (only the base name is printed). */
  readonly name: string
  readonly bytes: Uint8Array
}

/** At least one of the two is present. */
export interface PreviousRelease {
  readonly report?: VerifyReport
  readonly diff?: DiffView
}

export interface AttestationInput {
  readonly report: VerifyReport
  /** The one verdict on the pack (made with the same trust file, previous release and requirements). */
  readonly assessment: Assessment
  /** The previous release, when the attestation is made --against it. */
  readonly previous?: PreviousRelease
  readonly trust?: TrustFileView
  /** The evaluation curves (appendix A), when the caller read the predictions; absent: no appendix. */
  readonly curves?: AttestationCurves
}

export interface RenderOptions {
  readonly vouchVersion: string
  /** Stamp this date instead of the date taken from the pack and its sign-offs. */
  readonly exportDate?: Date
}
