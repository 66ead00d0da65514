/**
 * OCI image manifests and indexes: strict parsing of what a registry returns (duplicate keys,
 * wrong types and bad digests are refused; unknown fields are ignored, as the image spec requires)
 * and deterministic building of what Vouch pushes (fixed key order, no whitespace), so the same
 * pack always gives the same manifest digest. Pure: no I/O.
 */
import { JsonParseError, parseStrictJsonBytes, toPlain } from '../format/json-strict'
import { RegistryError } from './errors'
import { ANN, EMPTY_DIGEST, LIMITS, MT } from './media-types'
import { isDigest } from './reference'

export interface Descriptor {
  readonly mediaType: string
  readonly digest: string
  readonly size: number
  readonly artifactType?: string
  readonly annotations?: Readonly<Record<string, string>>
}

export interface ImageManifest {
  readonly kind: 'manifest'
  readonly mediaType: string
  readonly artifactType?: string
  readonly config: Descriptor
  readonly layers: readonly Descriptor[]
  readonly subject?: Descriptor
  readonly annotations: Readonly<Record<string, string>>
}

export interface ImageIndex {
  readonly kind: 'index'
  readonly mediaType: string
  readonly artifactType?: string
  readonly manifests: readonly Descriptor[]
  readonly subject?: Descriptor
  readonly annotations: Readonly<Record<string, string>>
}

export type ManifestDoc = ImageManifest | ImageIndex

const MEDIA_TYPE_RE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/

function bad(what: string, why: string): RegistryError {
  return new RegistryError('bad-manifest', `${what}: ${why}`)
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(what, 'not a JSON object')
  return v as Record<string, unknown>
}

function annotationsOf(v: unknown, what: string): Record<string, string> {
  if (v === undefined) return {}
  const o = obj(v, `${what}.annotations`)
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(o)) {
    if (typeof val !== 'string') throw bad(`${what}.annotations`, `"${k}" is not a string`)
    out[k] = val
  }
  return out
}

export function parseDescriptor(v: unknown, what: string): Descriptor {
  const o = obj(v, what)
  const { mediaType, digest, size, artifactType } = o
  if (typeof mediaType !== 'string' || !MEDIA_TYPE_RE.test(mediaType)) throw bad(what, 'mediaType missing or not a media type')
  if (typeof digest !== 'string' || !isDigest(digest)) throw bad(what, `digest ${typeof digest === 'string' ? `"${digest.slice(0, 80)}"` : ''} is not sha256:<64 hex>`)
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw bad(what, 'size is not a non-negative integer')
  if (artifactType !== undefined && (typeof artifactType !== 'string' || !MEDIA_TYPE_RE.test(artifactType))) throw bad(what, 'artifactType is not a media type')
  const annotations = annotationsOf(o.annotations, what)
  return { mediaType, digest, size, ...(artifactType !== undefined ? { artifactType } : {}), ...(Object.keys(annotations).length ? { annotations } : {}) }
}

/**
 * Parses a manifest or index. `contentType` is the response's Content-Type (parameters ignored); when
 * the document has a mediaType too, the two must agree (distribution spec: clients SHOULD reject otherwise).
 */
export function parseManifestDoc(bytes: Uint8Array, contentType: string | undefined, what = 'manifest'): ManifestDoc {
  if (bytes.length > LIMITS.manifestBytes) throw new RegistryError('too-large', `${what} is ${bytes.length} bytes, over the ${LIMITS.manifestBytes}-byte limit`)
  let doc: Record<string, unknown>
  try {
    doc = obj(toPlain(parseStrictJsonBytes(bytes)), what)
  } catch (e) {
    if (e instanceof JsonParseError) throw bad(what, `not strict JSON (${e.message})`)
    throw e
  }
  const header = contentType?.split(';')[0]?.trim().toLowerCase()
  const declared = doc.mediaType
  if (declared !== undefined && typeof declared !== 'string') throw bad(what, 'mediaType is not a string')
  if (declared !== undefined && header && header !== 'application/json' && header !== 'application/octet-stream' && header !== declared) {
    throw bad(what, `its mediaType ${declared} disagrees with the Content-Type ${header}`)
  }
  const mediaType = declared ?? header ?? ''
  if (doc.schemaVersion !== 2) throw bad(what, 'schemaVersion is not 2')
  const artifactType = doc.artifactType
  if (artifactType !== undefined && (typeof artifactType !== 'string' || !MEDIA_TYPE_RE.test(artifactType))) throw bad(what, 'artifactType is not a media type')
  const subject = doc.subject === undefined ? undefined : parseDescriptor(doc.subject, `${what}.subject`)
  const annotations = annotationsOf(doc.annotations, what)
  const common = { mediaType, ...(artifactType !== undefined ? { artifactType } : {}), ...(subject ? { subject } : {}), annotations }
  if (mediaType === MT.ociIndex || mediaType === MT.dockerList || (mediaType === '' && Array.isArray(doc.manifests))) {
    if (!Array.isArray(doc.manifests)) throw bad(what, 'manifests is not an array')
    return { kind: 'index', ...common, manifests: doc.manifests.map((m, i) => parseDescriptor(m, `${what}.manifests[${i}]`)) }
  }
  if (mediaType === MT.ociManifest || mediaType === MT.dockerManifest || mediaType === '') {
    if (!Array.isArray(doc.layers)) throw bad(what, 'layers is not an array')
    return { kind: 'manifest', ...common, config: parseDescriptor(doc.config, `${what}.config`), layers: doc.layers.map((l, i) => parseDescriptor(l, `${what}.layers[${i}]`)) }
  }
  throw bad(what, `unsupported media type ${mediaType.slice(0, 100)}`)
}

