/**
 * Claims you can re-check, on every CLI surface, with the real verifier on copies of the 1.1.0
 * sample: a forger who edits a claim and rebuilds (every hash right) is FAILED with
 * metric-not-reproduced in the text, --json, the exit code and the PDF's text; a pack without
 * predictions is NOT REPRODUCIBLE under --require-reproducible; a pack whose every claim
 * reproduces meets it. The samples stay read-only: every pack is a copy in a temp folder.
 */
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPack } from '../../core/build/build'
import { pdfText } from '../../core/attest/testing/pdf-tools'
import { EXIT } from '../command'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'

const SAMPLE = resolve(__dirname, '../../../resources/samples/credit-default-1.1.0')
const METRICS = 'data/evaluation/metrics.json'
let dir = ''

/** A copy of the sample edited by `edit`, rebuilt as `vouch build` does (so every hash is right). */
async function variant(name: string, edit: (abs: (p: string) => string) => Promise<void>): Promise<string> {
  const at = join(dir, name)
  await cp(SAMPLE, at, { recursive: true })
  await edit((p) => join(at, ...p.split('/')))
  const b = await buildPack(at)
  expect(b.ok, b.findings.map((f) => f.message).join('; ')).toBe(true)
  return at
}

async function edit(path: string, change: (text: string) => string): Promise<void> {
  await writeFile(path, change(await readFile(path, 'utf8')))
}

async function cli(args: readonly string[]): Promise<{ code: number; out: string }> {
  const io = fakeIO({ cwd: dir })
  const code = await runCli(args, io)
  return { code, out: io.stdout() }
}

let forged = ''
let bare = ''
let whole = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-cli-reproducible-'))
  forged = await variant('forged', (abs) => edit(abs(METRICS), (t) => t.replace('"value": 0.7958,', '"value": 0.8158,')))
  bare = await variant('bare', async (abs) => {
    await unlink(abs('data/evaluation/predictions.json'))
    await unlink(abs('data/evaluation/predictions-holdout.csv'))
  })
  // Without the out-of-time claims (whose predictions the sample does not ship) every claim is recomputable.
  whole = await variant('whole', async (abs) => {
    await edit(abs(METRICS), (t) => {
      const d = JSON.parse(t) as { metrics: { id: string }[] }
      d.metrics = d.metrics.filter((m) => !m.id.endsWith('_oot'))
      return `${JSON.stringify(d, null, 2)}\n`
    })
    await edit(abs('data/monitoring/plan.json'), (t) => t.replaceAll('"psi_pd_oot"', '"auc"'))
  })
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('a forged claim (edited, rebuilt) on every CLI surface', () => {
  it('text: FAILED, the claim with its claimed and recomputed values, the metric-not-reproduced finding; exit 1', async () => {
    const { code, out } = await cli(['verify', forged])
    expect(code).toBe(EXIT.failed)
    expect(out).toMatch(/^FAILED {2}credit-default-risk 1\.1\.0/)
    expect(out).toMatch(/claims +8 of 9 headline metrics and \d+ of \d+ slice metrics reproduced from 30,000 predictions/)
    expect(out).toContain('✕ not reproduced auc: claimed 0.8158, recomputed 0.7958309761 (tolerance ±0.00005)')
    expect(out).toMatch(/^error +metric-not-reproduced +data\/evaluation\/metrics\.json$/m)
  })

  it('--json: status failed, the finding, and the claim in the reproducibility section', async () => {
    const { code, out } = await cli(['verify', forged, '--json'])
    expect(code).toBe(EXIT.failed)
    const j = JSON.parse(out)
    expect(j).toMatchObject({ ok: false, status: 'failed', exitCode: 1 })
    expect(j.assessment.integrity.findings).toContainEqual(expect.objectContaining({ code: 'metric-not-reproduced', severity: 'error', path: METRICS, actual: '0.8158' }))
    expect(j.assessment.reproducibility.status).toBe('not-reproduced')
    const bad = j.assessment.reproducibility.claims.filter((c: { status: string }) => c.status === 'not-reproduced')
    expect(bad).toEqual([expect.objectContaining({ scope: 'headline', metric: 'auc', field: 'value', claimed: '0.8158', pointer: '/metrics/0/value' })])
    expect(bad[0].recomputed).toBeCloseTo(0.79583, 5)
  })

  it('the PDF says it in words a reader finds: page 1, the finding, and the claim claimed vs recomputed', async () => {
    const pdf = join(dir, 'forged.pdf')
    const { code } = await cli(['attest', forged, '--out', pdf])
    expect(code).toBe(EXIT.failed)
    // Words as a reader sees them: a phrase may wrap onto the next line.
    const text = pdfText(pdf).replace(/\s+/g, ' ')
    expect(pdfText(pdf, 1).replace(/\s+/g, ' ')).toContain('a claimed number differs from the one recomputed from the predictions the pack ships')
    expect(text).toContain('metric-not-reproduced')
    expect(text).toContain('Reproducibility of the claimed metrics')
    expect(text).toContain('NOT REPRODUCED')
    expect(text).toContain('auc 0.8158 0.7958309761 ±0.00005')
  })
})

describe('--require-reproducible', () => {
  it('a pack with no predictions: NOT REPRODUCIBLE, exit 1, in text, --json and the PDF', async () => {
    const plain = await cli(['verify', bare])
    expect(plain.code).toBe(EXIT.ok)
    expect(plain.out).toContain('No predictions shipped: 11 headline metrics and')
    const text = await cli(['verify', bare, '--require-reproducible'])
    expect(text.code).toBe(EXIT.failed)
    expect(text.out).toMatch(/^NOT REPRODUCIBLE {2}/)
    expect(text.out).toMatch(/required +reproducible: NOT MET — the pack ships no predictions/)
    const json = JSON.parse((await cli(['verify', bare, '--require-reproducible', '--json'])).out)
    expect(json).toMatchObject({ ok: false, status: 'not-reproducible', exitCode: 1, assessment: { reproducibility: { status: 'no-predictions' } } })
    const pdf = join(dir, 'bare.pdf')
    expect((await cli(['attest', bare, '--out', pdf, '--require-reproducible'])).code).toBe(EXIT.failed)
    expect(pdfText(pdf, 1)).toMatch(/OVERALL STATUS\s*\n\s*Not reproducible/)
    expect(pdfText(pdf).replace(/\s+/g, ' ')).toContain('vouch verify bare --require-reproducible')
  })

  it('the sample: its out-of-time claims cannot be recomputed, so it is not reproducible, and the reason names them', async () => {
    const { code, out } = await cli(['verify', SAMPLE, '--require-reproducible'])
    expect(code).toBe(EXIT.failed)
    expect(out).toContain('reproducible: NOT MET — 4 of 186 claims cannot be recomputed: auc_oot, psi_pd_oot (the pack ships no predictions for dataset applications-2025q1-oot, split oot)')
  })

  it('a pack whose every claim reproduces meets it: exit 0', async () => {
    const { code, out } = await cli(['verify', whole, '--require-reproducible'])
    expect(code).toBe(EXIT.ok)
    expect(out).toMatch(/^VERIFIED {2}/)
    expect(out).toMatch(/required +reproducible: met — 9 of 9 headline metrics and \d+ of \d+ slice metrics reproduced from 30,000 predictions/)
  })
})
