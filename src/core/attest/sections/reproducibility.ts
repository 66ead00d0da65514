/**
 * Part of section 1 (Verification): the claimed metrics recomputed from the predictions the pack
 * ships, rendered from the assessment's reproducibility section. The summary line, the predictions
 * read, every claim that does not reproduce (claimed, recomputed, tolerance, why), the claims that
 * cannot be recomputed grouped by reason, and the headline claims claimed vs recomputed. Slice
 * claims are counted here; every one is in the attached assessment.json.
 */
import type { ReproducibilitySection } from '../../assess/types'
import type { ClaimCheck } from '../../recompute/report'
import { claimsCounted } from '../../recompute/summary'
import { claimLabel, listed, notRecomputableGroups, recomputedText, toleranceText } from '../../recompute/describe'
import { cell, heading, mono, para, type Block, type Cell, type Tone } from '../layout/blocks'
import { fmtInt, plural } from './format'

/** Rows of each list before the rest is counted (all are in the attached assessment.json). */
export const MAX_CLAIM_ROWS = 200

const STATUS_WORDS: Readonly<Record<ReproducibilitySection['status'], [string, Tone]>> = {
  reproduced: ['Reproduced', 'ok'],
  'not-reproduced': ['NOT REPRODUCED', 'bad'],
  'not-recomputable': ['Not recomputable', 'warn'],
  'no-predictions': ['No predictions shipped', 'warn']
}

function result(c: ClaimCheck): Cell {
  if (c.status === 'reproduced') return cell('reproduced', 'ok')
  if (c.status === 'not-reproduced') return cell('NOT REPRODUCED', 'bad', 'bold')
  return cell('not recomputable', 'muted')
}

function more(n: number): Block[] {
  return n > 0 ? [para(`${fmtInt(n)} more are listed in the attached assessment.json (reproducibility.claims).`, 'warn')] : []
}

export function reproducibilitySection(r: ReproducibilitySection | null): Block[] {
  const blocks: Block[] = [heading('Reproducibility of the claimed metrics', 2)]
  if (!r) return [...blocks, para('Not established: verification did not finish, so no claim was recomputed.', 'warn')]
  const [word, tone] = STATUS_WORDS[r.status]
  const files = r.predictions.map((p) => `${p.path} (${p.dataset} / ${p.split}): ${p.status === 'read' ? `${fmtInt(p.rows ?? 0)} rows` : `not read: ${p.reason ?? ''}`}`)
  blocks.push({
    kind: 'fields',
    rows: [
      ['Result', cell(word, tone, 'bold')],
      ['Summary', cell(r.summary.text, tone === 'ok' ? undefined : tone)],
      ['Predictions', files.length > 0 ? files.join('; ') : `none (${r.descriptor ?? 'data/evaluation/predictions.json'} is ${r.descriptor ? 'not usable' : 'absent'})`]
    ]
  })
  if (r.status === 'no-predictions') {
    blocks.push(para(`The pack ships no predictions, so none of its ${plural(claimsCounted(r), 'claimed number')} can be re-checked from evidence: they are as the producer wrote them.`, 'warn'))
    return blocks
  }

  const bad = r.claims.filter((c) => c.status === 'not-reproduced')
  if (bad.length > 0) {
    blocks.push(para(`${plural(bad.length, 'claim')} ${bad.length === 1 ? 'does' : 'do'} not reproduce: the pack's numbers differ from what its own predictions give (metric-not-reproduced).`, 'bad', 'bold'))
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Claim not reproduced', width: 30 },
        { title: 'Claimed', width: 12, align: 'right' },
        { title: 'Recomputed', width: 15, align: 'right' },
        { title: 'Tolerance', width: 12 },
        { title: 'Why', width: 31 }
      ],
      rows: bad.slice(0, MAX_CLAIM_ROWS).map((c) => ({ cells: [cell(claimLabel(c), undefined, 'bold'), mono(c.claimed), mono(recomputedText(c), 'bad'), toleranceText(c) || 'exact', c.reason ?? 'outside the tolerance'] }))
    })
    blocks.push(...more(bad.length - MAX_CLAIM_ROWS))
  }

  const groups = notRecomputableGroups(r.claims)
  if (groups.length > 0) {
    // Column titles say what each table is: a caption paragraph could be left alone at a page's foot.
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Not recomputable (neither confirmed nor refuted)', width: 30 },
        { title: 'Claims', width: 9, align: 'right' },
        { title: 'Reason', width: 61 }
      ],
      rows: groups.slice(0, MAX_CLAIM_ROWS).map((g) => ({ cells: [listed(g.subjects, 6), fmtInt(g.claims), g.reason] }))
    })
  }

  const headline = r.claims.filter((c) => c.scope === 'headline')
  if (headline.length > 0) {
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Headline claim (metrics.json)', width: 30 },
        { title: 'Claimed', width: 13, align: 'right' },
        { title: 'Recomputed', width: 16, align: 'right' },
        { title: 'Tolerance', width: 14 },
        { title: 'Result', width: 27 }
      ],
      rows: headline.slice(0, MAX_CLAIM_ROWS).map((c) => ({
        cells:
          c.status === 'not-recomputable'
            ? [claimLabel(c), mono(c.claimed), mono('—'), '—', result(c)]
            : [claimLabel(c), mono(c.claimed), mono(recomputedText(c), c.status === 'not-reproduced' ? 'bad' : undefined), toleranceText(c) || 'exact', result(c)]
      }))
    })
    blocks.push(...more(headline.length - MAX_CLAIM_ROWS))
  }
  const s = r.summary.slices
  const n = r.summary.sampleSizes
  if (s.claims > 0) {
    blocks.push(
      para(
        `Slice claims (slices.json): ${fmtInt(s.reproduced)} of ${fmtInt(s.claims)} metric values reproduced, ${fmtInt(s.notReproduced)} not reproduced, ${fmtInt(s.notRecomputable)} not recomputable; sample sizes, headline and slice: ${fmtInt(n.reproduced)} of ${fmtInt(n.claims)} reproduced. Each slice claim is in the attached assessment.json.`,
        s.notReproduced > 0 || n.notReproduced > 0 ? 'bad' : undefined
      )
    )
  }
  return blocks
}
