/**
 * Long and hostile names stay inside the page (issue #10): the title wraps within its box, a long
 * name never reaches the footer or overprints "Page N of M". Checked on the rendered PDF with
 * poppler's word boxes (pdftotext -bbox), the way a reader's eye would: no word outside the text
 * column, no two words on top of each other, nothing but the footer below the footer rule.
 */
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { renderAttestation } from './render'
import { PAGE } from './layout/paginate'
import { sampleInput, sampleReport, SAMPLE_DIGEST } from './testing/sample-input'
import { pdfPages, testFonts, writeTemp } from './testing/pdf-tools'

const opts = { vouchVersion: '9.9.9-test', fonts: testFonts() }

interface Word {
  readonly page: number
  readonly x0: number
  readonly y0: number
  readonly x1: number
  readonly y1: number
  readonly text: string
}

/** Word boxes (top-left origin, points) of every page. */
function pdfWords(path: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', path, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  const words: Word[] = []
  let page = 0
  for (const m of html.matchAll(/<page [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)) {
    if (m[0].startsWith('<page')) page++
    else words.push({ page, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] ?? '' })
  }
  return words
}

/** Top of the footer band in top-left coordinates: the footer rule is drawn at y = 50 (PDF space). */
const FOOTER_TOP = PAGE.height - 50

function problems(words: readonly Word[]): string[] {
  const out: string[] = []
  const right = PAGE.width - PAGE.right
  for (const w of words) {
    if (w.x0 < PAGE.left - 1 || w.x1 > right + 1) out.push(`p${w.page} "${w.text}" leaves the text column (${w.x0.toFixed(1)}-${w.x1.toFixed(1)})`)
    if (w.y0 < FOOTER_TOP && w.y1 > FOOTER_TOP + 1) out.push(`p${w.page} "${w.text}" crosses the footer rule`)
  }
  const byPage = new Map<number, Word[]>()
  for (const w of words) byPage.set(w.page, [...(byPage.get(w.page) ?? []), w])
  for (const [page, ws] of byPage) {
    for (let i = 0; i < ws.length; i++)
      for (let j = i + 1; j < ws.length; j++) {
        const a = ws[i] as Word
        const b = ws[j] as Word
        const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0)
        // Poppler's boxes span the font's ascender to descender (1.45 em for Noto Sans SC), taller
        // than the glyphs: compare the middle 60% of each, where the ink of the letters is.
        const core = (w: Word): [number, number] => [w.y0 + 0.2 * (w.y1 - w.y0), w.y1 - 0.2 * (w.y1 - w.y0)]
        const [a0, a1] = core(a)
        const [b0, b1] = core(b)
        const dy = Math.min(a1, b1) - Math.max(a0, b0)
        if (dx > 0.5 && dy > 0.5) out.push(`p${page} "${a.text}" overprints "${b.text}"`)
      }
    const footer = ws.filter((w) => w.y0 >= FOOTER_TOP)
    if (!footer.some((w) => w.text === 'Page')) out.push(`p${page} has no "Page N of M" in its footer`)
  }
  return out
}

async function render(name: string, version: string, withPrevious = true): Promise<{ words: Word[]; pages: number }> {
  const base = sampleInput({ slices: 8, withPrevious })
  const report = sampleReport({ slices: 8 }, { pack: { name, version, digest: SAMPLE_DIGEST } })
  const pdf = writeTemp(await renderAttestation({ ...base, report }, opts))
  try {
    return { words: pdfWords(pdf.path), pages: pdfPages(pdf.path) }
  } finally {
    pdf.cleanup()
  }
}

describe('attestation layout with long names', () => {
  it.each([
    ['the longest valid name and version, in wide CJK glyphs', '信用风险评分模型'.repeat(12) + '信用风险', '版'.repeat(40)],
    ['the longest valid name in Latin capitals', 'W'.repeat(100), '1.0.0-rc.1+build.20261130.abcdef123456'],
    ['a 260-character name (issue #10)', 'credit-default-scorer-'.repeat(12).slice(0, 260), '1.0.0'],
    ['a 5,000-character name from a hostile pack', 'X'.repeat(5000), 'Y'.repeat(300)]
  ])('%s: the title stays in its box, nothing reaches the footer or overprints', async (_label, name, version) => {
    const { words, pages } = await render(name, version)
    expect(problems(words)).toEqual([])
    expect(pages).toBeLessThan(12)
    // The title block ends above the status boxes: the first box label sits below every title line.
    const p1 = words.filter((w) => w.page === 1)
    const label = p1.find((w) => w.text === 'VERIFICATION')
    expect(label).toBeDefined()
    const titleWords = p1.filter((w) => w.y1 <= (label as Word).y0)
    expect(titleWords.length).toBeGreaterThan(0)
  })

  it('prints a short name at full size, unchanged', async () => {
    const { words } = await render('credit-risk-scorer', '2.1.0', false)
    const title = words.filter((w) => w.page === 1 && w.text === 'credit-risk-scorer')
    // Once in the title (20 pt), once in the Pack row; the title one is the tall one.
    expect(Math.max(...title.map((w) => w.y1 - w.y0))).toBeGreaterThan(18)
  })
})
