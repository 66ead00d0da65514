import { describe, expect, it } from 'vitest'
import nacl from 'tweetnacl'
import { decodeBase64, encodeBase64 } from './base64'
import { uniqueSignoffPath } from './envelope'
import { preAuthEncoding } from './pae'
import { assessSignoffs, DEFAULT_POLICY } from './assess'
import { answers, fakeReport, OTHER, PACK, signer, signoff, trustOf } from './testing'

const eng = signer('ana.eng', 1)
const own = signer('bob.owner', 2)
const mallory = signer('mallory', 3)
const trust = trustOf([
  { s: eng, roles: ['engineer'] },
  { s: own, roles: ['owner'] }
])

function envelopeOf(text: string): { payloadType: string; payload: string; signatures: { keyid?: string; sig: string }[] } {
  return JSON.parse(text)
}
function mutate(so: { path: string; text: string }, f: (e: ReturnType<typeof envelopeOf>) => void): { path: string; text: string } {
  const e = envelopeOf(so.text)
  f(e)
  return { path: so.path, text: JSON.stringify(e) }
}
function codes(a: ReturnType<typeof assessSignoffs>): string[] {
  return a.findings.map((f) => f.code)
}

describe('assessSignoffs: approval', () => {
  it('Approved when engineer and owner approve with trusted keys', () => {
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner')]), trust)
    expect(a.status).toBe('approved')
    expect(a.approved).toBe(true)
    expect(a.signoffs.map((s) => s.status)).toEqual(['valid-trusted', 'valid-trusted'])
    expect(a.findings).toEqual([])
    expect(a.roles.map((r) => r.status)).toEqual(['approved', 'approved'])
  })

  it('not approved with only one role, and says which role is missing', () => {
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer')]), trust)
    expect(a.status).toBe('not-approved')
    expect(a.reasons.join('\n')).toMatch(/owner: no approving sign-off/)
  })

  it('without a trust file every valid sign-off is valid-untrusted and nothing is approved', () => {
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner')]))
    expect(a.signoffs.map((s) => s.status)).toEqual(['valid-untrusted', 'valid-untrusted'])
    expect(a.status).toBe('not-approved')
    expect(codes(a)).toContain('signoff-no-trust-file')
  })

  it('a reject from a required role blocks even with an approval from another owner key', () => {
    const own2 = signer('carol.owner', 4)
    const t = trustOf([
      { s: eng, roles: ['engineer'] },
      { s: own, roles: ['owner'] },
      { s: own2, roles: ['owner'] }
    ])
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner', { decision: 'reject' }), signoff(own2, 'owner')]), t)
    expect(a.status).toBe('rejected')
    expect(a.approved).toBe(false)
    expect(codes(a)).toContain('signoff-rejected')
  })

  it("a signer's later approval replaces their own earlier reject", () => {
    const a = assessSignoffs(
      fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner', { decision: 'reject', at: '2026-11-20T09:00:00Z' }), signoff(own, 'owner', { at: '2026-11-20T11:00:00Z' })]),
      trust
    )
    expect(a.status).toBe('approved')
  })

  it('a checklist item answered "no" keeps an approval from counting', () => {
    const cl = answers()
    cl[2] = { ...cl[2]!, answer: 'no', note: 'slice 18-25 regressed' }
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner', { checklist: cl })]), trust)
    expect(a.status).toBe('not-approved')
    const r = a.signoffs.find((s) => s.signoff?.role === 'owner')!
    expect(r.status).toBe('valid-trusted')
    expect(r.counts).toBe(false)
    expect(r.problem?.code).toBe('signoff-checklist-not-met')
  })

  it('n/a answers count as met; a missing required item does not', () => {
    const na = answers('n/a')
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer', { checklist: na }), signoff(own, 'owner')]), trust)
    expect(a.status).toBe('approved')
    const short = answers().slice(1)
    const b = assessSignoffs(fakeReport([signoff(eng, 'engineer', { checklist: short }), signoff(own, 'owner')]), trust)
    expect(b.status).toBe('not-approved')
    expect(codes(b)).toContain('signoff-checklist-not-met')
  })

  it('four-eyes: one person holding both roles cannot approve alone', () => {
    const t = trustOf([{ s: eng, roles: ['engineer', 'owner'] }])
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(eng, 'owner')]), t)
    expect(a.status).toBe('not-approved')
    expect(a.reasons.join('\n')).toMatch(/four-eyes/)
    expect(assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(eng, 'owner')]), t, { ...DEFAULT_POLICY, distinctSigners: false }).status).toBe('approved')
  })

  it('four-eyes: names differing only in case are one person (issue #10)', () => {
    const eng2 = signer('Ana.Eng', 5)
    // The trust file parser refuses such a file; a TrustFile built another way is still judged by person.
    const parsed = trustOf([{ s: eng, roles: ['engineer'] }])
    const other = trustOf([{ s: eng2, roles: ['owner'] }])
    const t = { entries: [...parsed.entries, ...other.entries], revoked: new Set<string>() }
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(eng2, 'owner')]), t)
    expect(a.status).toBe('not-approved')
    expect(a.reasons.join('\n')).toMatch(/four-eyes/)
  })

  it('a pack that failed verification is never Approved', () => {
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner')], PACK, false), trust)
    expect(a.status).toBe('not-approved')
    expect(a.reasons[0]).toMatch(/did not verify/)
  })
})

