/**
 * The PDF lists the risks nothing watches: the blocks from the assessment's coverage section, and
 * the LLM sample 1.1.0 (whose toxicity signal was retired) rendered to a PDF that names R-03.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { assessReports } from '../assess/assess-reports'
import type { CoverageSection } from '../assess/types'
import { verifyPack } from '../verify/verify'
import { attestationInput } from './from-core'
import type { Block } from './layout/blocks'
import { renderAttestation } from './render'
import { coverageBlocks, MAX_UNCOVERED_ROWS } from './sections/coverage'
import { pdfText, testFonts, writeTemp } from './testing/pdf-tools'

/** Every string a block would print, in order. */
function words(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b): string[] => {
    const t = (c: string | { text: string }): string => (typeof c === 'string' ? c : c.text)
    if (b.kind === 'heading' || b.kind === 'para') return [b.text]
    if (b.kind === 'table') return [...b.columns.map((c) => c.title), ...b.rows.flatMap((r) => r.cells.map(t))]
    return []
  })
}

const gap = (id: string): CoverageSection['uncovered'][number] => ({ kind: 'risk', id, severity: 'high', status: 'open', why: 'it names no monitoring signal (monitoredBy)' })

describe('the PDF coverage section', () => {
  it('says why coverage was not assessed, and when nothing needs watching', () => {
    expect(words(coverageBlocks(null, true))).toContain('Not assessed: verification did not finish.')
    expect(words(coverageBlocks(null, false))).toContain('Not assessed: the pack has no valid monitoring plan to check the risks against.')
    expect(words(coverageBlocks({ required: 0, covered: 0, uncovered: [] }, false)).join('\n')).toContain('none has to be watched')
    const all = words(coverageBlocks({ required: 3, covered: 3, uncovered: [] }, false))
    expect(all).toContain('3 of 3 high or critical risks and open failure modes watched by a monitoring signal with an owner, a threshold and an action.')
    expect(all).not.toContain('Why it is not watched')
  })

  it('lists every unwatched item with why, up to the cap, then counts the rest', () => {
    const gaps = Array.from({ length: MAX_UNCOVERED_ROWS + 2 }, (_, i) => gap(`R-${i}`))
    const w = words(coverageBlocks({ required: gaps.length + 1, covered: 1, uncovered: gaps }, false))
    expect(w.join('|')).toContain('R-0|risk|high / open|it names no monitoring signal (monitoredBy)')
    expect(w).toContain(`R-${MAX_UNCOVERED_ROWS - 1}`)
    expect(w).not.toContain(`R-${MAX_UNCOVERED_ROWS}`)
    expect(w).toContain('2 more are listed in the attached assessment.json (coverage.uncovered).')
  })

  it('the LLM sample 1.1.0 attestation names R-03 on page 1 and says why in section 2', async () => {
    const samples = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'resources', 'samples')
    const report = await verifyPack(join(samples, 'support-ticket-assistant-1.1.0'))
    const assessment = assessReports(report, { now: Date.parse('2026-11-01T00:00:00Z') })
    const pdf = writeTemp(await renderAttestation(attestationInput({ report, assessment }), { vouchVersion: 'test', fonts: testFonts() }))
    try {
      const flat = (s: string): string => s.replace(/\s+/g, ' ')
      expect(flat(pdfText(pdf.path, 1))).toContain('5 of 6 watched; not watched: R-03 (section 2)')
      const all = flat(pdfText(pdf.path))
      expect(all).toContain('Risk coverage')
      expect(all).toMatch(/R-03 risk high \/ mitigated it names no monitoring signal \(monitoredBy\)/)
    } finally {
      pdf.cleanup()
    }
  })
})
