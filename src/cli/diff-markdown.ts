/**
 * `vouch diff --markdown`: a pull-request comment. Tables, regressions first, capped so a huge
 * diff stays under GitHub's 65,536-character comment limit. Pack-supplied text is escaped for
 * table cells and as HTML (a slice id must not inject markup or break the table).
 */
import type { PackDiff, RecordDiff } from '../core/diff/types'
import { claimLabel, recomputedText, toleranceText } from '../core/recompute/describe'
import { capped, changeText, packLabel, percent, regressionTags, reproTags, shortDigest, signed, thresholdText, where } from './diff-common'
import { safeText } from './format/findings'

const MAX_ROWS = 50

/** Escapes a table cell: line breaks become spaces, controls and bidi characters are shown escaped (core/text), then HTML, pipes and backticks. */
export function cell(s: string): string {
  return (
    safeText(s.replace(/[\r\n\t]+/g, ' '))
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/\|/g, '\\|')
      .replace(/`/g, '\\`')
      .replace(/([*_[\]])/g, '\\$1')
  )
}

function table(head: readonly string[], rows: readonly (readonly string[])[]): string[] {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)]
}

function more(n: number): string[] {
  return n > 0 ? ['', `_… and ${n} more: run \`vouch diff --json\` for the full diff._`] : []
}

function records<T>(title: string, entries: readonly RecordDiff<T>[]): string[] {
  if (!entries.length) return []
  const { shown, more: rest } = capped(entries, MAX_ROWS)
  const rows = shown.map((e) => [e.kind, cell(e.id), e.kind === 'changed' ? cell(e.changes.map(changeText).join('; ')) : ''])
  return ['', `### ${title}`, '', ...table(['Change', 'Id', 'Details'], rows), ...more(rest)]
}

