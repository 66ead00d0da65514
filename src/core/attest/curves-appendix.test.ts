/**
 * Appendix A for the other domains: regression (predicted against observed, residuals), multiclass
 * (confusion matrix) and pass rates with intervals print as vector figures inside the text column,
 * the same bytes twice, and a pack without predictions says why there is nothing to draw.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { attestationCurves } from '../curves/attestation'
import type { CurveSource } from '../curves/source'
import { slicesOf, sourceOf, tableFromCsv } from '../curves/testing/tables'
import type { ClaimCheck, Reproducibility } from '../recompute/report'
import { binaryTable, multiclassTable, regressionTable } from '../recompute/testing/random-predictions'
import type { AttestationInput } from './input'
import { PAGE } from './layout/paginate'
import { renderAttestation } from './render'
import { sampleInput } from './testing/sample-input'
import { pdfText, qpdfCheck, testFonts, writeTemp } from './testing/pdf-tools'

const opts = { vouchVersion: '9.9.9-test', fonts: testFonts(false) }
const claim = (over: Partial<ClaimCheck>): ClaimCheck => ({ scope: 'headline', field: 'value', dataset: 'd', split: 's', claimed: '0.5', status: 'reproduced', path: 'data/evaluation/metrics.json', pointer: '/metrics/0/value', ...over })
const rep = (claims: readonly ClaimCheck[]): Reproducibility => ({ status: 'reproduced', predictions: [], rows: 0, summary: {} as Reproducibility['summary'], claims }) as Reproducibility

function withCurves(src: CurveSource): AttestationInput {
  return { ...sampleInput({ slices: 3 }), curves: attestationCurves({ kind: 'source', source: src }) }
}

/** Word boxes of the pages from `from` on (pdftotext -bbox, points from the top-left). */
function wordsFrom(path: string, from: number): { page: number; x0: number; x1: number; text: string }[] {
  const html = execFileSync('pdftotext', ['-bbox', '-f', String(from), path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const out: { page: number; x0: number; x1: number; text: string }[] = []
  let page = from - 1
  for (const m of html.matchAll(/<page [^>]*>|<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) page++
    else out.push({ page, x0: Number(m[1]), x1: Number(m[2]), text: m[3] ?? '' })
  }
  return out
}

async function rendered(input: AttestationInput): Promise<{ text: string; pages: string[]; words: ReturnType<typeof wordsFrom>; again: boolean }> {
  const bytes = await renderAttestation(input, opts)
  const pdf = writeTemp(bytes)
  try {
    expect(qpdfCheck(pdf.path).ok).toBe(true)
    const text = pdfText(pdf.path).replace(/\s+/g, ' ')
    const pages = pdfText(pdf.path).split('\f')
    const first = pages.findIndex((p) => p.includes('A. Evaluation curves')) + 1
    expect(first).toBeGreaterThan(0)
    const again = Buffer.from(await renderAttestation(input, opts)).equals(Buffer.from(bytes))
    return { text, pages: pages.map((p) => p.replace(/\s+/g, ' ')), words: wordsFrom(pdf.path, first), again }
  } finally {
    pdf.cleanup()
  }
}

function insideColumn(words: ReturnType<typeof wordsFrom>): string[] {
  return words.filter((w) => w.x0 < PAGE.left - 1 || w.x1 > PAGE.width - PAGE.right + 1).map((w) => `p${w.page} "${w.text}" ${w.x0.toFixed(1)}-${w.x1.toFixed(1)}`)
}

describe('attestation appendix A, other domains', () => {
  it('regression: predicted against observed and residuals, for the population and the critical slice', async () => {
    const defs = ["cat = 'a'", "cat = 'b'"]
    const t = await tableFromCsv(regressionTable(1500, 3), { task: 'regression', columns: { label: 'y', score: 'p' } }, defs)
    const r = await rendered(withCurves(sourceOf(t, slicesOf(defs, 1), { reproducibility: rep([claim({ metric: 'rmse', definition: 'rmse', claimed: '9.1' })]) })))
    expect(r.text).toContain('All rows of d / s')
    expect(r.text).toContain('Critical slice Slice 0 (s0)')
    expect(r.text).not.toContain('Critical slice Slice 1')
    expect(r.text).toMatch(/Predicted against observed, 10 equal-count bins of 150 rows, RMSE \d+\.\d+ \(claimed 9\.1\)/)
    expect(r.text).toMatch(/Residuals, 1,500 rows, Bias -?\d+\.\d{4}/)
    expect(r.text).toContain('Dotted grey lines are the reference: prediction = label.')
    // A chart's captions stay on its page: the slice's figure and its numbers are read together.
    const slicePage = r.pages.find((p) => p.includes('Critical slice Slice 0 (s0)'))
    expect(slicePage).toContain('Residuals, 509 rows, Bias')
    expect(r.text.slice(r.text.indexOf('A. Evaluation curves'))).not.toContain('ROC')
    expect(insideColumn(r.words)).toEqual([])
    expect(r.again).toBe(true)
  }, 60_000)

  it('multiclass: the confusion matrix with its counts, inside the column', async () => {
    const t = await tableFromCsv(multiclassTable(900, 5), { task: 'multiclass', columns: { label: 'y', predicted: 'p' } })
    const r = await rendered(withCurves(sourceOf(t, [])))
    expect(r.text).toMatch(/Confusion matrix, rows the label and columns the predicted class; 4 classes, Accuracy 0\.\d{4}/)
    // The four class names label both axes of the matrix.
    for (const c of ['cat', 'dog', 'bird']) expect(r.words.filter((w) => w.text === c).length).toBeGreaterThanOrEqual(2)
    expect(insideColumn(r.words)).toEqual([])
    expect(r.again).toBe(true)
  }, 60_000)

  it('pass rates: one row per slice with its interval, printed once with the population', async () => {
    const defs = ['num = 1', 'num = 2', 'num = 3']
    const t = await tableFromCsv(binaryTable(2000, 11), { task: 'binary', columns: { label: 'y', score: 's' }, positive: '1' }, defs, ['flag'])
    const claims = [claim({ metric: 'leak_rate', definition: 'rate', params: { column: 'flag' }, claimed: '0.3' })]
    const r = await rendered(withCurves(sourceOf(t, slicesOf(defs, 2), { reproducibility: rep(claims) })))
    expect(r.text.match(/Pass rate: leak_rate \(column flag\)/g)?.length).toBe(1)
    expect(r.text).toContain('Critical slice Slice 1 (s1)')
    expect(r.words.filter((w) => w.text === 'Slice').length).toBeGreaterThanOrEqual(3)
    expect(insideColumn(r.words)).toEqual([])
  }, 60_000)

  it('a pack without predictions: the appendix says why, and nothing is drawn', async () => {
    const r = await rendered({ ...sampleInput({ slices: 3 }), curves: attestationCurves({ kind: 'unavailable', reason: 'the pack ships no predictions file' }) })
    expect(r.text).toContain('No curves: the pack ships no predictions file.')
  }, 60_000)
})
