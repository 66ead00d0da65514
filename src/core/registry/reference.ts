/**
 * OCI references, as the distribution spec names them: `<registry>/<repository>[:<tag>][@sha256:<hex>]`.
 * The registry host is always explicit (no implied Docker Hub): Vouch talks only to the registry
 * the user names. Only sha256 digests are accepted, the one algorithm every registry supports.
 */

export interface ImageRef {
  /** host[:port], e.g. "registry.example.com", "127.0.0.1:5000", "[::1]:5000". */
  readonly registry: string
  /** Repository path, e.g. "models/credit-default". */
  readonly repository: string
  readonly tag?: string
  /** "sha256:<64 hex>" */
  readonly digest?: string
}

export class RefSyntaxError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'RefSyntaxError'
  }
}

/** distribution-spec: `<name>` components. */
const REPO_RE = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*)*$/
/** distribution-spec: a tag. */
const TAG_RE = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/
const DIGEST_RE = /^sha256:[a-f0-9]{64}$/
const HOST_RE = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?$/

export function isDigest(s: string): boolean {
  return DIGEST_RE.test(s)
}

/** Throws RefSyntaxError unless `s` is a sha256 digest. */
export function checkDigest(s: string, what = 'digest'): string {
  if (DIGEST_RE.test(s)) return s
  if (/^[a-z0-9]+(?:[+._-][a-z0-9]+)*:/.test(s)) throw new RefSyntaxError(`${what} "${clip(s)}" is not a sha256 digest (only sha256:<64 lowercase hex> is supported)`)
  throw new RefSyntaxError(`${what} "${clip(s)}" is not a digest (sha256:<64 lowercase hex>)`)
}

export function parseReference(text: string): ImageRef {
  const s = text.trim()
  if (s === '') throw new RefSyntaxError('empty reference')
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f]/.test(s)) throw new RefSyntaxError(`reference "${clip(s)}" contains whitespace or control characters`)
  if (/^[a-z]+:\/\//i.test(s)) throw new RefSyntaxError(`reference "${clip(s)}": give host/repository[:tag][@digest], without a scheme (use --plain-http for a loopback registry without TLS)`)
  let rest = s
  let digest: string | undefined
  const at = rest.lastIndexOf('@')
  if (at >= 0) {
    digest = checkDigest(rest.slice(at + 1))
    rest = rest.slice(0, at)
  }
  const slash = rest.indexOf('/')
  if (slash < 0) throw new RefSyntaxError(`reference "${clip(s)}" names no registry: write <registry-host>/<repository>[:tag], e.g. registry.example.com/models/pack:1.0.0`)
  const registry = rest.slice(0, slash)
  let path = rest.slice(slash + 1)
  if (!HOST_RE.test(registry) || !(registry.includes('.') || registry.includes(':') || registry === 'localhost')) {
    throw new RefSyntaxError(`"${clip(registry)}" is not a registry host: the first part of a reference must be a host name with a dot or a port (or localhost); Vouch never assumes a default registry`)
  }
  const port = /:(\d+)$/.exec(registry)
  if (port && (Number(port[1]) < 1 || Number(port[1]) > 65535)) throw new RefSyntaxError(`registry port ${port[1]} is out of range`)
  let tag: string | undefined
  const colon = path.lastIndexOf(':')
  if (colon >= 0) {
    tag = path.slice(colon + 1)
    path = path.slice(0, colon)
    if (!TAG_RE.test(tag)) throw new RefSyntaxError(`tag "${clip(tag)}" is not a valid tag ([A-Za-z0-9_][A-Za-z0-9._-], at most 128 characters)`)
  }
  if (!REPO_RE.test(path)) throw new RefSyntaxError(`repository "${clip(path)}" is not a valid repository name (lowercase letters, digits, separators . _ __ -, components joined by /)`)
  if (registry.length + 1 + path.length > 255) throw new RefSyntaxError('registry and repository together are longer than 255 characters')
  return { registry: registry.toLowerCase(), repository: path, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) }
}

export function formatReference(r: ImageRef): string {
  return `${r.registry}/${r.repository}${r.tag !== undefined ? `:${r.tag}` : ''}${r.digest !== undefined ? `@${r.digest}` : ''}`
}

/** The tag or digest to ask the registry for (the digest wins when both are given). */
export function manifestReference(r: ImageRef): string {
  const ref = r.digest ?? r.tag
  if (ref === undefined) throw new RefSyntaxError(`reference ${formatReference(r)} has neither a tag nor a digest`)
  return ref
}

/** The referrers tag schema (distribution-spec "Referrers Tag Schema"): `<alg>-<encoded>`, truncated to 32 and 64 characters. */
export function referrersTag(digest: string): string {
  const i = digest.indexOf(':')
  const alg = digest.slice(0, i).slice(0, 32)
  const enc = digest.slice(i + 1).slice(0, 64)
  return `${alg}-${enc}`.replace(/[^a-zA-Z0-9._-]/g, '-')
}

/** Host name without port or brackets, lowercase. */
export function hostName(registry: string): string {
  const m = /^\[([^\]]+)\](?::\d+)?$/.exec(registry)
  if (m) return (m[1] as string).toLowerCase()
  return registry.replace(/:\d+$/, '').toLowerCase()
}

/** Loopback only: plain HTTP is allowed nowhere else. "localhost" counts (it resolves to loopback on every system Vouch supports). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase()
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true
  const v4 = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h)
  return v4 !== null && v4.slice(1).every((n) => Number(n) <= 255)
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}