export function formatDiffMarkdown(d: PackDiff): string {
  const out: string[] = []
  const level = d.verdict.level === 'blocked' ? '**BLOCKED**' : d.verdict.level === 'review' ? '**REVIEW**' : '**ACCEPTABLE**'
  out.push(`## Vouch diff: ${cell(packLabel(d.old))} → ${cell(packLabel(d.new))}`, '')
  out.push(`Verdict: ${level}: ${cell(d.verdict.summary)}`, '')
  out.push(
    ...table(
      ['', 'Old', 'New'],
      [
        ['Version', cell(d.old.version ?? '(none)'), cell(d.new.version ?? '(none)')],
        ['Verification', d.verification.old.status, d.verification.new.status],
        ['Claims recomputed', cell(d.reproducibility.old.summary ?? 'not recomputed'), cell(d.reproducibility.new.summary ?? 'not recomputed')],
        ['Pack digest', `\`${shortDigest(d.old.digest)}\``, `\`${shortDigest(d.new.digest)}\``]
      ]
    )
  )
  if (d.consecutive === 'no') out.push('', `Note: the new pack's Previous-Version is ${cell(d.new.previousVersion ?? '?')}, not ${cell(d.old.version ?? '?')}.`)
  for (const side of ['old', 'new'] as const) {
    const errs = d.verification[side].errors
    if (!errs.length) continue
    const { shown, more: rest } = capped(errs, 20)
    out.push('', `### Verification errors (${side} pack)`, '', ...table(['Code', 'Path', 'Message'], shown.map((f) => [cell(f.code), cell(f.path ?? ''), cell(f.message)])), ...more(rest))
  }

  for (const side of ['new', 'old'] as const) {
    const bad = d.reproducibility[side].notReproduced
    if (!bad.length) continue
    const { shown, more: rest } = capped(bad, MAX_ROWS)
    out.push('', `### Claims not reproduced (${side} release)`, '')
    out.push(...table(['Claim', 'Claimed', 'Recomputed', 'Tolerance', 'Why'], shown.map((c) => [cell(claimLabel(c)), cell(c.claimed), recomputedText(c), toleranceText(c) || 'exact', cell(c.reason ?? 'outside the tolerance')])), ...more(rest))
  }

  if (d.regressions.length) {
    const { shown, more: rest } = capped(d.regressions, MAX_ROWS)
    out.push('', `### Regressions (${d.regressions.length})`, '')
    out.push(
      ...table(
        ['Level', 'Slice', 'Metric', 'Old', 'New', 'Δ', 'Δ%', 'Threshold', 'Notes'],
        shown.map((r) => {
          const c = r.comparison
          return [r.level, cell(where(r)), cell(r.metric), c.oldLiteral, c.newLiteral, signed(c.absoluteLiteral), percent(c.relative), thresholdText(c), regressionTags(r, d).join(', ')]
        })
      ),
      ...more(rest)
    )
  }

  if (d.metrics.length) {
    out.push('', '### Headline metrics', '')
    out.push(
      ...table(
        ['Metric', 'Old', 'New', 'Δ', 'Δ%', 'Assessment', 'Threshold'],
        d.metrics.map((m) => {
          const id = cell(m.id)
          if (m.kind === 'added') return [id, '', m.metric.valueLiteral, '', '', 'added', '']
          if (m.kind === 'removed') return [id, m.metric.valueLiteral, '', '', '', 'removed', '']
          const c = m.comparison
          const thr = [thresholdText(c), m.thresholdLoosened ? 'loosened' : ''].filter(Boolean).join(', ')
          const repro = reproTags(d, m.id)
          return [id, c.oldLiteral, c.newLiteral, signed(c.absoluteLiteral), percent(c.relative), repro.length ? `${c.assessment}, **${repro.join(', ')}**` : c.assessment, thr]
        })
      )
    )
  }

  const c = d.counts
  if (d.slices.length) {
    out.push('', '### Slices', '')
    out.push(`${c.slicesCompared} compared (${c.slicesRenamed} renamed), ${c.slicesAdded} added, ${c.slicesRemoved} vanished, ${c.lowConfidenceSlices} low-confidence (n < ${d.options.minSampleSize}).`)
    const notable = d.slices.filter((x) => x.kind !== 'compared')
    if (notable.length) {
      const { shown, more: rest } = capped(notable, MAX_ROWS)
      out.push(
        '',
        ...table(
          ['Change', 'Slice', 'Critical', 'Definition'],
          shown.map((x) => {
            if (x.kind === 'renamed') return ['renamed', `${cell(x.old.id)} → ${cell(x.id)}`, x.critical ? 'yes' : '', cell(x.new.definition)]
            const info = 'slice' in x ? x.slice : x.new
            return [x.kind === 'removed' ? 'vanished' : x.kind, cell(x.id), info.critical ? '**yes**' : '', cell(info.definition)]
          })
        ),
        ...more(rest)
      )
    }
  }

  if (d.failures.length) {
    out.push('', '### Failure modes', '')
    out.push(
      ...table(
        ['Change', 'Id', 'Title', 'Severity', 'Status'],
        d.failures.map((f) => {
          if (f.kind === 'new') return ['**new**', cell(f.id), cell(f.failure.title), f.failure.severity, f.failure.status]
          if (f.kind === 'resolved') return ['resolved', cell(f.id), cell(f.old.title), f.old.severity, f.new?.status ?? 'no longer listed']
          const sev = f.kind === 'persisting' && f.severity ? `${f.severity.old} → ${f.severity.new}` : f.new.severity
          return [f.kind === 'reopened' ? '**reopened**' : 'persisting', cell(f.id), cell(f.new.title), sev, f.new.status]
        })
      )
    )
  }

  out.push(...records('Risks', d.risks.entries))
  out.push(...records('Monitoring plan', d.monitoring.entries))
  out.push(...records('Guardrails', d.guardrails.entries))

  if (d.traceability.changes.length) {
    out.push('', '### Traceability', '', ...table(['Field', 'Old', 'New'], d.traceability.changes.map((x) => [cell(x.field), cell(String(x.old ?? '')), cell(String(x.new ?? ''))])))
  }
  out.push(...records('Datasets', d.traceability.datasets.entries))

  if (d.files.entries.length) {
    const { shown, more: rest } = capped(d.files.entries, MAX_ROWS)
    out.push('', `<details><summary>Files: ${d.files.entries.length} changed, ${d.files.unchanged} unchanged</summary>`, '')
    out.push(...table(['Change', 'Path'], shown.map((f) => [f.kind, cell(f.path)])), ...more(rest), '', '</details>')
  }
  if (d.documents.length) out.push('', `Evidence not compared: ${d.documents.map((x) => `${x.doc} (${x.state})`).join(', ')}.`)
  return `${out.join('\n')}\n`
}
