import { describe, expect, it } from 'vitest'
import { decodeBase64, encodeBase64 } from './base64'
import { checkEnvelope, createSignoffEnvelope } from './envelope'
import { signDetached } from './ed25519'
import { preAuthEncoding } from './pae'
import { PAYLOAD_TYPE, PREDICATE_TYPE, PREDICATE_TYPE_V2, type Acknowledgement } from './statement'
import { answers, independentlyVerify, PACK, signer } from './testing'

const eng = signer('ana.eng', 1)
const ACK: Acknowledgement = {
  previous: { name: 'credit-default@1.0.0', digest: { sha256: 'cd'.repeat(32) } },
  blockers: [{ code: 'regressions', message: '11 regressions (6 in a critical slice)' }]
}

function make(acknowledges?: Acknowledgement): string {
  return createSignoffEnvelope({
    pack: PACK,
    role: 'engineer',
    decision: 'approve',
    checklist: answers(),
    signerName: eng.name,
    secretKey: eng.kp.secretKey,
    signedAt: new Date('2026-11-20T10:00:00Z'),
    ...(acknowledges ? { acknowledges } : {})
  }).text
}

/** Re-signs an edited statement with the same key, so only the statement rules can refuse it. */
function resign(text: string, edit: (st: Record<string, unknown> & { predicate: Record<string, unknown> }) => void): string {
  const env = JSON.parse(text) as { payload: string; signatures: { keyid: string; sig: string }[] }
  const st = JSON.parse(new TextDecoder().decode(decodeBase64(env.payload)))
  edit(st)
  const payload = new TextEncoder().encode(JSON.stringify(st))
  const sig = signDetached(preAuthEncoding(PAYLOAD_TYPE, payload), eng.kp.secretKey)
  return JSON.stringify({ payloadType: PAYLOAD_TYPE, payload: encodeBase64(payload), signatures: [{ keyid: env.signatures[0]!.keyid, sig: encodeBase64(sig) }] })
}

describe('predicate v2: the signed acknowledgement of release-gate blockers', () => {
  it('a plain sign-off stays v1 (older verifiers read it); one with an acknowledgement is v2 and verifies independently', () => {
    const v1 = checkEnvelope(make())
    expect(v1.ok && v1.statement.predicateType).toBe(PREDICATE_TYPE)
    const text = make(ACK)
    const v2 = checkEnvelope(text)
    expect(v2.ok && v2.statement.predicateType).toBe(PREDICATE_TYPE_V2)
    expect(v2.ok && v2.statement.predicate.acknowledges).toEqual(ACK)
    expect(independentlyVerify(text)).toBe(true)
  })

  it('v1 refuses the field (closed schema); v2 checks its shape', () => {
    const sneaky = resign(make(), (st) => (st.predicate.acknowledges = ACK))
    expect(checkEnvelope(sneaky)).toMatchObject({ ok: false, code: 'signoff-statement-invalid' })
    const bad: [string, (a: Record<string, unknown>) => void][] = [
      ['blockers must hold', (a) => (a.blockers = [])],
      ['has the wrong form', (a) => ((a.previous as { digest: { sha256: string } }).digest.sha256 = 'xyz')],
      ['unknown field', (a) => (a.extra = 1)],
      ['has the wrong form', (a) => (a.blockers = [{ code: 'Not Kebab', message: 'x' }])]
    ]
    for (const [msg, edit] of bad) {
      const t = resign(make(ACK), (st) => edit(st.predicate.acknowledges as Record<string, unknown>))
      const c = checkEnvelope(t)
      expect(c.ok).toBe(false)
      expect(!c.ok && c.message).toContain(msg)
    }
  })

  it('an unknown predicate type is still refused', () => {
    const t = resign(make(), (st) => (st.predicateType = 'https://vouch.dev/signoff/v3'))
    expect(checkEnvelope(t)).toMatchObject({ ok: false, code: 'signoff-predicate-type-unknown' })
  })
})
