/**
 * Every overall status of an Assessment, in precedence order (the first that applies wins), with
 * its exit code and the words each surface prints. Surfaces look a status up here; none maps a
 * status to words or exit codes of its own. docs/verdict.md carries this table; a test keeps them equal.
 *
 * Adding a status (e.g. for a new requirement): add it to OverallStatus and to STATUS_TABLE at its
 * place in the precedence; every surface then shows it.
 */
import type { Assessment } from './types'

export type OverallStatus = 'incomplete' | 'failed' | 'rejected' | 'not-reproducible' | 'not-covered' | 'not-approved' | 'approved-with-acknowledged-blockers' | 'approved' | 'verified'

export type StatusTone = 'ok' | 'warn' | 'bad'

/** 0 ok, 1 failed or a requirement not met, 3 unreadable or could not finish (src/cli/command.ts EXIT). */
export type StatusExitCode = 0 | 1 | 3

export interface StatusInfo {
  readonly status: OverallStatus
  readonly exitCode: StatusExitCode
  /** The first word(s) of `vouch verify` text output. */
  readonly cli: string
  /** The app's badge. */
  readonly app: string
  /** PDF page 1, "Overall status". */
  readonly pdf: string
  /** A symbol beside the words, so the status never rests on colour alone. */
  readonly symbol: string
  readonly tone: StatusTone
  /** One line: what it means. */
  readonly meaning: string
}

export const STATUS_TABLE: readonly StatusInfo[] = [
  {
    status: 'incomplete',
    exitCode: 3,
    cli: 'INCOMPLETE',
    app: 'Incomplete',
    pdf: 'Incomplete',
    symbol: '!',
    tone: 'warn',
    meaning: 'Verification was cancelled or could not finish: nothing about the pack is established.'
  },
  {
    status: 'failed',
    exitCode: 1,
    cli: 'FAILED',
    app: 'Failed',
    pdf: 'Failed',
    symbol: '✕',
    tone: 'bad',
    meaning: 'At least one error: a file differs from its manifest, is missing or unexpected, the evidence is malformed, a claimed metric does not reproduce from the predictions the pack ships, or a sign-off envelope does not verify or signs another pack. Do not rely on its content.'
  },
  {
    status: 'rejected',
    exitCode: 1,
    cli: 'REJECTED',
    app: 'Rejected',
    pdf: 'Rejected',
    symbol: '✕',
    tone: 'bad',
    meaning: 'The pack is intact, and a trusted signer in a required role rejected it (their latest decision).'
  },
  {
    status: 'not-reproducible',
    exitCode: 1,
    cli: 'NOT REPRODUCIBLE',
    app: 'Not reproducible',
    pdf: 'Not reproducible',
    symbol: '–',
    tone: 'warn',
    meaning: 'The pack is intact, reproducibility was required, and not every number it claims was recomputed from the predictions it ships: it ships none, or some claims cannot be recomputed (each is named with the reason).'
  },
  {
    status: 'not-covered',
    exitCode: 1,
    cli: 'NOT COVERED',
    app: 'Risks not monitored',
    pdf: 'Risks not monitored',
    symbol: '✕',
    tone: 'bad',
    meaning: 'The pack is intact, risk coverage was required, and a high or critical risk or open failure mode is not watched by any signal of its monitoring plan (risk-not-monitored).'
  },
  {
    status: 'not-approved',
    exitCode: 1,
    cli: 'NOT APPROVED',
    app: 'Not approved',
    pdf: 'Not approved',
    symbol: '–',
    tone: 'warn',
    meaning: 'The pack is intact, approval was required, and it is not (yet) approved by trusted keys in every required role.'
  },
  {
    status: 'approved-with-acknowledged-blockers',
    exitCode: 0,
    cli: 'APPROVED WITH ACKNOWLEDGED BLOCKERS',
    app: 'Approved with acknowledged blockers',
    pdf: 'Approved with acknowledged blockers',
    symbol: '✓!',
    tone: 'warn',
    meaning: 'Intact and approved, while the diff against the previous release is Blocked: the approvals acknowledge its blocking reasons in their signed statements.'
  },
  {
    status: 'approved',
    exitCode: 0,
    cli: 'APPROVED',
    app: 'Approved',
    pdf: 'Approved',
    symbol: '✓',
    tone: 'ok',
    meaning: 'Intact, and approved by trusted keys in every required role (four eyes).'
  },
  {
    status: 'verified',
    exitCode: 0,
    cli: 'VERIFIED',
    app: 'Verified',
    pdf: 'Verified',
    symbol: '✓',
    tone: 'ok',
    meaning: 'Every file matches its manifest and every check passed; approval was not assessed (no trust file), or not required and not given.'
  }
]

/** Not an Assessment status (there is no pack to assess), but a `--json` status with its own exit code. */
export const UNREADABLE_STATUS = {
  status: 'unreadable',
  exitCode: 3,
  cli: 'cannot read (one line on stderr)',
  app: 'Could not open this pack',
  pdf: 'no PDF is written',
  meaning: 'The pack (or the previous release) could not be read at all (not found, unreadable), or it is not an Assurance Pack (not a folder or an archive by its content, or no bagit.txt: the app and the CLI say "is not an Assurance Pack").'
} as const

const BY_STATUS = new Map(STATUS_TABLE.map((s) => [s.status, s]))

export function statusInfo(status: OverallStatus): StatusInfo {
  const s = BY_STATUS.get(status)
  if (!s) throw new Error(`unknown status ${status}`)
  return s
}

/** Higher precedence first: compare by table position. */
export function precedence(status: OverallStatus): number {
  return STATUS_TABLE.findIndex((s) => s.status === status)
}

/** The one exit code of an assessment (every CLI command that assesses a pack returns this). */
export function exitCodeOf(a: Pick<Assessment, 'status'>): StatusExitCode {
  return statusInfo(a.status).exitCode
}

/** The status of highest precedence among candidates (the fallback when there is none). */
export function worstOf(candidates: readonly OverallStatus[], fallback: OverallStatus): OverallStatus {
  return candidates.reduce((w, s) => (precedence(s) < precedence(w) ? s : w), fallback)
}
