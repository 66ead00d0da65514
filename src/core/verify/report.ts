/**
 * The result of opening and verifying one pack: what the CLI prints, the app shows, diff and
 * sign-off consume, and the attestation records. JSON-serialisable (no Uint8Array, no Map).
 */
import type { Finding } from '../findings'
import type { ContainerKind } from '../io/reader'
import type { Evidence } from '../format/evidence'
import type { Reproducibility } from '../recompute/report'

/** verified: no error finding. failed: at least one error. incomplete: cancelled or could not finish. */
export type VerifyStatus = 'verified' | 'failed' | 'incomplete'

export type FileStatus = 'ok' | 'mismatch' | 'missing' | 'unexpected' | 'tag' | 'signoff' | 'refused'

export interface FileRecord {
  /** Pack path, e.g. "data/evaluation/metrics.json". */
  readonly path: string
  readonly size: number
  /** Computed SHA-256 (hex), absent when the file is missing or was refused. */
  readonly sha256?: string
  /** The manifest's SHA-256 for this path, when listed. */
  readonly expected?: string
  readonly status: FileStatus
}

export type TraceabilityField =
  | 'commit'
  | 'repository'
  | 'dataVersion'
  | 'dataDigest'
  | 'runId'
  | 'pipeline'
  | 'started'
  | 'finished'
  | 'environment'
  | 'datasets'

export interface TraceabilityCheck {
  readonly field: TraceabilityField
  readonly status: 'ok' | 'missing' | 'invalid' | 'inconsistent'
  readonly value?: string
  /** Why this field matters, shown when it is not ok. */
  readonly why: string
}

export interface SignoffFile {
  /** e.g. "signoffs/2026-11-26T10-00-00Z-owner-ab12cd34.json" */
  readonly path: string
  /** The file's text (envelopes are JSON; capped in size by the reader). */
  readonly text: string
}

export interface VerifyReport {
  readonly ok: boolean
  readonly status: VerifyStatus
  readonly container: ContainerKind
  /** Absolute path of the folder or archive. */
  readonly location: string
  readonly pack: {
    readonly name?: string
    readonly version?: string
    /** Lowercase hex SHA-256 of tagmanifest-sha256.txt: the pack digest. */
    readonly digest?: string
    readonly previousVersion?: string
  }
  /** bag-info.txt as ordered label/value pairs (labels may repeat). */
  readonly bagInfo: readonly (readonly [string, string])[]
  readonly evidence: Evidence
  readonly traceability: readonly TraceabilityCheck[]
  readonly files: readonly FileRecord[]
  readonly signoffs: readonly SignoffFile[]
  readonly findings: readonly Finding[]
  /** Every claimed metric recomputed from the predictions the pack ships (absent when verification did not complete). */
  readonly reproducibility?: Reproducibility
  readonly stats: {
    readonly filesChecked: number
    readonly bytesChecked: number
    readonly durationMs: number
  }
}
