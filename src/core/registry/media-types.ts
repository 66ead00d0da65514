/**
 * Media types, annotation keys and size limits of Vouch artifacts in OCI registries
 * (docs/registry.md is the normative description; a test keeps the two in sync).
 */

export const MT = {
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  /** OCI 1.1 empty descriptor: the config of an artifact that needs none. */
  empty: 'application/vnd.oci.empty.v1+json',
  /** artifactType of a pack manifest. */
  packArtifact: 'application/vnd.vouch.assurance-pack.v1',
  /** The pack layer: a deterministic POSIX tar of the pack without signoffs/ (what Vouch pushes). */
  packLayerTar: 'application/vnd.vouch.assurance-pack.layer.v1.tar',
  /** Accepted when pulling (a producer may gzip the same tar). */
  packLayerTarGzip: 'application/vnd.vouch.assurance-pack.layer.v1.tar+gzip',
  /** artifactType of a sign-off manifest (a referrer of the pack manifest). */
  signoffArtifact: 'application/vnd.vouch.signoff.v1',
  /** The sign-off layer: one DSSE envelope, byte for byte as in signoffs/. */
  dsseEnvelope: 'application/vnd.dsse.envelope.v1+json'
} as const

export const ALL_MANIFEST_TYPES = [MT.ociManifest, MT.ociIndex, MT.dockerManifest, MT.dockerList] as const

/** The empty JSON blob `{}` and its descriptor (image-spec "Guidance for an Empty Descriptor"). */
export const EMPTY_BLOB = new Uint8Array([0x7b, 0x7d])
export const EMPTY_DIGEST = 'sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a'

export const ANN = {
  title: 'org.opencontainers.image.title',
  version: 'org.opencontainers.image.version',
  revision: 'org.opencontainers.image.revision',
  source: 'org.opencontainers.image.source',
  description: 'org.opencontainers.image.description',
  created: 'org.opencontainers.image.created',
  packName: 'dev.vouch.pack.name',
  packVersion: 'dev.vouch.pack.version',
  packDigest: 'dev.vouch.pack.digest',
  packProfile: 'dev.vouch.pack.profile',
  packPrevious: 'dev.vouch.pack.previous-version',
  signoffRole: 'dev.vouch.signoff.role',
  signoffDecision: 'dev.vouch.signoff.decision',
  signoffSigner: 'dev.vouch.signoff.signer',
  signoffKey: 'dev.vouch.signoff.key-fingerprint',
  signoffSignedAt: 'dev.vouch.signoff.signed-at'
} as const

export const LIMITS = {
  /** A manifest or index Vouch reads (the distribution spec asks registries to accept at least 4 MB). */
  manifestBytes: 4 * 1024 * 1024,
  /** Referrers listed for one digest (all pages together). */
  referrers: 10_000,
  /** Pages of a paginated referrers answer. */
  referrerPages: 100,
  /** A sign-off envelope (the same cap as signoffs/ files in a pack). */
  envelopeBytes: 1024 * 1024,
  /** A pack layer (the verifier's own cap on a pack's total size). */
  packLayerBytes: 64 * 1024 ** 3,
  /** Answers from a token service, and error bodies read for their message. */
  smallBodyBytes: 64 * 1024,
  /** Packs referring to one artifact that gate and pull look at. */
  packsPerSubject: 20
} as const
