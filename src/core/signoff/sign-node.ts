/**
 * The imperative shell of signing: build the envelope (pure), embed it with addFilesToPack and
 * check the result. The secret key is passed in already decrypted and never written anywhere.
 *
 * A folder is verified, written in place (temp file, fsync, no-clobber rename), and verified again.
 * An archive is verified once, in full, as the candidate that will replace it: before writing,
 * only its identity and sign-offs are read (a preview of the tag files, no payload hashing); the
 * candidate (the original's bytes copied by the kernel, the sign-off appended) must verify and be
 * the same pack plus exactly this sign-off before it is renamed over the original. When the
 * candidate does not verify, the original is verified to tell "the pack does not verify" (nothing
 * was signed) from "our write is wrong"; either way the original is unchanged.
 */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { addFilesToPack, type FaultHooks } from '../io/add-files'
import { openPackReader } from '../io/open'
import { PackWriteError } from '../io/write-error'
import type { Finding } from '../findings'
import type { ScannedFile } from '../io/reader'
import { checkPack, keepForVerify } from '../verify/check'
import { verifyPack } from '../verify/verify'
import { verifyPackIsolated } from '../verify/verify-isolated'
import type { VerifyReport } from '../verify/report'
import type { ChecklistEntry } from './checklist'
import { checkEnvelope, createSignoffEnvelope, uniqueSignoffPath, type CreatedSignoff } from './envelope'
import type { Acknowledgement, Decision } from './statement'

export class SignError extends Error {
  constructor(
    readonly code: 'pack-not-verified' | 'pack-identity-missing' | 'candidate-rejected' | 'not-embedded' | 'changed-meanwhile',
    readonly path: string,
    message: string
  ) {
    super(`${path}: ${message}`)
    this.name = 'SignError'
  }
}

export interface SigningKey {
  readonly name: string
  /** 64-byte secret key (see LoadedKey). */
  readonly secretKey: Uint8Array
  /** The role the key file names: the sign-off's role when the options give none. */
  readonly role?: string
}

export interface SignOnDiskOptions {
  /** The role signed for; defaults to the key's. */
  readonly role?: string
  readonly decision: Decision
  readonly comment?: string
  readonly now?: Date
  readonly faults?: FaultHooks
  /**
   * Runs on the verified pack before anything is written: throw to refuse (nothing is written).
   * Hosts apply the one approval rule's gate part here (src/core/assess/approval-rule.ts), on the
   * very report signed. Given this, an archive is verified in full before writing (the release gate
   * needs a verified report, not the tag-file preview), then its candidate again as always.
   */
  readonly prepare?: (before: VerifyReport) => { readonly acknowledges?: Acknowledgement }
}

export interface SignOnDiskResult {
  /** Pack path of the new envelope, e.g. "signoffs/2026-11-26T15-42-44Z-owner-ab12cd34.json". */
  readonly path: string
  readonly created: CreatedSignoff
  /** Verification of the pack after the sign-off was embedded. */
  readonly report: VerifyReport
  /** The file or folder written: an archive reached through a symbolic link is signed where the link points. */
  readonly written: string
}

/** What signing needs to know of the pack before writing: its identity and its sign-offs. */
type Before = Pick<VerifyReport, 'pack' | 'signoffs'>
/** The same, with an archive's entry names when the preview listed them. */
type BeforeRead = Before & { readonly names?: readonly string[] }

/** Verifies `candidate` fully and checks it is the same pack plus exactly our sign-off. */
export function checkSignedCandidate(before: Before, after: VerifyReport, path: string, bytes: Uint8Array): string | undefined {
  if (!after.ok) return `the new pack does not verify (${after.findings.filter((f) => f.severity === 'error').map((f) => f.code).join(', ') || after.status})`
  if (after.pack.digest !== before.pack.digest) return 'the pack digest changed'
  const mine = after.signoffs.find((s) => s.path === path)
  if (!mine) return `${path} is not in the new pack`
  if (mine.text !== new TextDecoder().decode(bytes)) return `${path} differs from what was written`
  const c = checkEnvelope(mine.text)
  if (!c.ok) return `${path} does not verify: ${c.message}`
  for (const s of before.signoffs) {
    if (!after.signoffs.some((t) => t.path === s.path && t.text === s.text)) return `existing sign-off ${s.path} was lost or changed`
  }
  if (after.signoffs.length !== before.signoffs.length + 1) return 'unexpected files appeared under signoffs/'
  return undefined
}

/** Size, mtime and inode of an archive: if they move while we sign, someone else wrote it. */
async function fileStamp(path: string): Promise<string | undefined> {
  const s = await stat(path).catch(() => undefined)
  return s && s.isFile() ? `${s.size}:${s.mtimeMs}:${s.ino}` : undefined
}

/**
 * An archive's identity and sign-offs from its tag files alone (the reader skips every other file),
 * computed by the verifier's own checks so they are the ones a full verification gives.
 */
async function previewArchive(location: string): Promise<Before & { readonly names: readonly string[] }> {
  const reader = await openPackReader(location)
  let files: readonly ScannedFile[]
  const readerFindings: Finding[] = []
  const names: string[] = []
  try {
    files = await reader.scan({ keep: keepForVerify, keptOnly: true, onFinding: (f) => readerFindings.push(f), onEntryName: (n) => names.push(n) })
  } finally {
    await reader.close()
  }
  return { ...checkPack({ kind: reader.kind, location: reader.location, files, readerFindings, durationMs: 0 }), names }
}

