/**
 * The data the contract carries. Domain shapes come from src/core (type-only imports, so nothing of
 * core runs in the renderer); the few shapes that exist only at the app boundary are declared here.
 */
import type { VerifyReport } from '../core/verify/report'
import type { Assessment } from '../core/assess/types'
import type { Evidence } from '../core/format/evidence'

export type { Finding, Severity } from '../core/findings'
export type { Evidence } from '../core/format/evidence'
/** folder | zip | tar | tar.gz (the reader's kind, via the report so shared stays off core/io). */
export type ContainerKind = VerifyReport['container']
export type { VerifyReport, VerifyStatus, FileRecord, FileStatus, TraceabilityCheck } from '../core/verify/report'

export type { PackDiff, Verdict, VerdictLevel, RegressionEntry, MetricDiff, SliceDiff, ReproducibilitySide } from '../core/diff/types'

export type {
  Assessment,
  EvidenceSection,
  ApprovalSection,
  ApprovalStatus,
  FailingFile,
  GateSection,
  IntegritySection,
  RequirementResult,
  ReproducibilitySection,
  RoleApproval,
  SignoffEntry,
  SignoffResultKind
} from '../core/assess/types'
export type { OverallStatus } from '../core/assess/status'
export type { PackCurves, CompareCurves, CurveSet, ChartEntry, SliceOption } from '../core/curves/types'
import type { OverallStatus } from '../core/assess/status'
/**
 * The claims recomputed from a pack's predictions (Assessment.reproducibility; docs/recompute.md
 * section 4): per claim its status, claimed literal, recomputed value, tolerance and reason.
 * Words for them, as every other surface prints them: src/core/recompute/describe.ts (pure).
 */
export type { ClaimCheck, ClaimCounts, ClaimField, ClaimStatus, PredictionsFileCheck, Reproducibility } from '../core/recompute/report'

/** One item of the sign-off checklist (src/core/signoff DEFAULT_CHECKLIST), with what the evidence suggests where it can. */
export interface ChecklistItem {
  readonly id: string
  readonly text: string
  /** A hint beside the signer's own answer, never the answer. */
  readonly suggested?: { readonly answer: ChecklistAnswerValue; readonly reason: string }
}

export type ChecklistAnswerValue = 'yes' | 'no' | 'n/a'
export type Decision = 'approve' | 'reject'

/** What pack:open returns at once, before hashing: enough for the header. */
export interface OpenedPack {
  /** Opaque handle; every later call names the pack by it (the renderer never re-sends paths). */
  readonly packId: string
  /** Absolute path of the folder or archive. */
  readonly location: string
  /** Last path segment, for display. */
  readonly fileName: string
  readonly container: ContainerKind
  /** An embedded sample: never written to (signing it signs a copy in the user's workspace). */
  readonly readOnly: boolean
  /** From bag-info.txt / data/pack.json when cheap to read (folders); filled by verification otherwise. */
  readonly name?: string
  readonly version?: string
  readonly previousVersion?: string
  /**
   * Folders only: the evidence documents as read at open, NOT yet hash-verified, so the overview
   * can show while pack:verify runs. The report's evidence replaces it; until then the status is
   * "verifying", never "verified".
   */
  readonly provisionalEvidence?: Evidence
  /**
   * A temporary copy the host received (an archive dropped or chosen in a browser): removed when
   * `vouch serve` stops, never listed in Recent packs; signing it changes that copy only.
   */
  readonly temporary?: boolean
}

export interface SamplePack {
  /** Absolute path, ready for pack:open. */
  readonly path: string
  readonly fileName: string
  readonly container: ContainerKind
}

export interface RecentPack {
  readonly path: string
  readonly fileName: string
  /** RFC 3339: when it was last opened. */
  readonly openedAt: string
  readonly name?: string
  readonly version?: string
  /** Its last verdict (the assessment's overall status) and when it was made (RFC 3339). */
  readonly verdict?: { readonly status: OverallStatus; readonly at: string }
}

