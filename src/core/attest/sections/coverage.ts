/**
 * Part of section 2: risk coverage, rendered from the assessment's coverage section (the rule is
 * src/core/coverage, docs/pack-format.md section 5.2). The count of serious risks and open failure
 * modes a monitoring signal watches, then every one that none watches, with why. Past the cap the
 * rest are counted; every one is in the attached assessment.json (coverage.uncovered).
 */
import type { CoverageSection } from '../../assess/types'
import { cell, heading, mono, para, type Block } from '../layout/blocks'
import { fmtInt, plural } from './format'

/** Rows of the list before the rest is counted. */
export const MAX_UNCOVERED_ROWS = 200

export function coverageBlocks(c: CoverageSection | null, incomplete: boolean): Block[] {
  const blocks: Block[] = [heading('Risk coverage', 2)]
  if (!c) {
    const why = incomplete ? 'verification did not finish' : 'the pack has no valid monitoring plan to check the risks against'
    return [...blocks, para(`Not assessed: ${why}.`, 'warn')]
  }
  if (c.required === 0) return [...blocks, para('No risk or open failure mode is high or critical, so none has to be watched by a monitoring signal.')]
  const gaps = c.uncovered
  blocks.push(
    para(
      `${fmtInt(c.covered)} of ${plural(c.required, 'high or critical risk or open failure mode', 'high or critical risks and open failure modes')} watched by a monitoring signal with an owner, a threshold and an action${gaps.length === 0 ? '.' : `; ${fmtInt(gaps.length)} not watched:`}`,
      gaps.length === 0 ? 'ok' : 'bad'
    )
  )
  if (gaps.length === 0) return blocks
  const shown = gaps.slice(0, MAX_UNCOVERED_ROWS)
  blocks.push({
    kind: 'table',
    columns: [
      { title: 'Id', width: 12 },
      { title: 'Kind', width: 14 },
      { title: 'Severity / status', width: 18 },
      { title: 'Why it is not watched', width: 56 }
    ],
    rows: shown.map((x) => ({ cells: [mono(x.id), x.kind === 'risk' ? 'risk' : 'failure mode', cell(`${x.severity} / ${x.status}`, 'bad', 'bold'), x.why] }))
  })
  if (gaps.length > shown.length) blocks.push(para(`${fmtInt(gaps.length - shown.length)} more are listed in the attached assessment.json (coverage.uncovered).`, 'warn'))
  return blocks
}
