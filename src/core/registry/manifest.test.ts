import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { asPackArtifact, asSignoffArtifact } from './artifacts'
import { buildArtifactManifest, buildReferrersIndex, mergeReferrers, packAnnotations, parseManifestDoc } from './manifest'
import { ANN, EMPTY_BLOB, EMPTY_DIGEST, LIMITS, MT } from './media-types'

const enc = new TextEncoder()
const dg = (c: string): string => `sha256:${c.repeat(64)}`
const sha = (b: Uint8Array): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

describe('the empty descriptor', () => {
  it('is the image spec\'s: {} with its published digest', () => {
    expect(sha(EMPTY_BLOB)).toBe(EMPTY_DIGEST)
    expect(EMPTY_DIGEST).toBe('sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a')
  })
})

describe('building manifests', () => {
  const facts = { name: 'credit', version: '1.0.0', digest: 'b'.repeat(64), commit: 'c'.repeat(40), finished: '2026-11-20T05:47:31Z' }
  it('is deterministic and parses back as a Vouch pack with its subject and annotations', () => {
    const input = { artifactType: MT.packArtifact, layers: [{ mediaType: MT.packLayerTar, digest: dg('1'), size: 10 }], subject: { mediaType: MT.ociManifest, digest: dg('2'), size: 5 }, annotations: packAnnotations(facts) }
    const a = buildArtifactManifest(input)
    expect(buildArtifactManifest({ ...input, annotations: Object.fromEntries(Object.entries(input.annotations).reverse()) })).toEqual(a)
    const doc = parseManifestDoc(a, MT.ociManifest)
    const art = asPackArtifact(doc, sha(a), a.length, 'm')
    expect(art.subject?.digest).toBe(dg('2'))
    expect(art.claimedPackDigest).toBe('b'.repeat(64))
    expect(art.annotations[ANN.created]).toBe('2026-11-20T05:47:31Z')
    expect(art.annotations[ANN.revision]).toBe('c'.repeat(40))
    expect(doc.kind === 'manifest' && doc.config.digest).toBe(EMPTY_DIGEST)
  })

  it('refuses manifests that are not Vouch packs or sign-offs, whatever they claim', () => {
    const other = buildArtifactManifest({ artifactType: 'application/vnd.example.model', layers: [{ mediaType: MT.packLayerTar, digest: dg('1'), size: 1 }], annotations: {} })
    expect(() => asPackArtifact(parseManifestDoc(other, MT.ociManifest), sha(other), 1, 'm')).toThrow(/not a Vouch pack/)
    const two = buildArtifactManifest({ artifactType: MT.packArtifact, layers: [{ mediaType: MT.packLayerTar, digest: dg('1'), size: 1 }, { mediaType: MT.packLayerTar, digest: dg('2'), size: 1 }], annotations: {} })
    expect(() => asPackArtifact(parseManifestDoc(two, MT.ociManifest), sha(two), 1, 'm')).toThrow(/exactly one/)
    const s = buildArtifactManifest({ artifactType: MT.signoffArtifact, layers: [{ mediaType: MT.dsseEnvelope, digest: dg('3'), size: 99 }], subject: { mediaType: MT.ociManifest, digest: dg('4'), size: 1 }, annotations: {} })
    expect(asSignoffArtifact(parseManifestDoc(s, MT.ociManifest), sha(s), dg('4'))).toMatchObject({ envelope: { digest: dg('3') } })
    expect(asSignoffArtifact(parseManifestDoc(s, MT.ociManifest), sha(s), dg('5'))).toMatchObject({ problem: expect.stringMatching(/subject/) })
    const big = buildArtifactManifest({ artifactType: MT.signoffArtifact, layers: [{ mediaType: MT.dsseEnvelope, digest: dg('3'), size: LIMITS.envelopeBytes + 1 }], subject: { mediaType: MT.ociManifest, digest: dg('4'), size: 1 }, annotations: {} })
    expect(asSignoffArtifact(parseManifestDoc(big, MT.ociManifest), sha(big), dg('4'))).toMatchObject({ problem: expect.stringMatching(/limit/) })
  })
})

describe('parseManifestDoc', () => {
  it('refuses duplicate keys, bad digests, disagreeing media types and oversized documents', () => {
    expect(() => parseManifestDoc(enc.encode('{"schemaVersion":2,"schemaVersion":2,"layers":[]}'), MT.ociManifest)).toThrow(/duplicate/)
    const badDigest = `{"schemaVersion":2,"mediaType":"${MT.ociManifest}","config":{"mediaType":"a/b","digest":"sha256:xyz","size":1},"layers":[]}`
    expect(() => parseManifestDoc(enc.encode(badDigest), MT.ociManifest)).toThrow(/not sha256/)
    const idx = buildReferrersIndex([])
    expect(() => parseManifestDoc(idx, MT.ociManifest)).toThrow(/disagrees/)
    expect(parseManifestDoc(idx, `${MT.ociIndex}; charset=utf-8`).kind).toBe('index')
    expect(() => parseManifestDoc(new Uint8Array(LIMITS.manifestBytes + 1), MT.ociManifest)).toThrow(/limit/)
    expect(() => parseManifestDoc(enc.encode('{"schemaVersion":1}'), MT.ociManifest)).toThrow(/schemaVersion/)
  })

  it('ignores unknown fields, as the image spec requires', () => {
    const doc = parseManifestDoc(enc.encode(`{"schemaVersion":2,"mediaType":"${MT.ociIndex}","manifests":[],"x-future":{"a":1}}`), undefined)
    expect(doc.kind).toBe('index')
  })
})

describe('mergeReferrers', () => {
  it('appends only what is not listed, keeping the existing order', () => {
    const a = { mediaType: MT.ociManifest, digest: dg('a'), size: 1 }
    const b = { mediaType: MT.ociManifest, digest: dg('b'), size: 1 }
    expect(mergeReferrers([a], [a])).toEqual({ merged: [a], changed: false })
    expect(mergeReferrers([b], [a, a])).toEqual({ merged: [b, a], changed: true })
  })
})
