/**
 * Sign-offs as referrers of a pack manifest: one OCI artifact per DSSE envelope, the envelope byte
 * for byte as its only layer. Pushing is idempotent (same envelope, same manifest digest) and never
 * touches the pack manifest; reading checks every envelope with the same code as signoffs/ in a pack.
 */
import type { RegistryClient } from './client-node'
import { asSignoffArtifact } from './artifacts'
import { RegistryError } from './errors'
import { buildArtifactManifest, signoffAnnotations, type Descriptor } from './manifest'
import { EMPTY_BLOB, EMPTY_DIGEST, LIMITS, MT } from './media-types'
import { addToReferrersTag, listReferrers } from './referrers-node'
import { sha256Digest } from './client-node'
import { checkEnvelope, type EnvelopeCheck } from '../signoff/envelope'

export type RegistrySignoffStatus = 'valid' | 'other-pack' | 'invalid' | 'not-a-signoff'

export interface RegistrySignoff {
  readonly manifestDigest: string
  readonly status: RegistrySignoffStatus
  /** Why it is not valid for this pack. */
  readonly problem?: string
  /** sha256 of the envelope bytes (as a signoffs/ file has them). */
  readonly envelopeDigest?: string
  readonly text?: string
  readonly check?: EnvelopeCheck
}

export interface RegistrySignoffs {
  readonly via: 'referrers-api' | 'tag-schema' | 'none'
  readonly warning?: string
  readonly signoffs: readonly RegistrySignoff[]
}

const dec = new TextDecoder('utf-8', { fatal: true })

/** Every sign-off referrer of the pack manifest, each checked against `packDigest` (64 hex, from the verified layer). */
export async function fetchRegistrySignoffs(client: RegistryClient, packManifestDigest: string, packDigest: string | undefined): Promise<RegistrySignoffs> {
  const list = await listReferrers(client, packManifestDigest, MT.signoffArtifact)
  const out: RegistrySignoff[] = []
  const seen = new Set<string>()
  for (const d of list.descriptors) {
    if (seen.has(d.digest)) continue
    seen.add(d.digest)
    const m = await client.findManifest(d.digest, `sign-off manifest ${d.digest}`)
    if (!m) {
      out.push({ manifestDigest: d.digest, status: 'not-a-signoff', problem: 'listed as a referrer but the manifest is not in the repository' })
      continue
    }
    const a = asSignoffArtifact(m.doc, m.digest, packManifestDigest)
    if ('problem' in a) {
      out.push({ manifestDigest: d.digest, status: 'not-a-signoff', problem: a.problem })
      continue
    }
    let bytes: Buffer
    try {
      bytes = await client.fetchBlobBytes(a.envelope, LIMITS.envelopeBytes, `the envelope of sign-off ${d.digest}`)
    } catch (e) {
      if (e instanceof RegistryError && e.code === 'not-found') {
        out.push({ manifestDigest: d.digest, status: 'not-a-signoff', problem: 'its envelope blob is not in the repository' })
        continue
      }
      throw e
    }
    let text: string
    try {
      text = dec.decode(bytes)
    } catch {
      out.push({ manifestDigest: d.digest, status: 'invalid', problem: 'the envelope is not UTF-8 [signoff-not-json]', envelopeDigest: a.envelope.digest })
      continue
    }
    const check = checkEnvelope(text)
    const base = { manifestDigest: d.digest, envelopeDigest: a.envelope.digest, text, check }
    if (!check.ok) out.push({ ...base, status: 'invalid', problem: `${check.message} [${check.code}]` })
    else if (packDigest !== undefined && check.statement.subject[0].digest.sha256 !== packDigest) {
      out.push({ ...base, status: 'other-pack', problem: `signed for ${check.statement.subject[0].name} (sha256 ${check.statement.subject[0].digest.sha256.slice(0, 12)}…), not this pack` })
    } else out.push({ ...base, status: 'valid' })
  }
  return { via: list.via, ...(list.warning ? { warning: list.warning } : {}), signoffs: out }
}