/** The pack as signing needs it, checked: verified (or previewed, for an archive) and with its identity. */
async function readBefore(location: string, preview: boolean): Promise<BeforeRead> {
  const before: BeforeRead = preview ? await previewArchive(location) : await verifyPack(location)
  if (!preview && !(before as VerifyReport).ok) throw notVerified(location, before as VerifyReport)
  const { name, version, digest } = before.pack
  if (name === undefined || version === undefined || digest === undefined) {
    // A preview cannot tell a broken pack from one without identity: the full verification can.
    const full = preview ? await verifyPack(location) : (before as VerifyReport)
    if (!full.ok) throw notVerified(location, full)
    throw new SignError('pack-identity-missing', location, 'Pack-Name, Pack-Version or the pack digest is missing')
  }
  return before
}

function notVerified(location: string, report: VerifyReport): SignError {
  return new SignError('pack-not-verified', location, `the pack does not verify (${report.status}); sign only a pack that verifies`)
}

interface Made {
  readonly before: BeforeRead
  readonly created: CreatedSignoff
  readonly path: string
}

/**
 * Signing overlaps its three slow parts: reading the pack (the tag-file preview of an archive, or a
 * full verification), deriving the key (`key` may still be in the making: scrypt takes about half
 * a second by design) and an archive's kernel copy, which needs neither. Their errors keep the order
 * they had one after the other: the pack's first (not verified, unreadable), then the key's (a wrong
 * passphrase), then the write's; whichever it is, the pack is unchanged and no temp file is left.
 */
export async function signPackOnDisk(location: string, key: SigningKey | Promise<SigningKey>, answers: readonly ChecklistEntry[], opts: SignOnDiskOptions): Promise<SignOnDiskResult> {
  const keyReady = Promise.resolve(key)
  keyReady.catch(() => undefined) // awaited when the sign-off is made; a failure before that must not go unhandled
  const stampBefore = await fileStamp(location)
  const archive = stampBefore !== undefined
  // Started when addFilesToPack asks for the files, just after it started an archive's copy (or at
  // once when it fails before that: the pack's error is the one to report).
  let beforeReady: Promise<BeforeRead> | undefined
  const readPack = (): Promise<BeforeRead> => {
    if (!beforeReady) {
      beforeReady = readBefore(location, archive && !opts.prepare)
      beforeReady.catch(() => undefined)
    }
    return beforeReady
  }
  let made: Made | undefined
  const sign = async (): Promise<Made> => {
    const before = await readPack()
    const { name, version, digest } = before.pack as Required<Before['pack']>
    const extra = opts.prepare?.(before as VerifyReport)
    const k = await keyReady
    const role = opts.role ?? k.role
    if (role === undefined) throw new Error('signPackOnDisk: no role given and the key names none')
    const created = createSignoffEnvelope({
      pack: { name, version, digest },
      role,
      decision: opts.decision,
      checklist: answers,
      comment: opts.comment,
      signerName: k.name,
      secretKey: k.secretKey,
      signedAt: opts.now ?? new Date(),
      ...(extra?.acknowledges ? { acknowledges: extra.acknowledges } : {})
    })
    made = { before, created, path: uniqueSignoffPath(created.fileName, before.signoffs.map((s) => s.path)) }
    return made
  }
  let candidateReport: VerifyReport | undefined
  let candidateStamp: string | undefined
  const embedding = addFilesToPack(location, async () => {
    const { created, path } = await sign()
    return [{ path, data: created.bytes }]
  }, {
    verify: async (candidate) => {
      const { before, created, path } = made as Made
      // Two signers on one archive at once: the later rename would drop the earlier sign-off. Refuse instead.
      if ((await fileStamp(location)) !== stampBefore) throw new SignError('changed-meanwhile', location, 'the pack changed while signing (another sign-off?); sign again')
      // In a fresh isolate for a tar or tar.gz (verify-isolated.ts: this process's heap makes V8 collect ~80 times).
      const after = await verifyPackIsolated(candidate)
      if (!after.ok) {
        const original = await verifyPack(location)
        if (!original.ok) throw notVerified(location, original)
      }
      const why = checkSignedCandidate(before, after, path, created.bytes)
      if (why) throw new SignError('candidate-rejected', candidate, why)
      candidateReport = after
      candidateStamp = await fileStamp(candidate)
    },
    faults: opts.faults,
    names: () => made?.before.names
  }).catch(async (e: unknown) => {
    // The pack's own problem comes first, as when it was read before anything else.
    const first = await readPack().then(() => undefined, (b: unknown) => b ?? new Error('unknown'))
    if (first !== undefined) throw first
    // The original does not verify: that is the answer (exit 1 in the CLI), not a failed write.
    if (e instanceof PackWriteError && e.cause instanceof SignError && e.cause.code === 'pack-not-verified') throw e.cause
    throw e
  })
  const { written } = await embedding
  if (!made) throw new Error('signPackOnDisk: the sign-off was never made') // addFilesToPack always asks for the files
  const { before, created, path } = made
  // An archive is now the candidate verified above (the same file, renamed: its stamp says so).
  // A folder was written in place: read it back once more so the caller gets what is on disk.
  if (candidateReport && candidateStamp !== undefined && (await fileStamp(written)) === candidateStamp) {
    return { path, created, report: { ...candidateReport, location: resolve(location) }, written }
  }
  const after = await verifyPack(location)
  const why = checkSignedCandidate(before, after, path, created.bytes)
  if (why) throw new SignError('not-embedded', location, why)
  return { path, created, report: after, written }
}
