import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { REGISTRY_ERROR_CODES } from './errors'
import { GATE_STATUS_TABLE } from './gate-status'
import { ANN, EMPTY_DIGEST, LIMITS, MT } from './media-types'

const doc = readFileSync(join(__dirname, '../../../docs/registry.md'), 'utf8')

describe('docs/registry.md', () => {
  it('documents every registry error code with the message the code uses', () => {
    const missing = Object.entries(REGISTRY_ERROR_CODES).filter(([code, text]) => !doc.includes(`| \`${code}\` | ${text} |`))
    expect(missing.map(([c]) => c)).toEqual([])
  })

  it('names every media type, annotation key and the empty descriptor digest', () => {
    const vouchTypes = [MT.packArtifact, MT.packLayerTar, MT.packLayerTarGzip, MT.signoffArtifact, MT.dsseEnvelope, MT.empty, MT.ociIndex]
    expect(vouchTypes.filter((t) => !doc.includes(`\`${t}\``))).toEqual([])
    expect(Object.values(ANN).filter((k) => !doc.includes(`\`${k}\``))).toEqual([])
    expect(doc).toContain(EMPTY_DIGEST)
  })

  it('states the limits the code enforces', () => {
    expect(doc).toContain(`| a manifest or image index | ${LIMITS.manifestBytes / 1024 / 1024} MiB`)
    expect(doc).toContain(`| referrers of one digest | ${LIMITS.referrers} descriptors, ${LIMITS.referrerPages} pages`)
    expect(doc).toContain(`| a sign-off envelope | ${LIMITS.envelopeBytes / 1024 / 1024} MiB`)
    expect(doc).toContain(`| a pack layer | ${LIMITS.packLayerBytes / 1024 ** 3} GiB`)
    expect(doc).toContain(`| a token answer, an error body | ${LIMITS.smallBodyBytes / 1024} KiB`)
    expect(doc).toContain(`| packs read for one artifact | ${LIMITS.packsPerSubject},`)
  })

  it("lists every status of vouch gate's own with its exit code, words and meaning", () => {
    const section = doc.slice(doc.indexOf('## vouch gate'), doc.indexOf('### In a CI job'))
    const rows = section.split('\n').filter((l) => l.startsWith('| `'))
    expect(rows).toEqual(GATE_STATUS_TABLE.map((s) => `| \`${s.status}\` | ${s.exitCode} | \`${s.cli}\` | ${s.meaning} |`))
  })
})
