/**
 * What makes a manifest a Vouch pack or a Vouch sign-off (docs/registry.md "Artifact layout"),
 * checked on everything read from a registry before a byte of its layers is fetched. Pure.
 */
import { RegistryError } from './errors'
import type { Descriptor, ManifestDoc } from './manifest'
import { ANN, LIMITS, MT } from './media-types'

export interface PackArtifact {
  readonly manifestDigest: string
  readonly manifestSize: number
  readonly manifestMediaType: string
  readonly layer: Descriptor
  readonly gzip: boolean
  readonly subject?: Descriptor
  readonly annotations: Readonly<Record<string, string>>
  /** 64 hex from the dev.vouch.pack.digest annotation (a claim until the layer verifies). */
  readonly claimedPackDigest?: string
}

export function isPackManifest(doc: ManifestDoc): boolean {
  return doc.kind === 'manifest' && doc.artifactType === MT.packArtifact
}

export function asPackArtifact(doc: ManifestDoc, digest: string, size: number, what: string): PackArtifact {
  if (doc.kind !== 'manifest' || doc.artifactType !== MT.packArtifact) {
    throw new RegistryError('bad-manifest', `${what} is not a Vouch pack (artifactType ${doc.artifactType ?? 'none'}, expected ${MT.packArtifact})`)
  }
  if (doc.layers.length !== 1) throw new RegistryError('bad-manifest', `${what} has ${doc.layers.length} layers; a pack manifest has exactly one`)
  const layer = doc.layers[0] as Descriptor
  if (layer.mediaType !== MT.packLayerTar && layer.mediaType !== MT.packLayerTarGzip) {
    throw new RegistryError('bad-manifest', `${what}: the layer's media type ${layer.mediaType} is not ${MT.packLayerTar} (or +gzip)`)
  }
  if (layer.size > LIMITS.packLayerBytes) throw new RegistryError('too-large', `${what}: the pack layer is ${layer.size} bytes, over the ${LIMITS.packLayerBytes}-byte limit`)
  const ann = doc.annotations[ANN.packDigest]
  const claimed = ann !== undefined && /^sha256:[0-9a-f]{64}$/.test(ann) ? ann.slice(7) : undefined
  return {
    manifestDigest: digest,
    manifestSize: size,
    manifestMediaType: doc.mediaType,
    layer,
    gzip: layer.mediaType === MT.packLayerTarGzip,
    ...(doc.subject ? { subject: doc.subject } : {}),
    annotations: doc.annotations,
    ...(claimed ? { claimedPackDigest: claimed } : {})
  }
}

export interface SignoffArtifact {
  readonly manifestDigest: string
  readonly envelope: Descriptor
  readonly annotations: Readonly<Record<string, string>>
}

/** A sign-off manifest attached to `packManifestDigest`, or why it is not one. */
export function asSignoffArtifact(doc: ManifestDoc, digest: string, packManifestDigest: string): SignoffArtifact | { readonly problem: string } {
  if (doc.kind !== 'manifest' || doc.artifactType !== MT.signoffArtifact) return { problem: `not a Vouch sign-off (artifactType ${doc.artifactType ?? 'none'})` }
  if (doc.subject?.digest !== packManifestDigest) return { problem: `its subject is ${doc.subject?.digest ?? 'missing'}, not this pack's manifest` }
  if (doc.layers.length !== 1) return { problem: `${doc.layers.length} layers; a sign-off manifest has exactly one` }
  const env = doc.layers[0] as Descriptor
  if (env.mediaType !== MT.dsseEnvelope) return { problem: `layer media type ${env.mediaType} is not ${MT.dsseEnvelope}` }
  if (env.size > LIMITS.envelopeBytes) return { problem: `the envelope is ${env.size} bytes, over the ${LIMITS.envelopeBytes}-byte limit` }
  return { manifestDigest: digest, envelope: env, annotations: doc.annotations }
}
