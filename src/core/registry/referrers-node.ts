/**
 * Referrers, as distribution-spec 1.1 says: GET /v2/<name>/referrers/<digest> where the registry has
 * the API; where it answers 404, the index tagged `<alg>-<hex>` (the referrers tag schema), which the
 * pushing client keeps up to date. Updating that tag is read-merge-write; Vouch re-reads after
 * writing and retries when a concurrent writer dropped its entries (the spec leaves races to clients).
 */
import type { RegistryClient } from './client-node'
import { clean, RegistryError } from './errors'
import { buildReferrersIndex, mergeReferrers, parseManifestDoc, type Descriptor } from './manifest'
import { LIMITS, MT } from './media-types'
import { referrersTag } from './reference'
import { readBody } from './transport-node'

export interface ReferrersList {
  /** Descriptors whose artifactType is the one asked for. */
  readonly descriptors: readonly Descriptor[]
  readonly via: 'referrers-api' | 'tag-schema' | 'none'
  /** Set when the fallback tag exists but is not an index (treated as no referrers, as the spec says). */
  readonly warning?: string
}

export async function listReferrers(client: RegistryClient, digest: string, artifactType: string): Promise<ReferrersList> {
  const what = `the referrers of ${digest}`
  let url: URL | undefined = new URL(`/v2/${client.repository}/referrers/${digest}?artifactType=${encodeURIComponent(artifactType)}`, client.base)
  const all: Descriptor[] = []
  for (let page = 0; url; page++) {
    if (page >= LIMITS.referrerPages) throw new RegistryError('too-large', `${what} span more than ${LIMITS.referrerPages} pages`)
    const res = await client.request({ method: 'GET', url, headers: { accept: MT.ociIndex }, scope: 'pull', expect: [200, 404], what })
    if (res.status === 404) {
      res.body.resume()
      if (page === 0) return fromTagSchema(client, digest, artifactType)
      throw new RegistryError('unexpected-status', `${what}: a later page answered 404`)
    }
    const body = await readBody(res, LIMITS.manifestBytes, what)
    const doc = parseManifestDoc(body, String(res.headers['content-type'] ?? MT.ociIndex), what)
    if (doc.kind !== 'index') throw new RegistryError('bad-manifest', `${what}: the referrers API did not answer an image index`)
    all.push(...doc.manifests)
    if (all.length > LIMITS.referrers) throw new RegistryError('too-large', `${what}: more than ${LIMITS.referrers} referrers`)
    url = nextLink(res.headers.link, url, client.base)
  }
  return { descriptors: all.filter((d) => d.artifactType === artifactType), via: 'referrers-api' }
}

async function fromTagSchema(client: RegistryClient, digest: string, artifactType: string): Promise<ReferrersList> {
  const tag = referrersTag(digest)
  let m
  try {
    m = await client.findManifest(tag, `the referrers index (tag ${tag})`)
  } catch (e) {
    // The spec: a tag schema that does not hold a valid image index means "no referrers".
    if (e instanceof RegistryError && e.code === 'bad-manifest') return { descriptors: [], via: 'none', warning: `tag ${tag} is not a valid image index (${e.message}); treated as no referrers` }
    throw e
  }
  if (!m) return { descriptors: [], via: 'none' }
  if (m.doc.kind !== 'index') return { descriptors: [], via: 'none', warning: `tag ${tag} holds an image manifest, not a referrers index; treated as no referrers` }
  if (m.doc.manifests.length > LIMITS.referrers) throw new RegistryError('too-large', `tag ${tag}: more than ${LIMITS.referrers} referrers`)
  return { descriptors: m.doc.manifests.filter((d) => d.artifactType === artifactType), via: 'tag-schema' }
}

/** RFC 8288 Link: <url>; rel="next" — followed only on the registry's own origin. */
function nextLink(header: string | string[] | undefined, current: URL, base: URL): URL | undefined {
  const h = Array.isArray(header) ? header.join(', ') : header
  if (!h) return undefined
  const m = /<([^>]+)>\s*;[^,]*rel="?next"?/i.exec(h)
  if (!m) return undefined
  let next: URL
  try {
    next = new URL(m[1] as string, current)
  } catch {
    return undefined
  }
  if (next.origin !== base.origin) throw new RegistryError('bad-redirect', `the referrers list points its next page at another host (${clean(next.host, 80)}); refused`)
  return next
}

/**
 * Adds `descriptors` (referrers of `subjectDigest`) to the referrers tag. Called only when the
 * registry did not answer OCI-Subject to the manifest push (no referrers API).
 */
export async function addToReferrersTag(client: RegistryClient, subjectDigest: string, descriptors: readonly Descriptor[], attempts = 4): Promise<void> {
  const tag = referrersTag(subjectDigest)
  const what = `the referrers index (tag ${tag})`
  for (let i = 0; i < attempts; i++) {
    const current = await client.findManifest(tag, what)
    if (current && current.doc.kind !== 'index') throw new RegistryError('bad-manifest', `tag ${tag} exists but is not an image index; refusing to overwrite it`)
    const existing = current?.doc.kind === 'index' ? current.doc.manifests : []
    const { merged, changed } = mergeReferrers(existing, descriptors)
    if (!changed) return
    const put = await client.putManifest(tag, buildReferrersIndex(merged), MT.ociIndex, { ...(current?.etag ? { ifMatch: current.etag } : {}), what })
    if (put.status === 412) continue
    const after = await client.findManifest(tag, what)
    const listed = new Set(after?.doc.kind === 'index' ? after.doc.manifests.map((d) => d.digest) : [])
    if (descriptors.every((d) => listed.has(d.digest))) return
  }
  throw new RegistryError('referrers-conflict', `${what} kept changing while Vouch updated it (another client writing at the same time); the manifests were pushed but may not be listed: push again`)
}
