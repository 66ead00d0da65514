/**
 * An independent DSSE + ed25519 implementation verifies what we sign: the PAE from @sigstore/core
 * (sigstore-js) and ed25519 from node:crypto (OpenSSL), plus the openssl CLI. Neither shares code
 * with tweetnacl or with pae.ts.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { dsse } from '@sigstore/core'
import { describe, expect, it } from 'vitest'
import { preAuthEncoding } from './pae'
import { independentlyVerify, signer, signoff, SPKI_PREFIX } from './testing'

describe('independent verification', () => {
  it('our PAE matches the DSSE spec vector and sigstore-js', () => {
    const body = new TextEncoder().encode('hello world')
    expect(new TextDecoder().decode(preAuthEncoding('http://example.com/HelloWorld', body))).toBe('DSSEv1 29 http://example.com/HelloWorld 11 hello world')
    expect(Buffer.from(preAuthEncoding('application/vnd.in-toto+json', body))).toEqual(dsse.preAuthEncoding('application/vnd.in-toto+json', Buffer.from(body)))
  })

  it('node:crypto (OpenSSL) + @sigstore/core PAE verify our envelopes, and reject a tampered one', () => {
    for (let i = 1; i <= 5; i++) {
      const so = signoff(signer(`s${i}`, i * 11), i % 2 ? 'engineer' : 'owner', { at: `2026-11-2${i}T10:00:00Z` })
      expect(independentlyVerify(so.text)).toBe(true)
      const env = JSON.parse(so.text)
      env.payload = Buffer.from(Buffer.from(env.payload, 'base64').toString().replace('approve', 'reject')).toString('base64')
      expect(independentlyVerify(JSON.stringify(env))).toBe(false)
    }
  })

  it('the openssl CLI verifies an envelope over a PAE built by hand from the spec string', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vouch-openssl-'))
    try {
      const so = signoff(signer('cli', 99), 'owner')
      const env = JSON.parse(so.text)
      const payload = Buffer.from(env.payload, 'base64')
      const type = env.payloadType as string
      const pae = Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload])
      const pk = Buffer.from(JSON.parse(payload.toString()).predicate.signer.publicKey, 'base64')
      const pem = `-----BEGIN PUBLIC KEY-----\n${Buffer.concat([SPKI_PREFIX, pk]).toString('base64')}\n-----END PUBLIC KEY-----\n`
      await writeFile(join(dir, 'pub.pem'), pem)
      await writeFile(join(dir, 'pae.bin'), pae)
      await writeFile(join(dir, 'sig.bin'), Buffer.from(env.signatures[0].sig, 'base64'))
      const out = execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'pae.bin', '-sigfile', 'sig.bin'], { cwd: dir, encoding: 'utf8' })
      expect(out).toMatch(/Signature Verified Successfully/)
      await writeFile(join(dir, 'pae.bin'), payload) // raw payload, not PAE: must fail
      expect(() => execFileSync('openssl', ['pkeyutl', '-verify', '-pubin', '-inkey', 'pub.pem', '-rawin', '-in', 'pae.bin', '-sigfile', 'sig.bin'], { cwd: dir, stdio: 'pipe' })).toThrow()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
