/**
 * `vouch push`: verify the pack, write its layer (the pack without signoffs/), verify the layer
 * itself (what is uploaded is exactly what verified), upload, push the pack manifest (optionally
 * a referrer of a model artifact), then push every sign-off as a referrer of the pack manifest.
 * Nothing is uploaded before both verifications pass (unless allowFailed). Temporary files live in
 * a private folder that is removed whatever happens.
 */
import { createReadStream } from 'node:fs'
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { assessReports } from '../assess'
import { verifyPack } from '../verify/verify'
import type { VerifyReport } from '../verify/report'
import { packFacts, packNamesArtifact } from './binding'
import type { RegistryClient } from './client-node'
import { sha256Digest } from './client-node'
import { RegistryError } from './errors'
import { packFolder, workFolder, writePackLayer } from './layer-node'
import { buildArtifactManifest, packAnnotations, type Descriptor } from './manifest'
import { ANN, EMPTY_BLOB, EMPTY_DIGEST, MT } from './media-types'
import { addToReferrersTag } from './referrers-node'
import { pushSignoffs, type PushedSignoff, type SkippedSignoff } from './signoffs-node'

export class PushRefused extends Error {
  constructor(
    readonly code: 'pack-not-verified' | 'pack-identity-missing' | 'layer-differs',
    message: string,
    readonly report?: VerifyReport
  ) {
    super(message)
    this.name = 'PushRefused'
  }
}

export interface PushOptions {
  /** Tag to push the pack manifest to; by digest only when absent. */
  readonly tag?: string
  /** Digest of a manifest in the same repository that the pack vouches for. */
  readonly subject?: string
  readonly allowFailed?: boolean
  readonly tmpRoot?: string
  readonly onStep?: (message: string) => void
}

export interface PushResult {
  readonly manifest: Descriptor
  readonly tag?: string
  readonly pack: { readonly name: string; readonly version: string; readonly digest: string; readonly verified: boolean }
  readonly layer: { readonly digest: string; readonly size: number; readonly uploaded: boolean }
  readonly subject?: Descriptor & { readonly namedByPack: boolean; readonly binding: string }
  readonly referrers?: 'referrers-api' | 'tag-schema'
  readonly signoffs: readonly PushedSignoff[]
  readonly skippedSignoffs: readonly SkippedSignoff[]
}

export async function pushPack(client: RegistryClient, location: string, opts: PushOptions = {}): Promise<PushResult> {
  const step = opts.onStep ?? ((): void => undefined)
  step('verifying the pack')
  const report = await verifyPack(location)
  const facts = packFacts(report)
  if (!facts) throw new PushRefused('pack-identity-missing', 'Pack-Name, Pack-Version or the pack digest is missing: a pack without an identity cannot be pushed', report)
  // "Verifies" means what every surface says (the one assessment): sign-off envelopes included.
  const integrity = assessReports(report).integrity
  const verified = integrity.status === 'verified'
  if (!verified && !opts.allowFailed) {
    throw new PushRefused('pack-not-verified', `the pack does not verify (${integrity.status}, ${integrity.counts.error} error${integrity.counts.error === 1 ? '' : 's'}); nothing was uploaded (fix it, or pass --allow-failed)`, report)
  }

  const work = await workFolder(opts.tmpRoot ?? tmpdir(), 'vouch-push-')
  try {
    const root = await packFolder(location, work)
    step('writing the pack layer')
    const layer = await writePackLayer(root, join(work, 'layer.tar'))
    // What is uploaded must be the pack that verified: same digest, and verified unless allowed not to.
    const layerReport = await verifyPack(layer.path)
    if (layerReport.pack.digest !== facts.digest) throw new PushRefused('layer-differs', `the pack changed while it was being pushed (digest ${layerReport.pack.digest ?? 'none'} instead of ${facts.digest}); nothing was uploaded`, layerReport)
    if (verified && assessReports(layerReport).integrity.status !== 'verified') throw new PushRefused('layer-differs', 'the pack layer does not verify although the pack did (changed while pushing?); nothing was uploaded', layerReport)

    let subject: PushResult['subject']
    if (opts.subject) {
      const m = await client.getManifest(opts.subject, `the subject ${opts.subject}`)
      const b = packNamesArtifact(report, m.digest)
      subject = { mediaType: m.doc.mediaType || MT.ociManifest, digest: m.digest, size: m.bytes.length, namedByPack: b.bound, binding: b.detail }
    }

    step('uploading')
    await client.pushBlob(EMPTY_DIGEST, EMPTY_BLOB.length, EMPTY_BLOB, 'the empty config')
    const uploaded = await client.pushBlob(layer.digest, layer.size, () => createReadStream(layer.path, { highWaterMark: 1024 * 1024 }), 'the pack layer')
    const annotations = packAnnotations(facts)
    const manifest = buildArtifactManifest({
      artifactType: MT.packArtifact,
      layers: [{ mediaType: MT.packLayerTar, digest: layer.digest, size: layer.size, annotations: { [ANN.title]: `${facts.name}-${facts.version}.tar` } }],
      ...(subject ? { subject } : {}),
      annotations
    })
    const desc: Descriptor = { mediaType: MT.ociManifest, digest: sha256Digest(manifest), size: manifest.length }
    const put = await client.putManifest(opts.tag ?? desc.digest, manifest, MT.ociManifest, { what: 'the pack manifest' })
    if (put.digest !== desc.digest) throw new RegistryError('digest-mismatch', 'the registry stored another pack manifest than the one sent')
    let referrers: PushResult['referrers']
    if (subject) {
      if (put.subject === subject.digest) referrers = 'referrers-api'
      else {
        await addToReferrersTag(client, subject.digest, [{ ...desc, artifactType: MT.packArtifact, annotations }])
        referrers = 'tag-schema'
      }
    }

    step('pushing sign-offs')
    const s = await pushSignoffs(client, desc, facts.digest, report.signoffs)
    return {
      manifest: desc,
      ...(opts.tag ? { tag: opts.tag } : {}),
      pack: { name: facts.name, version: facts.version, digest: facts.digest, verified },
      layer: { digest: layer.digest, size: layer.size, uploaded },
      ...(subject ? { subject } : {}),
      ...(referrers ? { referrers } : s.via ? { referrers: s.via } : {}),
      signoffs: s.pushed,
      skippedSignoffs: s.skipped
    }
  } finally {
    await rm(work, { recursive: true, force: true })
  }
}
