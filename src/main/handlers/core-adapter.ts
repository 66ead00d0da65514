/**
 * The one seam between the handlers and src/core: hosts pass `defaultCore`, tests pass fakes.
 * Each entry is thin wiring; the rules live in core.
 */
import { randomBytes } from 'node:crypto'
import { approvalRefusal, ApprovalRefusedError, assessReports, gateSection, prepareSignoff, type SigningIntent } from '../../core/assess'
import { attestationInput, renderAttestation } from '../../core/attest'
import { loadFonts } from '../../core/attest/node-fonts'
import type { AttestationCurves } from '../../core/curves/attestation'
import { loadCurveSource, type LoadedCurves } from '../../core/curves/load-node'
import { diffPacks } from '../../core/diff'
import type { ScanProgress } from '../../core/io/reader'
import { ChecklistError, entriesFromAnswers, formatPublicKeyLine, parseTrustFile, parseTrustFileLenient, TrustFileError, type TrustFile } from '../../core/signoff'
import { keyPairFromSeed } from '../../core/signoff/ed25519'
import { decodePublicKey, NAME_RE, ROLE_RE } from '../../core/signoff/keys'
import { nameProblem, passphraseProblem, roleProblem } from '../../core/signoff/key-rules'
import { KeyFileError, openKey, sealKey } from '../../core/signoff/keys-node'
import { signPackOnDisk } from '../../core/signoff/sign-node'
import { verifyPack } from '../../core/verify/verify'
import type { Assessment, ChecklistAnswerValue, ChecklistItem, Decision, PackDiff, VerifyReport } from '../../shared/domain'
import { suggestChecklist } from './checklist-suggest'
import { domainChecklist, templateItemTexts } from './domain-checklist'
import { HandlerError } from './types'

export interface SignInput {
  readonly location: string
  /** The encrypted private key file's text (decrypted inside core, in this process only). */
  readonly keyFileText: string
  readonly passphrase: string
  readonly role: string
  readonly decision: Decision
  readonly answers: readonly { readonly id: string; readonly answer: ChecklistAnswerValue; readonly note?: string }[]
  readonly comment?: string
  /** The signer accepts the release gate's blocking reasons (the app's checkbox). */
  readonly acknowledgeBlockers?: boolean
  /** The previous release the app's assessment uses: the approval rule checks the gate against it. */
  readonly previous?: VerifyReport
}

export interface AssessArgs {
  /** The app's trust file text; '' means none (nothing is trusted, approval not assessed). */
  readonly trustText: string
  readonly previous?: { readonly report: VerifyReport; readonly diff: PackDiff }
}

export interface CreatedKey {
  /** Encrypted private key file content. */
  readonly keyFileText: string
  /** `ed25519 <base64> <name>` */
  readonly publicKeyLine: string
}

export interface AttestInput {
  readonly report: VerifyReport
  readonly previous?: VerifyReport
  readonly diff?: PackDiff
  readonly assessment: Assessment
  readonly trust?: { readonly name: string; readonly bytes: Uint8Array }
  readonly version: string
  readonly curves?: AttestationCurves
}

export interface CoreApi {
  readonly verifyPack: (location: string, opts: { signal: AbortSignal; onProgress: (p: ScanProgress) => void }) => Promise<VerifyReport>
  readonly diffPacks: (oldR: VerifyReport, newR: VerifyReport) => PackDiff
  /** The default items with what the evidence suggests, then the items of the template the pack follows. */
  readonly checklist: (report: VerifyReport, previous?: VerifyReport, diff?: PackDiff) => readonly ChecklistItem[] | Promise<readonly ChecklistItem[]>
  /**
   * The one verdict (src/core/assess) with the app's inputs. The app requires approval once its trust
   * file lists a key: it is where a release is judged, like `vouch verify --trust … --require-approval`.
   */
  readonly assess: (report: VerifyReport, args: AssessArgs) => Assessment
  /** Writes the envelope into the pack (never corrupting it) and returns its pack path and the new report. */
  readonly sign: (input: SignInput) => Promise<{ readonly signoffPath: string; readonly report?: VerifyReport }>
  readonly createKey: (name: string, role: string, passphrase: string) => Promise<CreatedKey>
  /** The public line and role of a private key file, read without decrypting it. */
  readonly describeKeyFile: (text: string) => { readonly publicKeyLine: string; readonly role: string }
  /** Problems of a trust file, by line (empty when it parses). */
  readonly trustProblems: (text: string) => readonly { readonly line: number; readonly message: string }[]
  readonly renderAttestation: (input: AttestInput) => Promise<Uint8Array>
  /** The predictions of a verified pack, read back for its charts (src/core/curves). */
  readonly loadCurves: (report: VerifyReport) => Promise<LoadedCurves>
}

/** Key-file errors name the file; the app's key store paths mean nothing to the user, so drop them. */
async function keyErrors<T>(f: () => Promise<T>): Promise<T> {
  try {
    return await f()
  } catch (e) {
    if (e instanceof KeyFileError) throw new HandlerError(e.code, e.message.replace(/^the key: /, ''))
    throw e
  }
}

