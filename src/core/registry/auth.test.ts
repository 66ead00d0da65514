import { describe, expect, it } from 'vitest'
import { parseChallenges, pickChallenge } from './challenge'
import { CredentialsError, lookupCredentials, normalizeRegistryKey } from './credentials'

describe('WWW-Authenticate', () => {
  it('parses Bearer and Basic challenges with quoted values, escapes and several challenges in one header', () => {
    const c = parseChallenges('Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a/b:pull,push", Basic realm="x \\"y\\""')
    expect(c).toEqual([
      { scheme: 'bearer', params: { realm: 'https://auth.example/token', service: 'registry.example', scope: 'repository:a/b:pull,push' } },
      { scheme: 'basic', params: { realm: 'x "y"' } }
    ])
    expect(pickChallenge(c)?.scheme).toBe('bearer')
    expect(parseChallenges('Basic realm=plain')).toEqual([{ scheme: 'basic', params: { realm: 'plain' } }])
    expect(pickChallenge(parseChallenges('Negotiate'))).toBeUndefined()
    expect(parseChallenges('')).toEqual([])
  })
})

describe('lookupCredentials', () => {
  const cfg = (auths: unknown, extra: Record<string, unknown> = {}): { path: string; text: string } => ({ path: '/home/u/.docker/config.json', text: JSON.stringify({ auths, ...extra }) })
  const b64 = (s: string): string => Buffer.from(s).toString('base64')

  it('takes the environment first, then the Docker config entry for the host (any key spelling)', () => {
    expect(lookupCredentials('reg.example', { VOUCH_REGISTRY_USERNAME: 'ci', VOUCH_REGISTRY_PASSWORD: 'p' }, cfg({ 'reg.example': { auth: b64('u:x') } })).credentials).toMatchObject({ kind: 'basic', username: 'ci', password: 'p', source: 'environment' })
    const got = lookupCredentials('reg.example:5000', {}, cfg({ 'https://Reg.Example:5000/v1/': { auth: b64('ana:pa:ss') } })).credentials
    expect(got).toMatchObject({ kind: 'basic', username: 'ana', password: 'pa:ss' })
    expect(got?.source).toContain('auths["https://Reg.Example:5000/v1/"]')
    expect(lookupCredentials('reg.example', {}, cfg({ 'reg.example': { identitytoken: 'tok' } })).credentials).toMatchObject({ kind: 'identity-token', token: 'tok' })
    expect(lookupCredentials('other.example', {}, cfg({ 'reg.example': { auth: b64('u:x') } })).credentials).toBeUndefined()
    expect(normalizeRegistryKey('http://localhost:5000')).toBe('localhost:5000')
  })

  it('says so when a credential helper holds them, and refuses half-set environment and broken files', () => {
    expect(lookupCredentials('reg.example', {}, cfg({}, { credsStore: 'desktop' })).note).toMatch(/docker-credential-desktop/)
    expect(lookupCredentials('reg.example', {}, cfg({}, { credHelpers: { 'reg.example': 'ecr-login' } })).note).toMatch(/docker-credential-ecr-login/)
    expect(() => lookupCredentials('r.example', { VOUCH_REGISTRY_USERNAME: 'x' })).toThrow(CredentialsError)
    expect(() => lookupCredentials('r.example', {}, { path: 'c.json', text: '{"auths":' })).toThrow(/not valid JSON/)
    expect(() => lookupCredentials('r.example', {}, cfg({ 'r.example': { auth: b64('nocolon') } }))).toThrow(/user:password/)
  })

  it('never puts a secret in a message', () => {
    const secret = 'S3cr3t-value'
    for (const c of [cfg({ 'r.example': { auth: b64(`u:${secret}`) } }), cfg({ 'r.example': { identitytoken: secret } })]) {
      const found = lookupCredentials('r.example', {}, c)
      expect(found.credentials?.source).not.toContain(secret)
    }
    try {
      lookupCredentials('r.example', { VOUCH_REGISTRY_PASSWORD: secret })
    } catch (e) {
      expect((e as Error).message).not.toContain(secret)
    }
  })
})
