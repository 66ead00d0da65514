/** Test helpers (imported by *.test.ts only): a minimal VerifyReport and signing shortcuts. */
import { createPublicKey, verify as nodeVerify } from 'node:crypto'
import { dsse } from '@sigstore/core'
import nacl from 'tweetnacl'
import type { VerifyReport } from '../verify/report'
import { DEFAULT_CHECKLIST, type ChecklistAnswer, type ChecklistEntry } from './checklist'
import { createSignoffEnvelope, type PackIdentity } from './envelope'
import { formatTrustLine, parseTrustFile, type TrustFile } from './trust'
import type { Acknowledgement, Decision } from './statement'

export const PACK: PackIdentity = { name: 'credit-default', version: '1.1.0', digest: 'ab'.repeat(32) }
export const OTHER: PackIdentity = { name: 'credit-default', version: '1.0.0', digest: 'cd'.repeat(32) }

export function fakeReport(signoffs: { path: string; text: string }[], pack: Partial<PackIdentity> = PACK, ok = true): VerifyReport {
  return {
    ok,
    status: ok ? 'verified' : 'failed',
    container: 'folder',
    location: '/tmp/pack',
    pack: { name: pack.name, version: pack.version, digest: pack.digest },
    bagInfo: [],
    evidence: {} as VerifyReport['evidence'],
    traceability: [],
    files: [],
    signoffs,
    findings: [],
    stats: { filesChecked: 0, bytesChecked: 0, durationMs: 0 }
  }
}

export function answers(a: ChecklistAnswer = 'yes'): ChecklistEntry[] {
  return DEFAULT_CHECKLIST.map((d) => ({ ...d, answer: a, note: a === 'yes' ? '' : 'because' }))
}

export interface TestSigner {
  readonly name: string
  readonly kp: nacl.SignKeyPair
}

export function signer(name: string, seedByte: number): TestSigner {
  return { name, kp: nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(seedByte)) }
}

export function signoff(
  s: TestSigner,
  role: string,
  opts: { decision?: Decision; pack?: PackIdentity; checklist?: ChecklistEntry[]; at?: string; acknowledges?: Acknowledgement } = {}
): { path: string; text: string } {
  const c = createSignoffEnvelope({
    pack: opts.pack ?? PACK,
    role,
    decision: opts.decision ?? 'approve',
    checklist: opts.checklist ?? answers(),
    signerName: s.name,
    secretKey: s.kp.secretKey,
    signedAt: new Date(opts.at ?? '2026-11-20T10:00:00Z'),
    ...(opts.acknowledges ? { acknowledges: opts.acknowledges } : {})
  })
  return { path: `signoffs/${c.fileName}`, text: c.text }
}

export function trustOf(lines: { s: TestSigner; roles: string[]; extra?: string }[], more = ''): TrustFile {
  const text = lines.map(({ s, roles, extra }) => formatTrustLine(s.name, roles, s.kp.publicKey).replace(' ed25519 ', extra ? ` ${extra} ed25519 ` : ' ed25519 ')).join('\n')
  return parseTrustFile(`# test trust file\n${text}\n${more}`)
}

export const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex')

/** Verifies an envelope with node:crypto (OpenSSL) ed25519 and @sigstore/core's PAE: no code of ours. */
export function independentlyVerify(envelopeText: string): boolean {
  const env = JSON.parse(envelopeText) as { payloadType: string; payload: string; signatures: { sig: string }[] }
  const payload = Buffer.from(env.payload, 'base64')
  const statement = JSON.parse(payload.toString('utf8'))
  const pk = Buffer.from(statement.predicate.signer.publicKey, 'base64')
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, pk]), format: 'der', type: 'spki' })
  return nodeVerify(null, dsse.preAuthEncoding(env.payloadType, payload), key, Buffer.from(env.signatures[0]!.sig, 'base64'))
}
