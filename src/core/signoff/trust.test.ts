import { describe, expect, it } from 'vitest'
import nacl from 'tweetnacl'
import { decodeBase64, encodeBase64 } from './base64'
import { fingerprint, parsePublicKeyFile, formatPublicKeyLine } from './keys'
import { parseTrustFile, parseTrustFileLenient, parseTrustTime, TrustFileError } from './trust'
import { sha256 } from './sha256'
import { createHash } from 'node:crypto'

const kp = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7))
const b64 = encodeBase64(kp.publicKey)

describe('trust file', () => {
  it('parses names, roles, windows, comments and both revocation forms', () => {
    const other = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(8))
    const t = parseTrustFile(
      `# team trust\n\nana@bank.example roles=engineer,owner valid-after=20260101 valid-before=20270101120000Z ed25519 ${b64}\nbob roles=owner revoked ed25519 ${encodeBase64(other.publicKey)}\n@revoked ed25519 ${b64} stolen\n`
    )
    expect(t.entries).toHaveLength(2)
    expect(t.entries[0]).toMatchObject({ name: 'ana@bank.example', roles: ['engineer', 'owner'], validAfter: Date.UTC(2026, 0, 1), validBefore: Date.UTC(2027, 0, 1, 12), revoked: false, line: 3 })
    expect(t.revoked.has(fingerprint(kp.publicKey))).toBe(true)
    expect(t.revoked.has(fingerprint(other.publicKey))).toBe(true)
  })

  it.each([
    ['missing roles', `ana ed25519 ${b64}`],
    ['unknown option', `ana roles=owner cert-authority ed25519 ${b64}`],
    ['bad role', `ana roles=Owner ed25519 ${b64}`],
    ['bad time', `ana roles=owner valid-before=20261301 ed25519 ${b64}`],
    ['window inverted', `ana roles=owner valid-after=20270101 valid-before=20260101 ed25519 ${b64}`],
    ['bad base64', `ana roles=owner ed25519 ${b64.slice(0, -2)}!!`],
    ['small-order key', `ana roles=owner ed25519 ${encodeBase64(new Uint8Array(32).fill(0).map((_, i) => (i === 0 ? 1 : 0)))}`],
    ['trailing token', `ana roles=owner ed25519 ${b64} extra`],
    ['same key twice', `ana roles=owner ed25519 ${b64}\nana2 roles=engineer ed25519 ${b64}`],
    ['bad @revoked', '@revoked rsa AAAA']
  ])('fails closed on %s, naming the line', (_n, text) => {
    expect(() => parseTrustFile(`# c\n${text}`)).toThrow(TrustFileError)
    const { problems } = parseTrustFileLenient(`# c\n${text}`)
    expect(problems.length).toBeGreaterThan(0)
    expect(problems[0]!.line).toBeGreaterThanOrEqual(2)
  })

  it('refuses names that differ only in case, naming both lines (four eyes counts people by name)', () => {
    const other = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(9))
    const text = `# team\nana.ruiz roles=engineer ed25519 ${b64}\n\nAna.Ruiz roles=owner ed25519 ${encodeBase64(other.publicKey)}\n`
    expect(() => parseTrustFile(text)).toThrow(TrustFileError)
    const { problems } = parseTrustFileLenient(text)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ line: 4 })
    expect(problems[0]!.message).toContain('"Ana.Ruiz" differs only in case from "ana.ruiz" on line 2')
  })

  it('lets one person (one spelling) hold several keys, e.g. across a rotation', () => {
    const next = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(9))
    const t = parseTrustFile(`ana.ruiz roles=engineer valid-before=20270101 ed25519 ${b64}\nana.ruiz roles=engineer valid-after=20270101 ed25519 ${encodeBase64(next.publicKey)}\n`)
    expect(t.entries.map((e) => e.name)).toEqual(['ana.ruiz', 'ana.ruiz'])
  })

  it('reads URL-safe base64 keys too', () => {
    const url = b64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
    expect(parseTrustFile(`ana roles=owner ed25519 ${url}`).entries[0]!.fingerprint).toBe(fingerprint(kp.publicKey))
  })

  it('times are UTC and impossible dates are refused', () => {
    expect(parseTrustTime('20260229')).toBeUndefined()
    expect(parseTrustTime('20240229')).toBe(Date.UTC(2024, 1, 29))
    expect(parseTrustTime('202611261542')).toBe(Date.UTC(2026, 10, 26, 15, 42))
    expect(parseTrustTime('2026-11-26')).toBeUndefined()
  })
})

describe('keys', () => {
  it('fingerprint is ed25519: + hex SHA-256 of the raw key (pure SHA-256 matches node:crypto)', () => {
    expect(fingerprint(kp.publicKey)).toBe(`ed25519:${createHash('sha256').update(kp.publicKey).digest('hex')}`)
    for (const n of [0, 1, 55, 56, 63, 64, 65, 200]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff)
      expect(Buffer.from(sha256(data)).toString('hex')).toBe(createHash('sha256').update(data).digest('hex'))
    }
  })

  it('.pub round-trip and refusals', () => {
    const line = formatPublicKeyLine(kp.publicKey, 'ana')
    expect(line).toBe(`ed25519 ${b64} ana`)
    expect(parsePublicKeyFile(`${line}\n`).fingerprint).toBe(fingerprint(kp.publicKey))
    expect(() => parsePublicKeyFile(`ssh-ed25519 ${b64} ana`)).toThrow()
    expect(() => parsePublicKeyFile(`ed25519 ${b64} ana ruiz`)).toThrow()
  })
})

describe('base64', () => {
  it('reads standard and URL-safe, with or without padding; refuses the rest', () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x01])
    expect(encodeBase64(bytes)).toBe('+/+/AQ==')
    for (const s of ['+/+/AQ==', '-_-_AQ==', '+/+/AQ', '-_-_AQ']) expect(Array.from(decodeBase64(s))).toEqual(Array.from(bytes))
    for (const s of ['+/-_AQ==', '+/+/AQ=', 'AQ===', 'A', '+/+/ AQ==', '+/+/AR==', 'é']) expect(() => decodeBase64(s)).toThrow()
  })
})
