/** Section 3: against the previous release (diff verdict, regressions, new failure modes, plan and policy changes). */
import type { DiffChangeView, PreviousRelease } from '../input'
import { cell, heading, mono, para, type Block } from '../layout/blocks'
import { statusTone, statusWord } from './verification'

function changes(title: string, items: readonly DiffChangeView[], none: string): Block[] {
  const out: Block[] = [heading(title, 2)]
  if (items.length === 0) return [...out, para(none, 'muted')]
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
    const status = { status: id.status, ok: id.ok }
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
  blocks.push({ kind: 'status', boxes: [{ label: 'Release diff verdict', value: d.verdict, tone: d.verdictTone, detail: d.reasons.join('; ') || undefined }] })
  blocks.push(...changes('Regressions', d.regressions, 'None.'))
  blocks.push(...changes('New failure modes', d.newFailureModes, 'None.'))
  blocks.push(...changes('Monitoring plan changes', d.monitoringChanges, 'No change.'))
  blocks.push(...changes('Policy and guardrail changes', d.policyChanges, 'No change.'))
  return blocks
}
