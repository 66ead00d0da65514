/**
 * Real sign-offs for tests: ed25519 keys from fixed seeds, DSSE envelopes made by the sign-off
 * core, and a trust file that allows some of them.
 */
import nacl from 'tweetnacl'
import { DEFAULT_CHECKLIST, type ChecklistEntry } from '../../signoff/checklist'
import { createSignoffEnvelope } from '../../signoff/envelope'
import type { Acknowledgement } from '../../signoff/statement'
import { formatTrustLine } from '../../signoff/trust'
import type { SignoffFile, VerifyReport } from '../../verify/report'

export interface TestSigner {
  readonly name: string
  readonly role: string
  readonly secretKey: Uint8Array
  readonly publicKey: Uint8Array
}

export function testSigner(name: string, role: string, seedByte: number): TestSigner {
  const kp = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(seedByte))
  return { name, role, secretKey: kp.secretKey, publicKey: kp.publicKey }
}

export function checklist(notes: readonly string[] = []): ChecklistEntry[] {
  return DEFAULT_CHECKLIST.map((c, i) => ({ ...c, answer: 'yes', note: notes[i] ?? '' }))
}

/** A sign-off envelope file for `report`'s pack, as it would sit under signoffs/. */
export function signoffFile(
  report: VerifyReport,
  s: TestSigner,
  opts: { decision?: 'approve' | 'reject'; at: string; comment?: string; notes?: readonly string[]; acknowledges?: Acknowledgement }
): SignoffFile {
  const { name, version, digest } = report.pack
  if (!name || !version || !digest) throw new Error('report without identity')
  const created = createSignoffEnvelope({
    pack: { name, version, digest },
    role: s.role,
    decision: opts.decision ?? 'approve',
    checklist: checklist(opts.notes),
    comment: opts.comment,
    signerName: s.name,
    secretKey: s.secretKey,
    signedAt: new Date(opts.at),
    ...(opts.acknowledges ? { acknowledges: opts.acknowledges } : {})
  })
  return { path: `signoffs/${created.fileName}`, text: created.text }
}

export function trustText(signers: readonly TestSigner[]): string {
  return `${signers.map((s) => formatTrustLine(s.name, [s.role], s.publicKey)).join('\n')}\n`
}