/** The artifactType a referrers list gives a manifest: artifactType, else the config's media type. */
export function effectiveArtifactType(m: ManifestDoc): string | undefined {
  return m.artifactType ?? (m.kind === 'manifest' ? m.config.mediaType : undefined)
}

// ---- building ----

const enc = new TextEncoder()

/** Key order as written here; undefined members left out; no whitespace. */
export function serialize(doc: unknown): Uint8Array {
  return enc.encode(JSON.stringify(doc))
}

function desc(d: Descriptor): Record<string, unknown> {
  return {
    mediaType: d.mediaType,
    digest: d.digest,
    size: d.size,
    ...(d.artifactType !== undefined ? { artifactType: d.artifactType } : {}),
    ...(d.annotations && Object.keys(d.annotations).length ? { annotations: sortedRecord(d.annotations) } : {})
  }
}

function sortedRecord(r: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const k of Object.keys(r).sort()) out[k] = r[k] as string
  return out
}

export const EMPTY_CONFIG: Descriptor = { mediaType: MT.empty, digest: EMPTY_DIGEST, size: 2 }

export function buildArtifactManifest(input: { artifactType: string; layers: readonly Descriptor[]; subject?: Descriptor; annotations: Readonly<Record<string, string>> }): Uint8Array {
  return serialize({
    schemaVersion: 2,
    mediaType: MT.ociManifest,
    artifactType: input.artifactType,
    config: desc(EMPTY_CONFIG),
    layers: input.layers.map(desc),
    ...(input.subject ? { subject: { mediaType: input.subject.mediaType, digest: input.subject.digest, size: input.subject.size } } : {}),
    annotations: sortedRecord(input.annotations)
  })
}

export interface PackFacts {
  readonly name: string
  readonly version: string
  /** 64 hex: SHA-256 of tagmanifest-sha256.txt. */
  readonly digest: string
  readonly profile?: string
  readonly previousVersion?: string
  readonly commit?: string
  readonly repository?: string
  /** traceability.json finished (RFC 3339): when the evidence was produced. Never the wall clock. */
  readonly finished?: string
  readonly description?: string
}

/** Annotations of a pack manifest: only facts from the pack, so pushing twice gives the same digest. */
export function packAnnotations(p: PackFacts): Record<string, string> {
  const a: Record<string, string> = {
    [ANN.title]: p.name,
    [ANN.version]: p.version,
    [ANN.packName]: p.name,
    [ANN.packVersion]: p.version,
    [ANN.packDigest]: `sha256:${p.digest}`
  }
  if (p.profile) a[ANN.packProfile] = p.profile
  if (p.previousVersion) a[ANN.packPrevious] = p.previousVersion
  if (p.commit) a[ANN.revision] = p.commit
  if (p.repository) a[ANN.source] = p.repository
  if (p.finished) a[ANN.created] = p.finished
  if (p.description) a[ANN.description] = p.description.length > 1000 ? `${p.description.slice(0, 997)}...` : p.description
  return a
}

export interface SignoffFacts {
  readonly role: string
  readonly decision: string
  readonly signer: string
  readonly fingerprint: string
  readonly signedAt: string
  /** The pack digest the envelope's statement names (64 hex). */
  readonly packDigest: string
}

export function signoffAnnotations(s: SignoffFacts): Record<string, string> {
  return {
    [ANN.created]: s.signedAt,
    [ANN.packDigest]: `sha256:${s.packDigest}`,
    [ANN.signoffRole]: s.role,
    [ANN.signoffDecision]: s.decision,
    [ANN.signoffSigner]: s.signer,
    [ANN.signoffKey]: s.fingerprint,
    [ANN.signoffSignedAt]: s.signedAt
  }
}

/** A referrers index (the fallback tag's content): the given descriptors, in the given order. */
export function buildReferrersIndex(manifests: readonly Descriptor[]): Uint8Array {
  return serialize({ schemaVersion: 2, mediaType: MT.ociIndex, manifests: manifests.map(desc) })
}

/** Descriptors of `existing` plus those of `added` not already listed (by digest), existing order kept. */
export function mergeReferrers(existing: readonly Descriptor[], added: readonly Descriptor[]): { readonly merged: readonly Descriptor[]; readonly changed: boolean } {
  const have = new Set(existing.map((d) => d.digest))
  const extra = added.filter((d) => !have.has(d.digest) && (have.add(d.digest), true))
  return { merged: [...existing, ...extra], changed: extra.length > 0 }
}