export const defaultCore: CoreApi = {
  verifyPack: (location, opts) => verifyPack(location, opts),
  diffPacks: (o, n) => diffPacks(o, n),
  checklist: async (report, previous, diff) => suggestChecklist(report, previous, diff, await domainChecklist(report)),
  assess: (report, a) => {
    const trust = trustOf(a.trustText)
    return assessReports(report, {
      ...(trust ? { trust } : {}),
      ...(a.previous ? { previous: a.previous } : {}),
      require: { approval: trust !== undefined && trust.entries.length > 0 }
    })
  },

  sign: async (input) => {
    let entries
    // A template's items (domain-checklist.ts) come back as ids; the statement carries their text.
    const texts = await templateItemTexts()
    try {
      entries = entriesFromAnswers({ checklist: input.answers.map((a) => ({ id: a.id, ...(texts.has(a.id) ? { text: texts.get(a.id) } : {}), answer: a.answer, note: a.note ?? '' })) }).entries
    } catch (e) {
      if (e instanceof ChecklistError) throw new HandlerError('invalid-checklist', e.message)
      throw e
    }
    // The one approval rule, the same as `vouch sign`: its checklist part before the key is even opened,
    // all of it on the very report being signed, before anything is written.
    const intent: SigningIntent = { decision: input.decision, checklist: entries, acknowledgeBlockers: input.acknowledgeBlockers === true }
    const early = approvalRefusal(intent, null)
    if (early) throw new HandlerError('approval-refused', `not signed: ${early.message}`)
    // scrypt (about half a second by design) runs while the pack is read and an archive copied.
    const key = keyErrors(() => openKey(input.keyFileText, input.passphrase, 'the key'))
    try {
      const previous = input.previous
      const r = await signPackOnDisk(input.location, key, entries, {
        role: input.role,
        decision: input.decision,
        ...(input.comment ? { comment: input.comment } : {}),
        // The checklist part ran above; the gate part on the very report being signed (an archive is
        // then verified in full before writing; without a previous release it is signed from its tag files).
        ...(previous ? { prepare: (before: VerifyReport) => prepareSignoff(intent, gateSection(previous, diffPacks(previous, before))) } : {})
      })
      return { signoffPath: r.path, report: r.report }
    } catch (e) {
      if (e instanceof ApprovalRefusedError) throw new HandlerError('approval-refused', `not signed: ${e.message}`)
      throw e
    } finally {
      ;(await key.catch(() => undefined))?.secretKey.fill(0) // not needed any more: do not leave it for the GC to keep around
    }
  },

  createKey: async (name, role, passphrase) => {
    // The same rules (and words) the app states beside the fields before anyone types (core/signoff/key-rules).
    const bad = nameProblem(name) ?? roleProblem(role)
    if (bad !== undefined) throw new HandlerError('bad-name', bad)
    const weak = passphraseProblem(passphrase)
    if (weak !== undefined) throw new HandlerError('weak-passphrase', weak)
    const seed = new Uint8Array(randomBytes(32))
    const sealed = await sealKey({ seed, name, role, passphrase, created: new Date() })
    const { publicKey } = keyPairFromSeed(seed)
    seed.fill(0)
    return { keyFileText: `${JSON.stringify(sealed, null, 2)}\n`, publicKeyLine: formatPublicKeyLine(publicKey, name) }
  },

  describeKeyFile: (text) => {
    let j: { type?: unknown; publicKey?: unknown; name?: unknown; role?: unknown }
    try {
      j = JSON.parse(text) as typeof j
    } catch {
      throw new HandlerError('invalid-argument', 'not a key file: neither a .pub line nor a Vouch private key file')
    }
    if (typeof j.publicKey !== 'string' || typeof j.name !== 'string' || !NAME_RE.test(j.name)) throw new HandlerError('invalid-argument', 'not a Vouch private key file')
    return { publicKeyLine: formatPublicKeyLine(decodePublicKey(j.publicKey), j.name), role: typeof j.role === 'string' && ROLE_RE.test(j.role) ? j.role : '' }
  },

  loadCurves: (report) => loadCurveSource(report),

  trustProblems: (text) => parseTrustFileLenient(text).problems.map((p) => ({ line: p.line, message: p.message })),

  renderAttestation: async (input) => {
    const fonts = await loadFonts()
    const doc = attestationInput({
      report: input.report,
      assessment: input.assessment,
      ...(input.previous ? { previous: input.previous } : {}),
      ...(input.diff ? { diff: input.diff } : {}),
      ...(input.trust ? { trust: input.trust } : {}),
      ...(input.curves ? { curves: input.curves } : {})
    })
    return renderAttestation(doc, { vouchVersion: input.version, fonts })
  }
}

/** Fail closed: a trust file with a bad line (a mistyped `@revoked`, say) is refused, never half-read, or a revoked key could count as trusted. */
function trustOf(text: string): TrustFile | undefined {
  if (text.trim() === '') return undefined
  try {
    return parseTrustFile(text)
  } catch (e) {
    if (e instanceof TrustFileError) throw new HandlerError('trust-file-invalid', `the trust file is not valid: ${e.message}`)
    throw e
  }
}
