/**
 * Where registry credentials come from, in order: the environment (VOUCH_REGISTRY_USERNAME and
 * VOUCH_REGISTRY_PASSWORD, for CI secrets), then the Docker config file's `auths` entry for the
 * registry host. Pure: the caller reads the file. Values never appear in messages; `source` says
 * where they came from ("environment", "<path> auths[host]").
 */
import { JsonParseError, parseStrictJson, toPlain } from '../format/json-strict'
import { Base64Error, decodeBase64 } from '../signoff/base64'

export type Credentials =
  | { readonly kind: 'basic'; readonly username: string; readonly password: string; readonly source: string }
  /** Docker's `identitytoken`: an OAuth2 refresh token for the registry's token service. */
  | { readonly kind: 'identity-token'; readonly token: string; readonly source: string }

export class CredentialsError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'CredentialsError'
  }
}

export interface CredentialLookup {
  readonly credentials?: Credentials
  /** Why nothing usable was found although something was configured (for the 401 message). */
  readonly note?: string
}

export const ENV_USERNAME = 'VOUCH_REGISTRY_USERNAME'
export const ENV_PASSWORD = 'VOUCH_REGISTRY_PASSWORD'

/** "https://Host:5000/v1/" -> "host:5000" (how Docker writes `auths` keys). */
export function normalizeRegistryKey(key: string): string {
  return key.replace(/^[a-z]+:\/\//i, '').replace(/\/.*$/, '').toLowerCase()
}

export function lookupCredentials(registry: string, env: Readonly<Record<string, string | undefined>>, dockerConfig?: { readonly path: string; readonly text: string }): CredentialLookup {
  const user = env[ENV_USERNAME]
  const pass = env[ENV_PASSWORD]
  if ((user !== undefined && user !== '') !== (pass !== undefined && pass !== '')) {
    throw new CredentialsError(`${user ? ENV_USERNAME : ENV_PASSWORD} is set but ${user ? ENV_PASSWORD : ENV_USERNAME} is not: set both, or neither`)
  }
  if (user && pass) return { credentials: { kind: 'basic', username: user, password: pass, source: 'environment' } }
  if (!dockerConfig) return {}

  let doc: unknown
  try {
    doc = toPlain(parseStrictJson(dockerConfig.text))
  } catch (e) {
    throw new CredentialsError(`${dockerConfig.path} is not valid JSON${e instanceof JsonParseError ? ` (${e.message})` : ''}`)
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new CredentialsError(`${dockerConfig.path} is not a JSON object`)
  const cfg = doc as Record<string, unknown>
  const host = registry.toLowerCase()
  const auths = typeof cfg.auths === 'object' && cfg.auths !== null ? (cfg.auths as Record<string, unknown>) : {}
  const key = Object.keys(auths).find((k) => normalizeRegistryKey(k) === host)
  const source = `${dockerConfig.path} auths["${key ?? host}"]`
  if (key !== undefined) {
    const entry = auths[key]
    if (typeof entry !== 'object' || entry === null) throw new CredentialsError(`${source} is not an object`)
    const e = entry as Record<string, unknown>
    if (typeof e.identitytoken === 'string' && e.identitytoken !== '') return { credentials: { kind: 'identity-token', token: e.identitytoken, source } }
    if (typeof e.auth === 'string' && e.auth !== '') {
      let text: string
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(decodeBase64(e.auth))
      } catch (err) {
        throw new CredentialsError(`${source}.auth is not base64 of "user:password"${err instanceof Base64Error ? '' : ' (not UTF-8)'}`)
      }
      const i = text.indexOf(':')
      if (i <= 0) throw new CredentialsError(`${source}.auth does not decode to "user:password"`)
      return { credentials: { kind: 'basic', username: text.slice(0, i), password: text.slice(i + 1), source } }
    }
    if (typeof e.username === 'string' && typeof e.password === 'string' && e.username !== '') {
      return { credentials: { kind: 'basic', username: e.username, password: e.password, source } }
    }
  }
  const helpers = typeof cfg.credHelpers === 'object' && cfg.credHelpers !== null ? (cfg.credHelpers as Record<string, unknown>) : {}
  const helperKey = Object.keys(helpers).find((k) => normalizeRegistryKey(k) === host)
  const helper = helperKey !== undefined ? helpers[helperKey] : cfg.credsStore
  if (typeof helper === 'string' && helper !== '') {
    return { note: `${dockerConfig.path} keeps credentials in docker-credential-${helper}, which Vouch does not run; set ${ENV_USERNAME} and ${ENV_PASSWORD}` }
  }
  return {}
}
