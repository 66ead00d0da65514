/**
 * RegistryError: every way a registry operation can fail, with a stable code (docs/registry.md)
 * and a one-line message for people that never contains a credential.
 */
import { safeText } from '../text/safe-text'

export const REGISTRY_ERROR_CODES = {
  unreachable: 'The registry (or its token service) could not be reached: connection refused, DNS failure, timeout.',
  tls: 'The TLS connection failed: the certificate is not trusted (use --ca-file) or does not match the host.',
  'plain-http-refused': 'Plain HTTP was asked for a host that is not loopback, or a redirect would leave TLS.',
  unauthorized: 'The registry answered 401 or 403: credentials are missing, wrong, or lack the needed permission.',
  'not-found': 'The registry answered 404 for a repository, manifest, tag or blob that should exist.',
  'rate-limited': 'The registry answered 429 (too many requests), also after retrying.',
  'server-error': 'The registry answered 5xx, also after retrying.',
  'unexpected-status': 'The registry answered with a status code the protocol does not allow here.',
  'connection-closed': 'The connection closed before the whole body was received.',
  'digest-mismatch': 'Bytes received do not match the digest (or size) they were asked for: refused.',
  'too-large': 'A manifest, index, envelope or layer is larger than the documented limit: refused.',
  'bad-manifest': 'A manifest or index is not valid JSON of the expected OCI shape, or not the expected Vouch artifact.',
  'bad-redirect': 'A redirect without a usable Location, or more redirects than allowed.',
  'bad-challenge': 'The registry asked for authentication in a form Vouch does not support.',
  'referrers-conflict': 'The referrers tag kept changing under concurrent writers; the sign-off was pushed but may not be listed.',
  'write-failed': 'A local temporary file could not be written (disk full, permissions).'
} as const

export type RegistryErrorCode = keyof typeof REGISTRY_ERROR_CODES

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
    /** HTTP status, when the registry answered. */
    readonly status?: number
  ) {
    super(message)
    this.name = 'RegistryError'
  }
}

/**
 * For messages: registry error bodies are untrusted. Control characters become spaces (one line),
 * then the one sanitiser (core/text/safe-text.ts) escapes what else could reorder or hide text
 * (bidi controls, zero-width characters); long text is clipped.
 */
export function clean(s: string, max = 200): string {
  // eslint-disable-next-line no-control-regex
  const t = safeText(s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').trim())
  return t.length > max ? `${t.slice(0, max - 3)}...` : t
}
