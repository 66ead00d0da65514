/**
 * Reading packs back: resolve a reference (a pack, or an artifact that packs refer to), download the
 * layer (digest checked while streaming), verify it, fetch and check the sign-off referrers, and
 * rebuild the pack with the valid ones embedded under signoffs/. Everything happens in a private
 * work folder; the caller publishes the result (pull) or only assesses it (gate).
 */
import { createHash } from 'node:crypto'
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { bagRoot } from '../io/folder-reader'
import { uniqueSignoffPath } from '../signoff/envelope'
import { verifyPack } from '../verify/verify'
import type { VerifyReport } from '../verify/report'
import { asPackArtifact, isPackManifest, type PackArtifact } from './artifacts'
import type { FetchedManifest, RegistryClient } from './client-node'
import { RegistryError } from './errors'
import { extractTar } from './extract-node'
import type { ManifestDoc } from './manifest'
import { ANN, LIMITS, MT } from './media-types'
import { listReferrers } from './referrers-node'
import { fetchRegistrySignoffs, type RegistrySignoff, type RegistrySignoffs } from './signoffs-node'

export interface Resolved {
  /** The digest the reference resolved to. */
  readonly digest: string
  readonly doc: ManifestDoc
  readonly kind: 'pack' | 'artifact'
  /** The pack itself, or the packs that refer to the artifact (newest first by their created annotation). */
  readonly packs: readonly PackArtifact[]
  /** Referrers that claim to be packs but are not usable (wrong subject, bad manifest). */
  readonly ignored: readonly { readonly digest: string; readonly reason: string }[]
  readonly referrersVia?: 'referrers-api' | 'tag-schema' | 'none'
  readonly warning?: string
}

export async function resolvePacks(client: RegistryClient, reference: string): Promise<Resolved> {
  const m: FetchedManifest = await client.getManifest(reference)
  if (isPackManifest(m.doc)) return { digest: m.digest, doc: m.doc, kind: 'pack', packs: [asPackArtifact(m.doc, m.digest, m.bytes.length, `the pack at ${reference}`)], ignored: [] }
  const list = await listReferrers(client, m.digest, MT.packArtifact)
  const packs: PackArtifact[] = []
  const ignored: { digest: string; reason: string }[] = []
  const newestFirst = [...list.descriptors].sort((a, b) => (b.annotations?.[ANN.created] ?? '').localeCompare(a.annotations?.[ANN.created] ?? ''))
  for (const d of newestFirst) {
    if (packs.length >= LIMITS.packsPerSubject) {
      ignored.push({ digest: d.digest, reason: `more than ${LIMITS.packsPerSubject} packs refer to this artifact; only the newest are read` })
      continue
    }
    const pm = await client.findManifest(d.digest, `pack manifest ${d.digest}`)
    if (!pm) {
      ignored.push({ digest: d.digest, reason: 'listed as a referrer but not in the repository' })
      continue
    }
    try {
      const art = asPackArtifact(pm.doc, pm.digest, pm.bytes.length, `pack manifest ${d.digest}`)
      if (art.subject?.digest !== m.digest) ignored.push({ digest: d.digest, reason: `its subject is ${art.subject?.digest ?? 'missing'}, not ${m.digest}` })
      else packs.push(art)
    } catch (e) {
      if (!(e instanceof RegistryError) || (e.code !== 'bad-manifest' && e.code !== 'too-large')) throw e
      ignored.push({ digest: d.digest, reason: e.message })
    }
  }
  return { digest: m.digest, doc: m.doc, kind: 'artifact', packs, ignored, referrersVia: list.via, ...(list.warning ? { warning: list.warning } : {}) }
}

export class PackContentError extends Error {
  constructor(
    readonly code: 'annotation-mismatch' | 'no-pack-digest',
    message: string
  ) {
    super(message)
    this.name = 'PackContentError'
  }
}

export interface Materialized {
  /** Folder holding the pack with the valid sign-offs embedded. */
  readonly root: string
  /** Verification of `root` (the pack digest does not depend on signoffs/). */
  readonly report: VerifyReport
  readonly registry: RegistrySignoffs
  readonly embedded: readonly { readonly path: string; readonly manifestDigest: string; readonly envelopeDigest: string }[]
  /** Sign-off referrers not embedded, and why. */
  readonly notEmbedded: readonly RegistrySignoff[]
}

/**
 * Downloads and rebuilds `art` under `work`; the pack folder is `dest` (created, must not exist).
 * One verification pass, at the end: the pack digest (SHA-256 of tagmanifest-sha256.txt) is read
 * straight from the unpacked layer to choose the sign-offs, and the full verification that follows
 * recomputes it. Throws RegistryError on transport faults, PackContentError when the layer is not the
 * pack its manifest claims, ExtractError when the layer cannot be unpacked.
 */
export async function materializePack(client: RegistryClient, art: PackArtifact, work: string, dest: string, onBytes?: (n: number) => void): Promise<Materialized> {
  const layerPath = join(work, art.gzip ? 'layer.tar.gz' : 'layer.tar')
  await client.fetchBlobToFile(art.layer, layerPath, 'the pack layer', onBytes)
  await mkdir(dest)
  await extractTar(layerPath, art.gzip, dest, { label: 'the pack layer' })
  await rm(layerPath, { force: true })
  // Vouch's layers hold the bag at the root; another producer's may hold it in one folder.
  const root = await bagRoot(dest)
  const tagManifest = await readFile(join(root, 'tagmanifest-sha256.txt')).catch(() => undefined)
  if (tagManifest === undefined) throw new PackContentError('no-pack-digest', 'the pack layer has no tagmanifest-sha256.txt, so it has no pack digest')
  const digest = createHash('sha256').update(tagManifest).digest('hex')
  if (art.claimedPackDigest !== undefined && art.claimedPackDigest !== digest) {
    throw new PackContentError('annotation-mismatch', `the manifest says pack digest sha256:${art.claimedPackDigest}, the layer holds sha256:${digest}`)
  }
  const registry = await fetchRegistrySignoffs(client, art.manifestDigest, digest)
  const embedded: { path: string; manifestDigest: string; envelopeDigest: string }[] = []
  const notEmbedded: RegistrySignoff[] = []
  const taken: string[] = await readdir(join(root, 'signoffs')).then((names) => names.map((n) => `signoffs/${n}`), () => [])
  const seenEnvelopes = new Set<string>()
  for (const s of registry.signoffs) {
    if (s.status !== 'valid' || !s.check?.ok || s.text === undefined || s.envelopeDigest === undefined) {
      notEmbedded.push(s)
      continue
    }
    if (seenEnvelopes.has(s.envelopeDigest)) continue
    seenEnvelopes.add(s.envelopeDigest)
    const p = s.check.statement.predicate
    const fileName = `${p.signedAt.replace(/:/g, '-')}-${p.role}-${s.check.fingerprint.slice('ed25519:'.length, 'ed25519:'.length + 8)}.json`
    const path = uniqueSignoffPath(fileName, taken)
    taken.push(path)
    await mkdir(join(root, 'signoffs'), { recursive: true })
    await writeFile(join(root, ...path.split('/')), s.text, { flag: 'wx' })
    embedded.push({ path, manifestDigest: s.manifestDigest, envelopeDigest: s.envelopeDigest })
  }
  const report = await verifyPack(root)
  return { root, report, registry, embedded, notEmbedded }
}
