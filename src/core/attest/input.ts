/**
 * What an attestation is made from. The verification report is the core's own type; the diff and
 * the sign-off assessment are reduced to the small views the PDF prints (adapters in
 * from-diff.ts and from-signoff.ts), so the layout does not churn when those modules grow.
 */
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

export type SignoffTrust = 'trusted' | 'untrusted' | 'invalid' | 'other-pack' | 'not-checked'

export interface ChecklistAnswerView {
  readonly item: string
  readonly answer: string
  readonly note?: string
}

export interface SignoffView {
  /** Pack path of the envelope, e.g. "signoffs/2026-...json"; its bytes come from report.signoffs. */
  readonly path: string
  readonly signer?: string
  readonly role?: string
  /** "ed25519:<64 hex>" */
  readonly fingerprint?: string
  readonly decision?: string
  /** RFC 3339. */
  readonly time?: string
  readonly checklist: readonly ChecklistAnswerView[]
  readonly comment?: string
  readonly trust: SignoffTrust
  /** Why, when not trusted (e.g. "key not in trust file", "signature does not verify"). */
  readonly detail?: string
}

export interface ApprovalView {
  /** e.g. "Approved", "Not approved", "Rejected". */
  readonly verdict: string
  readonly tone: Verdict
  readonly reasons: readonly string[]
  readonly requiredRoles: readonly string[]
}

export interface SignoffsView {
  readonly signoffs: readonly SignoffView[]
  /** Absent when no trust file was given (statuses are then "not-checked"). */
  readonly approval?: ApprovalView
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
  /** The previous release, when the attestation is made --against it. */
  readonly previous?: PreviousRelease
  readonly signoffs?: SignoffsView
  readonly trust?: TrustFileView
}

export interface RenderOptions {
  readonly vouchVersion: string
  /** Stamp this date instead of the date taken from the pack and its sign-offs. */
  readonly exportDate?: Date
}
