/**
 * Answering a registry's 401: Basic with the user's credentials, or the bearer-token flow of the
 * distribution token spec (GET <realm>?service=&scope= with Basic credentials or anonymously; an
 * identity token is exchanged with POST grant_type=refresh_token). Tokens are kept per scope for
 * the life of one command and never printed.
 */
import { clean, RegistryError } from './errors'
import type { Challenge } from './challenge'
import type { Credentials } from './credentials'
import { LIMITS } from './media-types'
import { readBody, type Transport } from './transport-node'

export type Scope = 'pull' | 'pull,push'


function basic(c: Credentials & { kind: 'basic' }): string {
  return `Basic ${Buffer.from(`${c.username}:${c.password}`, 'utf8').toString('base64')}`
}

export interface AuthContext {
  readonly transport: Transport
  readonly repository: string
  readonly registryHost: string
  readonly credentials?: Credentials
  readonly credentialsNote?: string
}

/** How to get credentials, for a 401 message (never the values). */
export function credentialHint(ctx: AuthContext): string {
  if (ctx.credentials) return `credentials from ${ctx.credentials.source} were refused`
  return ctx.credentialsNote ?? `no credentials for ${ctx.registryHost}: set VOUCH_REGISTRY_USERNAME and VOUCH_REGISTRY_PASSWORD, or log in with docker login (DOCKER_CONFIG is honoured)`
}

/** Returns the Authorization header value answering `ch` for `scope`. */
export async function answerChallenge(ctx: AuthContext, ch: Challenge, scope: Scope): Promise<string> {
  if (ch.scheme === 'basic') {
    if (!ctx.credentials) throw new RegistryError('unauthorized', `${ctx.registryHost} requires a login (Basic); ${credentialHint(ctx)}`, 401)
    if (ctx.credentials.kind !== 'basic') throw new RegistryError('bad-challenge', `${ctx.registryHost} asks for Basic authentication but the configured credential is an identity token`)
    return basic(ctx.credentials)
  }
  if (ch.scheme !== 'bearer') throw new RegistryError('bad-challenge', `${ctx.registryHost} asks for "${clean(ch.scheme, 40)}" authentication, which Vouch does not support (Basic and Bearer only)`)
  const realm = ch.params.realm
  if (!realm) throw new RegistryError('bad-challenge', `${ctx.registryHost} sent a Bearer challenge without a realm`)
  let url: URL
  try {
    url = new URL(realm)
  } catch {
    throw new RegistryError('bad-challenge', `${ctx.registryHost} sent a Bearer realm that is not a URL`)
  }
  ctx.transport.checkUrl(url, 'token service')
  const scopeParam = `repository:${ctx.repository}:${scope}`
  const c = ctx.credentials
  let res
  if (c?.kind === 'identity-token') {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: c.token, client_id: 'vouch', scope: scopeParam, ...(ch.params.service ? { service: ch.params.service } : {}) })
    res = await ctx.transport.send({ method: 'POST', url, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: Buffer.from(form.toString(), 'utf8') })
  } else {
    if (ch.params.service) url.searchParams.set('service', ch.params.service)
    url.searchParams.set('scope', scopeParam)
    res = await ctx.transport.send({ method: 'GET', url, headers: c?.kind === 'basic' ? { authorization: basic(c) } : {} })
  }
  const body = await readBody(res, LIMITS.smallBodyBytes, 'the token answer')
  if (res.status === 401 || res.status === 403) throw new RegistryError('unauthorized', `the token service ${url.host} refused (${res.status}); ${credentialHint(ctx)}`, res.status)
  if (res.status === 429) throw new RegistryError('rate-limited', `the token service ${url.host} answered 429 (too many requests)`, 429)
  if (res.status >= 500) throw new RegistryError('server-error', `the token service ${url.host} answered ${res.status}`, res.status)
  if (res.status !== 200) throw new RegistryError('unexpected-status', `the token service ${url.host} answered ${res.status}`, res.status)
  let token: unknown
  try {
    const doc = JSON.parse(body.toString('utf8')) as Record<string, unknown>
    token = doc.token ?? doc.access_token
  } catch {
    throw new RegistryError('bad-challenge', `the token service ${url.host} did not answer JSON`)
  }
  if (typeof token !== 'string' || token === '' || !/^[\x21-\x7e]+$/.test(token)) throw new RegistryError('bad-challenge', `the token service ${url.host} gave no usable token`)
  return `Bearer ${token}`
}
