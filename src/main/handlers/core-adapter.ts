/**
 * The one seam between the handlers and src/core: each host passes `defaultCore`, tests pass fakes.
 * Parts whose core module has not landed yet answer 'unsupported' with a plain sentence, so the
 * UI shows words, not a crash; wiring one is a one-line change here.
 */
import type { ScanProgress } from '../../core/io/reader'
import { verifyPack } from '../../core/verify/verify'
import { diffPacks } from '../../core/diff'
import type { ChecklistAnswerValue, ChecklistItem, Decision, PackDiff, SignoffAssessment, VerifyReport } from '../../shared/domain'
import { HandlerError } from './types'

export interface SignInput {
  readonly location: string
  readonly report: VerifyReport
  /** The encrypted private key file's text (decrypted inside core, in this process only). */
  readonly keyFileText: string
  readonly passphrase: string
  readonly role: string
  readonly decision: Decision
  readonly answers: readonly { readonly id: string; readonly answer: ChecklistAnswerValue; readonly note?: string }[]
  readonly comment?: string
}

export interface CreatedKey {
  /** Encrypted private key file content. */
  readonly keyFileText: string
  /** `ed25519 <base64> <name>` */
  readonly publicKeyLine: string
}

export interface CoreApi {
  readonly verifyPack: (location: string, opts: { signal: AbortSignal; onProgress: (p: ScanProgress) => void }) => Promise<VerifyReport>
  readonly diffPacks: (oldR: VerifyReport, newR: VerifyReport) => PackDiff
  readonly checklist: (report: VerifyReport, previous?: VerifyReport) => readonly ChecklistItem[]
  readonly assessSignoffs: (report: VerifyReport, trustText: string) => SignoffAssessment
  /** Writes the envelope into the pack (atomically) and returns its pack path. */
  readonly sign: (input: SignInput) => Promise<{ readonly signoffPath: string }>
  readonly createKey: (name: string, role: string, passphrase: string) => Promise<CreatedKey>
  /** The public line of a key file (private key file or .pub); throws a typed error when it is neither. */
  readonly publicLineOfKeyFile: (text: string) => string
  /** Problems of a trust file, by line (empty when it parses). */
  readonly trustProblems: (text: string) => readonly { readonly line: number; readonly message: string }[]
  readonly renderAttestation: (input: { report: VerifyReport; against?: PackDiff; assessment?: SignoffAssessment; version: string }) => Promise<Uint8Array>
}

const notYet = (what: string) => (): never => {
  throw new HandlerError('unsupported', `${what} is not available in this build yet`)
}

export const defaultCore: CoreApi = {
  verifyPack: (location, opts) => verifyPack(location, opts),
  diffPacks: (o, n) => diffPacks(o, n),
  checklist: notYet('the sign-off checklist'),
  assessSignoffs: notYet('sign-off assessment'),
  sign: notYet('signing'),
  createKey: notYet('key creation'),
  publicLineOfKeyFile: notYet('key import'),
  trustProblems: () => [],
  renderAttestation: notYet('PDF attestation')
}