describe('assessSignoffs: trust', () => {
  it('wrong role: an engineer key signing as owner does not count', () => {
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(eng, 'owner')]), trust)
    const r = a.signoffs.find((s) => s.signoff?.role === 'owner')!
    expect(r.status).toBe('valid-untrusted')
    expect(r.problem?.code).toBe('signoff-role-not-allowed')
    expect(a.status).toBe('not-approved')
  })

  it('unknown key: valid-untrusted', () => {
    const a = assessSignoffs(fakeReport([signoff(mallory, 'owner')]), trust)
    expect(a.signoffs[0]!.status).toBe('valid-untrusted')
    expect(a.signoffs[0]!.problem?.code).toBe('signoff-key-untrusted')
  })

  it('revoked key (option and @revoked line) counts for nothing', () => {
    const t1 = trustOf([{ s: eng, roles: ['engineer'] }, { s: own, roles: ['owner'], extra: 'revoked' }])
    const t2 = trustOf([{ s: eng, roles: ['engineer'] }, { s: own, roles: ['owner'] }], `@revoked ed25519 ${encodeBase64(own.kp.publicKey)} lost laptop`)
    for (const t of [t1, t2]) {
      const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner')]), t)
      expect(a.status).toBe('not-approved')
      expect(a.signoffs.find((s) => s.signoff?.role === 'owner')!.problem?.code).toBe('signoff-key-revoked')
    }
  })

  it('expired key (valid-before) and not-yet-valid key (valid-after)', () => {
    const t = trustOf([{ s: eng, roles: ['engineer'], extra: 'valid-before=20261101' }, { s: own, roles: ['owner'], extra: 'valid-after=20261201Z' }])
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner')]), t)
    expect(a.signoffs.map((s) => s.problem?.code)).toEqual(['signoff-key-not-valid-at-signing', 'signoff-key-not-valid-at-signing'])
    expect(a.status).toBe('not-approved')
    const inWindow = trustOf([{ s: eng, roles: ['engineer'], extra: 'valid-after=20260101 valid-before=202612010000' }, { s: own, roles: ['owner'] }])
    expect(assessSignoffs(fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner')]), inWindow).status).toBe('approved')
  })

  it('a sign-off dated in the future does not count', () => {
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer', { at: '2099-01-01T00:00:00Z' })]), trust, { ...DEFAULT_POLICY, now: Date.parse('2026-11-26T00:00:00Z') })
    expect(a.signoffs[0]!.problem?.code).toBe('signoff-signed-in-future')
  })
})

