/**
 * The attestation of sample 1.1.0 against 1.0.0 carries the evaluation curves (appendix A) for
 * the whole population and every critical slice: the captions as pdftotext reads them, and the
 * drawings as pdftoppm renders them (vector paths in the curves' colours under each title).
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { inkInRegion, pdfText } from '../../core/attest/testing/pdf-tools'
import { EXIT } from '../command'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'

const SAMPLES = resolve(__dirname, '../../../resources/samples')
const CRITICAL = [
  ['Applicants aged 18-24', 'age-18-24', '0.7531'],
  ['Thin-file applicants aged 18-24', 'age-18-24-thin-file', '0.7171'],
  ['Applicants aged 60 and over', 'age-60-plus', '0.8377'],
  ['Thin credit file', 'thin-file', '0.7787'],
  ['Low net income (under 1,600 GBP a month)', 'income-low', '0.7747']
] as const

interface Word {
  readonly page: number
  readonly text: string
  readonly x: number
  readonly y: number
  readonly bottom: number
}

/** Every word with its page and box (pdftotext -bbox: points from the top-left). */
function words(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const out: Word[] = []
  let page = 0
  for (const m of html.matchAll(/<page |<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) page++
    else out.push({ page, text: m[4]!.replace(/&amp;/g, '&'), x: Number(m[1]), y: Number(m[2]), bottom: Number(m[3]) })
  }
  return out
}

function find(ws: readonly Word[], phrase: string): Word {
  const tokens = phrase.split(' ')
  for (let i = 0; i + tokens.length <= ws.length; i++) if (tokens.every((t, k) => ws[i + k]!.text === t && ws[i + k]!.page === ws[i]!.page)) return ws[i]!
  throw new Error(`"${phrase}" is not in the PDF`)
}

/** Pixels of a region (points, top-left origin) close to an RGB colour, rendered at 144 dpi. */
function pixelsNear(pdf: string, page: number, r: { x: number; y: number; w: number; h: number }, rgb: readonly [number, number, number]): number {
  const s = 2
  const ppm = execFileSync('pdftoppm', ['-r', '144', '-f', String(page), '-l', String(page), '-x', String(r.x * s), '-y', String(Math.round(r.y * s)), '-W', String(r.w * s), '-H', String(r.h * s), pdf])
  const head = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'))!
  const px = ppm.subarray(head[0].length)
  let n = 0
  for (let i = 0; i + 2 < px.length; i += 3) if (Math.abs(px[i]! - rgb[0]) + Math.abs(px[i + 1]! - rgb[1]) + Math.abs(px[i + 2]! - rgb[2]) < 60) n++
  return n
}

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-attest-curves-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('vouch attest: the evaluation curves', () => {
  it('prints the population and every critical slice as vector charts with their captions', async () => {
    const io = fakeIO({ cwd: dir })
    const code = await runCli(['attest', join(SAMPLES, 'credit-default-1.1.0'), '--against', join(SAMPLES, 'credit-default-1.0.0'), '--out', 'release.pdf'], io)
    expect(io.stderr()).toBe('')
    expect(code).toBe(EXIT.ok)
    const pdf = join(dir, 'release.pdf')
    const text = pdfText(pdf).replace(/\s+/g, ' ')
    expect(text).toContain('A. Evaluation curves')
    expect(text).toContain('ROC curve: 1.1.0 (solid) AUC 0.7958 (claimed 0.7958); 1,803 positives, 28,197 negatives; 1.0.0 (dashed) AUC 0.7704 (claimed 0.7704)')
    expect(text).toContain('Reliability diagram: 1.1.0 (solid) 10 equal-count bins of 3,000 rows, ECE 0.0068 (claimed 0.0068)')
    expect(text).toContain('Score distribution by class: 1.1.0 (solid) 28,197 rows with default_12m ≠ 1 and 1,803 with default_12m = 1, KS 0.4479 (claimed 0.4479)')

    // Vector graphics: the PDF holds no raster image at all.
    expect(execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n')).toHaveLength(2)

    const ws = words(pdf)
    const titles = [find(ws, 'All rows of applications-2024q4-holdout / test'), ...CRITICAL.map(([name, id]) => find(ws, `Critical slice ${name} (${id})`))]
    for (const [, , auc] of CRITICAL) expect(text).toMatch(new RegExp(`ROC curve: 1\\.1\\.0 \\(solid\\) AUC ${auc.replace('.', '\\.')} \\(claimed ${auc.replace('.', '\\.')}\\)`))
    for (const t of titles) {
      // Under each title, three charts: blue curves (and the negative class), orange for the positive class, dark ink for axes and ticks.
      const region = { x: 50, y: t.bottom + 16, w: 495, h: 150 }
      expect(pixelsNear(pdf, t.page, region, [0, 114, 178]), `blue under ${t.text} p${t.page}`).toBeGreaterThan(1000)
      expect(pixelsNear(pdf, t.page, region, [213, 94, 0]), `orange under ${t.text} p${t.page}`).toBeGreaterThan(300)
      expect(inkInRegion(pdf, t.page, { x: 50, y: Math.round(t.bottom + 16), w: 495, h: 150 })).toBeGreaterThan(0.015)
    }
  }, 120_000)
})
