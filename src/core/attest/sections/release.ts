/** Section 3: against the previous release (diff verdict, regressions, new failure modes, plan and policy changes). */
import type { DiffChangeView, PreviousRelease } from '../input'
import { cell, heading, mono, para, type Block } from '../layout/blocks'
import { fmtInt } from './format'
import { statusTone, statusWord } from './verification'

/** Past this many rows a change list keeps every severe entry and counts the rest (all are in diff.json). */
export const MAX_CHANGES_LISTED = 250

function changes(title: string, all: readonly DiffChangeView[], none: string): Block[] {
  const out: Block[] = [heading(title, 2)]
  if (all.length === 0) return [...out, para(none, 'muted')]
  const severe = all.filter((c) => c.severe)
  const items = all.length <= MAX_CHANGES_LISTED ? all : [...severe, ...all.filter((c) => !c.severe).slice(0, Math.max(0, MAX_CHANGES_LISTED - severe.length))]
  const others = items.length - severe.length
  if (items.length < all.length)
    out.push(
      para(
        `${fmtInt(all.length)} entries: ${others > 0 ? `all ${fmtInt(severe.length)} severe ones and the first ${fmtInt(others)} others are listed` : `the ${fmtInt(severe.length)} severe ones are listed`}; the other ${fmtInt(all.length - items.length)} are in the attached diff.json.`,
        'warn'
      )
    )
  out.push({
    kind: 'table',
    columns: [
      { title: 'What', width: 30 },
      { title: 'Before', width: 17 },
      { title: 'After', width: 17 },
      { title: 'Detail', width: 36 }
    ],
    rows: items.map((c) => ({
      cells: [cell(c.subject, c.severe ? 'bad' : undefined, 'bold'), mono(c.before ?? '—'), mono(c.after ?? '—'), cell(c.detail ?? '', c.severe ? 'bad' : undefined)]
    }))
  })
  return out
}

export function releaseSection(previous: PreviousRelease | undefined): Block[] {
  const blocks: Block[] = [heading('3. Against the previous release')]
  if (!previous) return [...blocks, para('No previous release was given (vouch attest --against <previous pack>).', 'muted')]
  const r = previous.report
  const d = previous.diff
  const id = r ? { ...r.pack, status: r.status, ok: r.ok } : d?.previous
  if (id) {
    const status = id.status === 'verified' && !id.ok ? 'failed' : id.status
    blocks.push({
      kind: 'fields',
      rows: [
        ['Previous release', `${id.name ?? '(unnamed)'} ${id.version ?? ''}`.trim()],
        ['Its digest', mono(id.digest ? `sha256:${id.digest}` : 'unknown')],
        ['Its verification', cell(statusWord(status), statusTone(status), 'bold')]
      ]
    })
  }
  if (!d) return [...blocks, para('The release diff could not be computed; see the verification of both packs.', 'warn')]
  blocks.push({ kind: 'status', boxes: [{ label: 'Release diff verdict', value: d.verdictLabel, tone: d.verdictTone, detail: d.reasons.join('; ') || d.verdict }] })
  blocks.push(...changes('Regressions', d.regressions, 'None.'))
  blocks.push(...changes('New failure modes', d.newFailureModes, 'None.'))
  blocks.push(...changes('Monitoring plan changes', d.monitoringChanges, 'No change.'))
  blocks.push(...changes('Policy and guardrail changes', d.policyChanges, 'No change.'))
  return blocks
}