/** The previous release the app uses for a pack (pack:setPrevious). */
export interface PreviousChoice {
  readonly mode: 'auto' | 'none' | 'path'
  /** Where it is, when there is one. */
  readonly location: string | null
}

export type Theme = 'system' | 'light' | 'dark'
export interface Prefs {
  readonly theme: Theme
}

/** One folder, as fs:list shows it. */
export interface FolderListing {
  /** Absolute, resolved. */
  readonly path: string
  /** Null at the file-system root. */
  readonly parent: string | null
  /** Sub-folders and archive files, folders that are packs first, then by name. */
  readonly entries: readonly FolderEntry[]
  /** More entries than MAX_LISTED were there; the rest are not shown. */
  readonly truncated: boolean
  /** Places to start from: the folder relative paths resolve against, the home folder. */
  readonly places: readonly { readonly label: string; readonly path: string }[]
}

export interface FolderEntry {
  readonly name: string
  readonly path: string
  /** pack: a folder with bagit.txt; folder: any other folder; archive: a .zip, .tar, .tar.gz or .tgz file (its content is checked on open). */
  readonly kind: 'pack' | 'folder' | 'archive'
}

export interface PackProgress {
  readonly jobId: string
  readonly filesDone: number
  readonly filesTotal: number
  readonly bytesDone: number
  readonly bytesTotal: number
}

export interface KeyInfo {
  /** The fingerprint, `ed25519:` + hex SHA-256 of the raw public key; also the key's id. */
  readonly keyId: string
  readonly name: string
  readonly role: string
  /** `ed25519 <base64> <name>`, the .pub line. */
  readonly publicKeyLine: string
  /** False for public-only keys (cannot sign). */
  readonly canSign: boolean
}

export interface TrustFile {
  /** The file's text, as stored (SSH allowed_signers style; docs/pack-format.md). */
  readonly text: string
  /** Absolute path of the file in the user-data dir (for display). */
  readonly path: string
  /** Lines that do not parse, with the reason; saving such text is refused. */
  readonly problems: readonly { readonly line: number; readonly message: string }[]
}

export interface SignResult {
  /** Pack path of the new envelope, e.g. "signoffs/2026-...-owner-ab12cd34.json". */
  readonly signoffPath: string
  /** The assessment of the pack that was signed (the copy, when `copy` is set). */
  readonly assessment: Assessment
  /** Its verification report after the write (the new envelope among its files). */
  readonly report: VerifyReport
  /** Set when the pack was a read-only sample: the copy in the user's workspace that was signed instead. */
  readonly copy?: { readonly location: string }
}

/** Where an exported attestation went: a file (Electron save dialog) or a download (loopback host). */
export type DeliveredFile =
  | { readonly kind: 'saved'; readonly path: string; readonly bytes: number; readonly sha256: string }
  | { readonly kind: 'download'; readonly url: string; readonly fileName: string; readonly bytes: number; readonly sha256: string }
  | { readonly kind: 'cancelled' }

export type AttestOutcome = (Exclude<DeliveredFile, { readonly kind: 'cancelled' }> & AttestedAs) | { readonly kind: 'cancelled' }

/** What the exported PDF records (its page 1): the overall status and the previous release it was judged against. */
export interface AttestedAs {
  readonly status: OverallStatus
  /** "name@version" of the previous release, or null when there was none. */
  readonly against: string | null
}

export interface HostInfo {
  readonly host: 'electron' | 'serve'
  readonly version: string
  /** Native open/save dialogs exist (Electron only); else the UI offers typed path and drop. */
  readonly dialogs: boolean
  readonly platform: string
  /** Where relative paths resolve (`vouch serve`: the folder it was started in); null when the host accepts absolute paths only. */
  readonly cwd: string | null
  /** fs:list answers (hosts without native dialogs). */
  readonly browse: boolean
}
