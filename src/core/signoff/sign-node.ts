/**
 * The imperative shell of signing: verify the pack, build the envelope (pure), embed it with
 * addFilesToPack (new archive beside the original, verified, then atomically renamed), and check
 * the result. The secret key is passed in already decrypted and never written anywhere.
 */
import { stat } from 'node:fs/promises'
import { addFilesToPack, type FaultHooks } from '../io/add-files'
import { verifyPack } from '../verify/verify'
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
}

export interface SignOnDiskOptions {
  readonly role: string
  readonly decision: Decision
  readonly comment?: string
  readonly now?: Date
  readonly faults?: FaultHooks
  /**
   * Runs on the verified pack before anything is written: throw to refuse (nothing is written).
   * Hosts apply the one approval rule here (src/core/assess/approval-rule.ts), on the very report signed.
   */
  readonly prepare?: (before: VerifyReport) => { readonly acknowledges?: Acknowledgement }
}

export interface SignOnDiskResult {
  /** Pack path of the new envelope, e.g. "signoffs/2026-11-26T15-42-44Z-owner-ab12cd34.json". */
  readonly path: string
  readonly created: CreatedSignoff
  /** Verification of the pack after the sign-off was embedded. */
  readonly report: VerifyReport
}

/** Verifies `candidate` fully and checks it is the same pack plus exactly our sign-off. */
export function checkSignedCandidate(before: VerifyReport, after: VerifyReport, path: string, bytes: Uint8Array): string | undefined {
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

export async function signPackOnDisk(location: string, key: SigningKey, answers: readonly ChecklistEntry[], opts: SignOnDiskOptions): Promise<SignOnDiskResult> {
  const stampBefore = await fileStamp(location)
  const before = await verifyPack(location)
  if (!before.ok) throw new SignError('pack-not-verified', location, `the pack does not verify (${before.status}); sign only a pack that verifies`)
  const { name, version, digest } = before.pack
  if (name === undefined || version === undefined || digest === undefined) throw new SignError('pack-identity-missing', location, 'Pack-Name, Pack-Version or the pack digest is missing')
  const extra = opts.prepare?.(before)
  const created = createSignoffEnvelope({
    pack: { name, version, digest },
    role: opts.role,
    decision: opts.decision,
    checklist: answers,
    comment: opts.comment,
    signerName: key.name,
    secretKey: key.secretKey,
    signedAt: opts.now ?? new Date(),
    ...(extra?.acknowledges ? { acknowledges: extra.acknowledges } : {})
  })
  const path = uniqueSignoffPath(created.fileName, before.signoffs.map((s) => s.path))
  await addFilesToPack(location, [{ path, data: created.bytes }], {
    verify: async (candidate) => {
      // Two signers on one archive at once: the later rename would drop the earlier sign-off. Refuse instead.
      if ((await fileStamp(location)) !== stampBefore) throw new SignError('changed-meanwhile', location, 'the pack changed while signing (another sign-off?); sign again')
      const why = checkSignedCandidate(before, await verifyPack(candidate), path, created.bytes)
      if (why) throw new SignError('candidate-rejected', candidate, why)
    },
    faults: opts.faults
  })
  // Folders are written in place (temp file, fsync, rename), archives were checked as candidates;
  // either way, read the result back once more so the caller gets the report of what is on disk.
  const after = await verifyPack(location)
  const why = checkSignedCandidate(before, after, path, created.bytes)
  if (why) throw new SignError('not-embedded', location, why)
  return { path, created, report: after }
}
