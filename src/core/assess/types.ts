/**
 * The Assessment: the one verdict on a pack. Integrity, every sign-off, approval, the release gate
 * against the previous release, the requirements the caller asked for, and one overall status.
 * The CLI text, `--json`, the exit code, the app and the PDF only render it (docs/verdict.md).
 * JSON-serialisable: no Map, no undefined-valued keys that matter (absent values are null).
 */
import type { Finding } from '../findings'
import type { VerdictLevel, VerdictReason } from '../diff/types'
import type { SignoffSummary } from '../signoff/assess'
import type { Acknowledgement } from '../signoff/statement'
import type { ContainerKind } from '../io/reader'
import type { Comparator } from '../format/evidence'
import type { TraceabilityCheck, TraceabilityField, VerifyStatus } from '../verify/report'
import type { Reproducibility } from '../recompute/report'
import type { OverallStatus } from './status'

export const ASSESSMENT_SCHEMA = 'vouch.assessment/v1'

export interface Assessment {
  readonly schema: typeof ASSESSMENT_SCHEMA
  /** The one overall status (status.ts: precedence, exit code, words). */
  readonly status: OverallStatus
  /** Why the pack has this status, most important first; one line each, for people. */
  readonly reasons: readonly string[]
  readonly pack: PackSection
  readonly integrity: IntegritySection
  /** Every file under signoffs/, in time order (signing time, then path): the sign-off history. */
  readonly signoffs: readonly SignoffEntry[]
  readonly approval: ApprovalSection
  /** The release gate against the previous release; null when no previous release was given. */
  readonly gate: GateSection | null
  /** What the caller required (e.g. approval), each met or not. Empty when nothing was required. */
  readonly requirements: readonly RequirementResult[]
  /** Risk coverage (src/core/coverage); null when it was not assessed (no valid monitoring plan, or verification did not finish). */
  readonly coverage: CoverageSection | null
  /** Every claimed number recomputed from the predictions the pack ships; null when verification did not finish. */
  readonly reproducibility: ReproducibilitySection | null
  /**
   * What the evidence says that needs attention (critical slices below threshold, open high or
   * critical failure modes, traceability completeness): facts for the glance, not part of the
   * status. Null when verification did not finish.
   */
  readonly evidence: EvidenceSection | null
}

export interface EvidenceSection {
  /** Critical slices and those with a metric that fails its threshold in metrics.json; null without slices.json. */
  readonly criticalSlices: {
    readonly total: number
    readonly belowThreshold: readonly {
      readonly id: string
      readonly name: string | null
      /** "Name (id)", as every surface names a slice. */
      readonly label: string
      readonly metrics: readonly { readonly metric: string; readonly value: number; readonly comparator: Comparator; readonly threshold: string }[]
    }[]
  } | null
  /** Failure modes with status open and severity high or critical, most severe first; null without failures.json. */
  readonly openFailureModes: readonly { readonly id: string; readonly title: string; readonly severity: 'high' | 'critical'; readonly slice: string | null }[] | null
  /** Complete when every traceability field is ok; the gaps otherwise. */
  readonly traceability: {
    readonly complete: boolean
    readonly ok: number
    readonly total: number
    readonly gaps: readonly { readonly field: TraceabilityField; readonly status: TraceabilityCheck['status'] }[]
  }
}

/** The serious risks and open failure modes, and which of them no monitoring signal watches. */
export interface CoverageSection {
  /** High or critical items still active (risks not closed, open failure modes). */
  readonly required: number
  readonly covered: number
  /** Those no signal of the plan watches, in document order (risks, then failure modes). */
  readonly uncovered: readonly { readonly kind: 'risk' | 'failure'; readonly id: string; readonly severity: string; readonly status: string; readonly why: string }[]
}

/**
 * The verification report's recomputation (docs/recompute.md section 4), as is: status, the
 * predictions read, the summary counts and its one line (`summary.text`), and every claim with its
 * claimed literal, recomputed value, tolerance, status and reason. Optional keys are left out when
 * absent, as in the report.
 */
export type ReproducibilitySection = Reproducibility

export interface PackSection {
  readonly name: string | null
  readonly version: string | null
  /** Lowercase hex SHA-256 of tagmanifest-sha256.txt: what sign-offs sign. */
  readonly digest: string | null
  readonly previousVersion: string | null
  readonly container: ContainerKind
  /** The folder or archive as given (an absolute path). */
  readonly location: string
}

