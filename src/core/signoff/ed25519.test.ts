import { describe, expect, it } from 'vitest'
import nacl from 'tweetnacl'
import vectors from './vectors/wycheproof-ed25519.json'
import { fromHex } from './base64'
import { L, checkPublicKey, verifyStrict } from './ed25519'

type Vec = [number, 'valid' | 'invalid', string[], string, string]

describe('strict ed25519 against Wycheproof (testvectors_v1/ed25519_test.json)', () => {
  const groups = vectors.testGroups as unknown as { pk: string; tests: Vec[] }[]
  const all = groups.flatMap((g) => g.tests.map((t) => ({ pk: g.pk, t })))

  it('holds every test of the source file, in order', () => {
    expect(all.length).toBe(vectors.numberOfTests)
    expect(all.map((a) => a.t[0])).toEqual(Array.from({ length: 151 }, (_, i) => i + 1))
  })

  it('agrees with the expected result on every vector', () => {
    const disagreements: number[] = []
    for (const { pk, t } of all) {
      const [id, result, , msg, sig] = t
      const r = verifyStrict(fromHex(msg), fromHex(sig), fromHex(pk))
      if (r.ok !== (result === 'valid')) disagreements.push(id)
    }
    expect(disagreements).toEqual([])
  })

  it('rejects the S+L malleation that plain tweetnacl accepts (tcId 63)', () => {
    const g = all.find((a) => a.t[0] === 63)!
    const [, , , msg, sig] = g.t
    expect(nacl.sign.detached.verify(fromHex(msg), fromHex(sig), fromHex(g.pk))).toBe(true)
    expect(verifyStrict(fromHex(msg), fromHex(sig), fromHex(g.pk))).toEqual({ ok: false, reason: 's-out-of-range' })
  })
})

describe('public key checks', () => {
  const smallOrder = [
    '0100000000000000000000000000000000000000000000000000000000000000',
    'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
    '0000000000000000000000000000000000000000000000000000000000000000',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
    '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85'
  ]
  it.each(smallOrder)('refuses small-order key %s', (hex) => {
    expect(checkPublicKey(fromHex(hex))).toEqual({ ok: false, reason: 'public-key-small-order' })
  })

  it('refuses a small-order key even with a signature tweetnacl accepts', () => {
    // Identity key, R = identity, S = 0: [0]B == R + [k]·identity holds for every message.
    const pk = fromHex(smallOrder[0]!)
    const sig = new Uint8Array(64)
    sig[0] = 1
    const msg = new TextEncoder().encode('any message at all')
    expect(nacl.sign.detached.verify(msg, sig, pk)).toBe(true)
    expect(verifyStrict(msg, sig, pk).ok).toBe(false)
  })

  it('refuses non-canonical encodings (y >= p) and x = 0 with the sign bit set', () => {
    const yEqP = fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')
    expect(checkPublicKey(yEqP).ok).toBe(false)
    const negZero = fromHex('0100000000000000000000000000000000000000000000000000000000000080')
    expect(checkPublicKey(negZero)).toEqual({ ok: false, reason: 'public-key-non-canonical' })
    expect(checkPublicKey(new Uint8Array(31))).toEqual({ ok: false, reason: 'public-key-length' })
  })

  it('accepts real keys and rejects wrong lengths and S = L exactly', () => {
    const kp = nacl.sign.keyPair()
    expect(checkPublicKey(kp.publicKey)).toEqual({ ok: true })
    const msg = new TextEncoder().encode('m')
    const sig = nacl.sign.detached(msg, kp.secretKey)
    expect(verifyStrict(msg, sig, kp.publicKey)).toEqual({ ok: true })
    expect(verifyStrict(msg, sig.subarray(0, 63), kp.publicKey).ok).toBe(false)
    const sEqL = sig.slice()
    let l = L
    for (let i = 32; i < 64; i++) {
      sEqL[i] = Number(l & 0xffn)
      l >>= 8n
    }
    expect(verifyStrict(msg, sEqL, kp.publicKey)).toEqual({ ok: false, reason: 's-out-of-range' })
  })
})
