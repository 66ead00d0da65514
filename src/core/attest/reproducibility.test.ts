import { describe, expect, it } from 'vitest'
import { headlineClaim, reproducibility, sliceClaim } from '../recompute/testing/reproducibility'
import type { Block } from './layout/blocks'
import { MAX_CLAIM_ROWS, reproducibilitySection } from './sections/reproducibility'

/** Every string a block would print, in order. */
function words(blocks: readonly Block[]): string[] {
  return blocks.flatMap((b): string[] => {
    const t = (c: string | { text: string }): string => (typeof c === 'string' ? c : c.text)
    switch (b.kind) {
      case 'heading':
      case 'para':
        return [b.text]
      case 'fields':
        return b.rows.flatMap(([k, v]) => [k, t(v)])
      case 'table':
        return [...b.columns.map((c) => c.title), ...b.rows.flatMap((r) => r.cells.map(t))]
      default:
        return []
    }
  })
}

describe('the PDF reproducibility section', () => {
  it('says when nothing was recomputed, and why', () => {
    expect(words(reproducibilitySection(null))).toContain('Not established: verification did not finish, so no claim was recomputed.')
    const none = words(reproducibilitySection(reproducibility([headlineClaim('auc', '0.7958')], { predictions: false })))
    expect(none).toContain('No predictions shipped')
    expect(none.join('\n')).toContain('so none of its 1 claimed number can be re-checked from evidence')
  })

  it('lists every claim not reproduced up to the cap, then counts the rest; groups the unrecomputable by reason', () => {
    const bad = Array.from({ length: MAX_CLAIM_ROWS + 3 }, (_, i) => sliceClaim(`s${i}`, 'recall', '0.61', { status: 'not-reproduced', recomputed: 0.5 }))
    const na = [headlineClaim('auc_oot', '0.78', { status: 'not-recomputable', reason: 'no oot predictions', recomputed: undefined }), headlineClaim('psi', '0.1', { status: 'not-recomputable', reason: 'no oot predictions', recomputed: undefined })]
    const w = words(reproducibilitySection(reproducibility([headlineClaim('auc', '0.7958'), ...bad, ...na])))
    expect(w).toContain('NOT REPRODUCED')
    expect(w.filter((x) => x === 'recall on slice s0')).toHaveLength(1)
    expect(w).not.toContain(`recall on slice s${MAX_CLAIM_ROWS}`)
    expect(w).toContain('3 more are listed in the attached assessment.json (reproducibility.claims).')
    expect(w).toContain('auc_oot, psi')
    expect(w).toContain('no oot predictions')
    // The headline table: claimed vs recomputed, and what could not be recomputed.
    expect(w.join('|')).toContain('auc|0.7958|0.7958|±0.00005|reproduced')
    expect(w.join('|')).toContain('auc_oot|0.78|—|—|not recomputable')
  })
})