export interface IntegritySection {
  /**
   * verified: every file matches and every check passed, sign-off envelopes included.
   * failed: at least one error finding (the pack's or a sign-off envelope's). incomplete: cancelled.
   */
  readonly status: VerifyStatus
  readonly counts: { readonly error: number; readonly warning: number; readonly info: number }
  readonly stats: { readonly filesChecked: number; readonly bytesChecked: number; readonly durationMs: number }
  /** The files an error finding names, each with its first finding in plain words (at most MAX_FAILING_LISTED). */
  readonly failing: { readonly total: number; readonly files: readonly FailingFile[] }
  /** Every finding: the verifier's, then the sign-offs'. */
  readonly findings: readonly Finding[]
  readonly traceability: readonly TraceabilityCheck[]
}

export interface FailingFile {
  /** Pack path, or "" for a finding about the pack as a whole. */
  readonly path: string
  readonly code: string
  /** What is wrong, in plain words ("changed since the pack was built"). */
  readonly plain: string
  /** How many error findings name this path. */
  readonly errors: number
}

/**
 * valid: counts towards approval. superseded: valid and trusted, but a later decision by the same key
 * in the same role replaces it. not-counted: valid and trusted, but does not count (checklist not met,
 * release-gate blockers not acknowledged, duplicate). untrusted: good signature, the trust file does
 * not vouch for it (or no trust file). invalid: does not verify or is malformed. other-pack: signed
 * for another pack.
 */
export type SignoffResultKind = 'valid' | 'superseded' | 'not-counted' | 'untrusted' | 'invalid' | 'other-pack'

export interface SignoffEntry {
  /** Pack path, e.g. "signoffs/2026-11-26T10-00-00Z-owner-ab12cd34.json". */
  readonly path: string
  /** SHA-256 of the envelope file's bytes: compare with an attestation to detect a removed sign-off. */
  readonly sha256: string | null
  readonly result: SignoffResultKind
  /** Why it is not valid (a sign-off finding code and one line); null when valid. */
  readonly reason: { readonly code: string; readonly message: string } | null
  readonly counts: boolean
  /** Set for superseded sign-offs: the path of the decision that replaced it. */
  readonly supersededBy: string | null
  /**
   * What the signed statement says (signerName is the name the signer claims; trustedAs is what the
   * trust file calls the key); null when the envelope did not verify.
   */
  readonly statement: (Omit<SignoffSummary, 'acknowledges'> & { readonly acknowledges: Acknowledgement | null }) | null
  readonly trustedAs: { readonly name: string; readonly roles: readonly string[] } | null
}

export type ApprovalStatus = 'approved' | 'approved-with-acknowledged-blockers' | 'not-approved' | 'rejected'

export interface ApprovalSection {
  /** False without a trust file: no sign-off can be trusted, so approval is not assessed. */
  readonly assessed: boolean
  readonly status: ApprovalStatus
  readonly requiredRoles: readonly string[]
  readonly roles: readonly RoleApproval[]
  /** One line each: why the pack is or is not approved. */
  readonly reasons: readonly string[]
}

export interface RoleApproval {
  readonly role: string
  readonly status: 'approved' | 'rejected' | 'missing'
  readonly by: readonly { readonly name: string; readonly fingerprint: string; readonly path: string; readonly acknowledgesBlockers: boolean }[]
}

export interface GateSection {
  readonly previous: {
    readonly name: string | null
    readonly version: string | null
    readonly digest: string | null
    readonly location: string
    readonly integrity: VerifyStatus
  }
  /** The diff verdict (docs/diff.md). */
  readonly verdict: VerdictLevel
  readonly summary: string
  /** Every reason of the diff verdict, most severe first (info included). */
  readonly reasons: readonly VerdictReason[]
  /** The blocking reasons (level blocked): what an approval must acknowledge. Empty unless Blocked. */
  readonly blockers: readonly { readonly code: string; readonly message: string }[]
}

/** Requirements a caller can ask for. New kinds are added in requirements.ts. */
export type RequirementKind = 'approval' | 'reproducible' | 'coverage'

export interface RequirementResult {
  readonly kind: RequirementKind
  readonly met: boolean
  /** One line: why it is met or not. */
  readonly reason: string
  /** The overall status the pack gets while this requirement is not met (status.ts precedence). */
  readonly unmetStatus: OverallStatus
}