describe('assessSignoffs: hostile envelopes are errors, never accepted', () => {
  const good = signoff(own, 'owner')
  const cases: [string, { path: string; text: string }, string][] = [
    [
      'tampered payload (decision flipped)',
      mutate(good, (e) => {
        e.payload = encodeBase64(new TextEncoder().encode(new TextDecoder().decode(decodeBase64(e.payload)).replace('"approve"', '"reject"')))
      }),
      'signoff-signature-invalid'
    ],
    [
      'S+L malleated signature',
      mutate(good, (e) => {
        const sig = decodeBase64(e.signatures[0]!.sig)
        let s = 0n
        for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(sig[i]!)
        s += 2n ** 252n + 27742317777372353535851937790883648493n
        for (let i = 32; i < 64; i++) {
          sig[i] = Number(s & 0xffn)
          s >>= 8n
        }
        e.signatures[0]!.sig = encodeBase64(sig)
      }),
      'signoff-signature-invalid'
    ],
    ['bad base64 in the signature', mutate(good, (e) => void (e.signatures[0]!.sig = e.signatures[0]!.sig.replace(/^./, '*'))), 'signoff-base64-invalid'],
    ['bad base64 in the payload', mutate(good, (e) => void (e.payload = `${e.payload}!`)), 'signoff-base64-invalid'],
    ['truncated envelope', { path: good.path, text: good.text.slice(0, Math.floor(good.text.length / 2)) }, 'signoff-not-json'],
    ['truncated signature', mutate(good, (e) => void (e.signatures[0]!.sig = encodeBase64(decodeBase64(e.signatures[0]!.sig).subarray(0, 63)))), 'signoff-signature-invalid'],
    ['unknown payloadType', mutate(good, (e) => void (e.payloadType = 'application/json')), 'signoff-payload-type-unknown'],
    ['unknown extra envelope field', mutate(good, (e) => void ((e as Record<string, unknown>).note = 'hi')), 'signoff-envelope-invalid'],
    ['two signatures', mutate(good, (e) => void e.signatures.push(e.signatures[0]!)), 'signoff-envelope-invalid'],
    ['duplicate JSON key', { path: good.path, text: good.text.replace('"payloadType"', '"payloadType": "x", "payloadType"') }, 'signoff-not-json'],
    ['signature over the raw payload instead of PAE', signRaw(), 'signoff-signature-invalid'],
    ['not JSON at all', { path: 'signoffs/readme.txt', text: 'hello' }, 'signoff-not-json']
  ]
  it.each(cases)('%s', (_name, so, code) => {
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), so]), trust)
    const r = a.signoffs.find((s) => s.path === so.path)!
    expect(r.status).toBe('invalid')
    expect(r.problem?.code).toBe(code)
    expect(a.findings.find((f) => f.path === so.path)).toMatchObject({ code, severity: 'error' })
    expect(a.status).not.toBe('approved')
  })

  it('a sign-off spliced from another pack is reported as other-pack (error)', () => {
    const spliced = signoff(own, 'owner', { pack: OTHER })
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), spliced]), trust)
    const r = a.signoffs.find((s) => s.path === spliced.path)!
    expect(r.status).toBe('other-pack')
    expect(a.findings.find((f) => f.code === 'signoff-other-pack')).toMatchObject({ severity: 'error', expected: PACK.digest, actual: OTHER.digest })
    expect(a.status).toBe('not-approved')
  })

  it('same digest but another name@version is an error', () => {
    const so = signoff(own, 'owner', { pack: { ...PACK, version: '9.9.9' } })
    const a = assessSignoffs(fakeReport([so]), trust)
    expect(a.signoffs[0]!.problem?.code).toBe('signoff-subject-name-mismatch')
  })

  it('a file under signoffs/ too large to be read is an error, not skipped', () => {
    const r = fakeReport([signoff(eng, 'engineer')])
    const big = { ...r, files: [{ path: 'signoffs/huge.json', size: 5_000_000, sha256: 'ee'.repeat(32), status: 'signoff' as const }] }
    const a = assessSignoffs(big, trust)
    expect(a.signoffs.find((s) => s.path === 'signoffs/huge.json')).toMatchObject({ status: 'invalid', problem: { code: 'signoff-not-json' } })
    expect(a.counts.invalid).toBe(1)
  })

  it('refuses to create an envelope it would not accept (lone surrogate in a note)', () => {
    const cl = answers()
    cl[0] = { ...cl[0]!, note: 'bad \ud800 note' }
    expect(() => signoff(eng, 'engineer', { checklist: cl })).toThrow(/cannot sign/)
  })

  it('an unknown field in the predicate is rejected even when properly signed', () => {
    const so = signoff(own, 'owner')
    const st = JSON.parse(new TextDecoder().decode(decodeBase64(envelopeOf(so.text).payload)))
    st.predicate.priority = 'high'
    const a = assessSignoffs(fakeReport([resign(st, own.kp.secretKey)]), trust)
    expect(a.signoffs[0]).toMatchObject({ status: 'invalid', problem: { code: 'signoff-statement-invalid', message: 'unknown field predicate.priority' } })
  })

  it('a small-order signer key is refused although tweetnacl would accept its signature', () => {
    const so = signoff(own, 'owner')
    const st = JSON.parse(new TextDecoder().decode(decodeBase64(envelopeOf(so.text).payload)))
    const identity = new Uint8Array(32)
    identity[0] = 1
    st.predicate.signer.publicKey = encodeBase64(identity)
    const payload = new TextEncoder().encode(JSON.stringify(st))
    const sig = new Uint8Array(64)
    sig[0] = 1 // R = identity, S = 0: satisfies the group equation for any message under this key
    expect(nacl.sign.detached.verify(preAuthEncoding('application/vnd.in-toto+json', payload), sig, identity)).toBe(true)
    const text = JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: encodeBase64(payload), signatures: [{ sig: encodeBase64(sig) }] })
    const a = assessSignoffs(fakeReport([{ path: 'signoffs/so.json', text }]), trust)
    expect(a.signoffs[0]).toMatchObject({ status: 'invalid', problem: { code: 'signoff-public-key-invalid' } })
  })

  it('reads URL-safe base64 without padding, and ignores a wrong keyid (only a hint)', () => {
    const so = mutate(signoff(own, 'owner'), (e) => {
      e.payload = e.payload.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
      e.signatures[0]!.keyid = 'ed25519:' + '0'.repeat(64)
    })
    const a = assessSignoffs(fakeReport([signoff(eng, 'engineer'), so]), trust)
    expect(a.status).toBe('approved')
  })

  it('file names under signoffs/ are unique (case-insensitively) and safe', () => {
    expect(uniqueSignoffPath('a.json', [])).toBe('signoffs/a.json')
    expect(uniqueSignoffPath('a.json', ['signoffs/A.json', 'signoffs/a-2.json'])).toBe('signoffs/a-3.json')
    expect(uniqueSignoffPath('../x/../y:z.json', [])).toBe('signoffs/x-..-y-z.json')
  })

  it('a copy of the same sign-off under another name is counted once', () => {
    const so = signoff(own, 'owner')
    const a = assessSignoffs(fakeReport([so, { path: 'signoffs/zz-copy.json', text: so.text }]), trust)
    expect(codes(a)).toContain('signoff-duplicate')
    expect(a.signoffs.filter((s) => s.counts)).toHaveLength(1)
  })
})

function resign(statement: unknown, secretKey: Uint8Array): { path: string; text: string } {
  const payload = new TextEncoder().encode(JSON.stringify(statement))
  const sig = nacl.sign.detached(preAuthEncoding('application/vnd.in-toto+json', payload), secretKey)
  return { path: 'signoffs/resigned.json', text: JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: encodeBase64(payload), signatures: [{ sig: encodeBase64(sig) }] }) }
}

function signRaw(): { path: string; text: string } {
  // A valid ed25519 signature, but over the payload bytes, not DSSE's PAE.
  const so = signoff(own, 'owner')
  const e = envelopeOf(so.text)
  const payload = decodeBase64(e.payload)
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const nacl = require('tweetnacl') as typeof import('tweetnacl')
  e.signatures[0]!.sig = encodeBase64(nacl.sign.detached(payload, own.kp.secretKey))
  return { path: 'signoffs/raw.json', text: JSON.stringify(e) }
}