export interface EnvelopeFile {
  /** Pack path, e.g. "signoffs/2026-...json" (for messages). */
  readonly path: string
  readonly text: string
}

export interface PushedSignoff {
  readonly path: string
  readonly manifestDigest: string
  readonly envelopeDigest: string
  readonly role: string
  readonly decision: string
  readonly signer: string
  readonly signedAt: string
  /** False when the registry already listed this exact envelope. */
  readonly added: boolean
}

export interface SkippedSignoff {
  readonly path: string
  readonly reason: string
}

const enc = new TextEncoder()

/** Pushes each valid envelope about `packDigest` as a referrer of the pack manifest `pack`. */
export async function pushSignoffs(
  client: RegistryClient,
  pack: Descriptor,
  packDigest: string,
  files: readonly EnvelopeFile[]
): Promise<{ readonly pushed: readonly PushedSignoff[]; readonly skipped: readonly SkippedSignoff[]; readonly via?: 'referrers-api' | 'tag-schema' }> {
  const pushed: PushedSignoff[] = []
  const skipped: SkippedSignoff[] = []
  const todo: { f: EnvelopeFile; bytes: Uint8Array; manifest: Uint8Array; desc: Descriptor; facts: Omit<PushedSignoff, 'added' | 'manifestDigest' | 'path'> }[] = []
  for (const f of files) {
    const c = checkEnvelope(f.text)
    if (!c.ok) {
      skipped.push({ path: f.path, reason: `${c.message} [${c.code}]` })
      continue
    }
    if (c.statement.subject[0].digest.sha256 !== packDigest) {
      skipped.push({ path: f.path, reason: `signed for another pack (${c.statement.subject[0].name}) [signoff-other-pack]` })
      continue
    }
    const bytes = enc.encode(f.text)
    const envelopeDigest = sha256Digest(bytes)
    const p = c.statement.predicate
    const annotations = signoffAnnotations({ role: p.role, decision: p.decision, signer: p.signer.name, fingerprint: c.fingerprint, signedAt: p.signedAt, packDigest })
    const manifest = buildArtifactManifest({ artifactType: MT.signoffArtifact, layers: [{ mediaType: MT.dsseEnvelope, digest: envelopeDigest, size: bytes.length }], subject: pack, annotations })
    const desc: Descriptor = { mediaType: MT.ociManifest, digest: sha256Digest(manifest), size: manifest.length, artifactType: MT.signoffArtifact, annotations }
    todo.push({ f, bytes, manifest, desc, facts: { envelopeDigest, role: p.role, decision: p.decision, signer: p.signer.name, signedAt: p.signedAt } })
  }
  if (todo.length === 0) return { pushed, skipped }
  const listed = new Set((await listReferrers(client, pack.digest, MT.signoffArtifact)).descriptors.map((d) => d.digest))
  let needTag = false
  let apiSeen = false
  const forTag: Descriptor[] = []
  const dedup = new Set<string>()
  for (const t of todo) {
    if (dedup.has(t.desc.digest)) continue
    dedup.add(t.desc.digest)
    const added = !listed.has(t.desc.digest)
    if (added) {
      await client.pushBlob(EMPTY_DIGEST, EMPTY_BLOB.length, EMPTY_BLOB, 'the empty config')
      await client.pushBlob(t.facts.envelopeDigest, t.bytes.length, t.bytes, `the envelope ${t.f.path}`)
      const r = await client.putManifest(t.desc.digest, t.manifest, MT.ociManifest, { what: `the sign-off manifest for ${t.f.path}` })
      if (r.subject === pack.digest) apiSeen = true
      else {
        needTag = true
        forTag.push(t.desc)
      }
    }
    pushed.push({ path: t.f.path, manifestDigest: t.desc.digest, added, ...t.facts })
  }
  if (needTag) await addToReferrersTag(client, pack.digest, forTag)
  return { pushed, skipped, ...(apiSeen ? { via: 'referrers-api' as const } : needTag ? { via: 'tag-schema' as const } : {}) }
}
