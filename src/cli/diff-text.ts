/**
 * `vouch diff` terminal report: the verdict first, then verification, then regressions (most
 * severe first), then every other section. Colour only through Style (TTY and no NO_COLOR).
 * Every pack-supplied string goes through safeText: a slice id must not drive the terminal.
 */
import type { PackDiff, RecordDiff, VerdictLevel } from '../core/diff/types'
import { notReproducedLine } from '../core/recompute/describe'
import { capped, changeText, packLabel, percent, regressionTags, reproTags, shortDigest, signed, thresholdText, where } from './diff-common'
import { safeText } from './format/findings'
import type { Style } from './format/style'

const MAX_ROWS = 40

function levelLabel(l: VerdictLevel, s: Style): string {
  if (l === 'blocked') return s.bold(s.red('BLOCKED'))
  if (l === 'review') return s.bold(s.yellow('REVIEW'))
  return s.bold(s.green('ACCEPTABLE'))
}

function more(n: number, s: Style): string[] {
  return n > 0 ? [s.dim(`  … and ${n} more (vouch diff --json for everything)`)] : []
}

function records<T>(title: string, entries: readonly RecordDiff<T>[], s: Style): string[] {
  if (!entries.length) return []
  const lines = ['', s.bold(title)]
  const { shown, more: rest } = capped(entries, MAX_ROWS)
  for (const e of shown) {
    const id = safeText(e.id)
    if (e.kind === 'added') lines.push(`  ${s.green('+ added  ')} ${id}`)
    else if (e.kind === 'removed') lines.push(`  ${s.red('- removed')} ${id}`)
    else lines.push(`  ${s.yellow('~ changed')} ${id}: ${safeText(e.changes.map(changeText).join('; '))}`)
  }
  return [...lines, ...more(rest, s)]
}

/** Each release's claims recomputed from its own predictions, and every claim that does not reproduce. */
function reproducibilityLines(d: PackDiff, s: Style): string[] {
  const lines = ['', s.bold('Claims recomputed from the predictions')]
  for (const side of ['old', 'new'] as const) {
    const r = d.reproducibility[side]
    const word = r.status === null ? s.yellow('not recomputed') : r.status === 'reproduced' ? s.green('reproduced') : r.status === 'not-reproduced' ? s.red('NOT REPRODUCED') : s.yellow(r.status)
    lines.push(`  ${side}  ${word}${r.summary ? `  ${safeText(r.summary)}` : ''}`)
    const { shown, more: rest } = capped(r.notReproduced, 10)
    for (const c of shown) lines.push(`       ${s.red('✕')} ${safeText(notReproducedLine(c))}`)
    if (rest) lines.push(s.dim(`       … and ${rest} more (vouch diff --json: .reproducibility.${side}.notReproduced)`))
  }
  return lines
}

export function formatDiffText(d: PackDiff, s: Style): string {
  const out: string[] = []
  const consecutive = d.consecutive === 'yes' ? '' : d.consecutive === 'no' ? s.yellow('  (not consecutive: Previous-Version differs)') : ''
  out.push(`${s.bold('vouch diff')}  ${safeText(packLabel(d.old))} → ${safeText(packLabel(d.new))}${consecutive}`)
  out.push(`${levelLabel(d.verdict.level, s)}  ${safeText(d.verdict.summary)}`)

  out.push('', s.bold('Verification'))
  for (const side of ['old', 'new'] as const) {
    const v = d.verification[side]
    const st = v.status === 'verified' ? s.green('verified') : s.red(v.status.toUpperCase())
    out.push(`  ${side}  ${st}  ${shortDigest(d[side].digest)}  ${safeText(v.location)} (${v.container})`)
    const { shown, more: rest } = capped(v.errors, 10)
    for (const f of shown) out.push(`       ${s.red('error')} ${safeText(f.code)}${f.path ? ` ${safeText(f.path)}` : ''}: ${safeText(f.message)}`)
    if (rest) out.push(s.dim(`       … and ${rest} more errors (vouch verify ${safeText(v.location)})`))
  }

  out.push(...reproducibilityLines(d, s))

  if (d.regressions.length) {
    out.push('', s.bold(s.red(`Regressions (${d.regressions.length})`)))
    const { shown, more: rest } = capped(d.regressions, MAX_ROWS)
    for (const r of shown) {
      const c = r.comparison
      const lvl = r.level === 'critical' ? s.bold(s.red('CRITICAL')) : r.level === 'major' ? s.red('major   ') : s.yellow('minor   ')
      const tags = regressionTags(r, d)
      out.push(
        `  ${lvl} ${safeText(where(r))} · ${safeText(r.metric)}  ${c.oldLiteral} → ${c.newLiteral}  ${signed(c.absoluteLiteral)} (${percent(c.relative)})` +
          (thresholdText(c) ? `  threshold ${thresholdText(c)}` : '') +
          (tags.length ? s.dim(`  [${tags.join(', ')}]`) : '')
      )
    }
    out.push(...more(rest, s))
  }

  if (d.metrics.length) {
    out.push('', s.bold('Headline metrics'))
    for (const m of d.metrics) {
      const id = safeText(m.id)
      if (m.kind === 'added') out.push(`  ${s.green('+')} ${id}  ${m.metric.valueLiteral} (new metric)`)
      else if (m.kind === 'removed') out.push(`  ${s.red('-')} ${id}  ${m.metric.valueLiteral} (removed)`)
      else {
        const c = m.comparison
        const a = c.assessment
        const mark = a === 'regression' ? s.red('▼') : a === 'improvement' ? s.green('▲') : a === 'unchanged' ? s.dim('=') : s.dim('~')
        const thr = thresholdText(c)
        const defs = m.definitionChanges.filter((x) => x.field !== 'sampleSize')
        const repro = reproTags(d, m.id)
        out.push(
          `  ${mark} ${id}  ${c.oldLiteral} → ${c.newLiteral}  ${signed(c.absoluteLiteral)} (${percent(c.relative)})  ${a}` +
            (thr ? `  threshold ${thr}` : '') +
            (m.thresholdLoosened ? s.yellow('  threshold loosened') : '') +
            (repro.length ? s.red(`  ${repro.join(', ')}`) : '') +
            (defs.length ? s.dim(`  [${safeText(defs.map(changeText).join('; '))}]`) : '')
        )
      }
    }
  }

  const c = d.counts
  if (d.slices.length) {
    out.push('', s.bold('Slices'))
    out.push(
      `  ${c.slicesCompared} compared (${c.slicesRenamed} renamed), ${c.slicesAdded} added, ${c.slicesRemoved} vanished, ${c.lowConfidenceSlices} low-confidence (n < ${d.options.minSampleSize})`
    )
    const notable = d.slices.filter((x) => x.kind !== 'compared')
    const { shown, more: rest } = capped(notable, MAX_ROWS)
    for (const x of shown) {
      const crit = ('slice' in x ? x.slice.critical : x.critical) ? s.bold(' [critical]') : ''
      if (x.kind === 'removed') out.push(`  ${x.slice.critical ? s.bold(s.red('- VANISHED')) : s.red('- vanished')} ${safeText(x.id)}${crit}  ${s.dim(safeText(x.slice.definition))}`)
      else if (x.kind === 'added') out.push(`  ${s.green('+ added   ')} ${safeText(x.id)}${crit}  ${s.dim(safeText(x.slice.definition))}`)
      else if (x.kind === 'renamed') out.push(`  ${s.cyan('> renamed ')} ${safeText(x.old.id)} → ${safeText(x.id)}${crit}`)
    }
    out.push(...more(rest, s))
  }

  if (d.failures.length) {
    out.push('', s.bold('Failure modes'))
    for (const f of d.failures) {
      if (f.kind === 'new') out.push(`  ${s.red('NEW       ')} ${safeText(f.id)}  ${safeText(f.failure.title)} (${f.failure.severity}, ${f.failure.status})`)
      else if (f.kind === 'resolved') out.push(`  ${s.green('RESOLVED  ')} ${safeText(f.id)}  ${safeText(f.old.title)}${f.how === 'removed' ? ' (no longer listed)' : ''}`)
      else if (f.kind === 'reopened') out.push(`  ${s.red('REOPENED  ')} ${safeText(f.id)}  ${safeText(f.new.title)} (${f.new.severity}, ${f.new.status})`)
      else {
        const sev = f.severity ? `  severity ${f.severity.old} → ${f.severity.direction === 'increased' ? s.red(f.severity.new) : s.green(f.severity.new)}` : ''
        const by = f.matchedBy === 'title' ? s.dim(`  (matched by title, was ${safeText(f.old.id)})`) : ''
        out.push(`  ${s.dim('persisting')} ${safeText(f.id)}  ${safeText(f.new.title)} (${f.new.severity}, ${f.new.status})${sev}${by}`)
      }
    }
  }

  out.push(...records('Risks', d.risks.entries, s))
  out.push(...records('Monitoring plan', d.monitoring.entries, s))
  out.push(...records('Guardrails', d.guardrails.entries, s))

  if (d.traceability.changes.length || d.traceability.datasets.entries.length) {
    out.push('', s.bold('Traceability'))
    for (const ch of d.traceability.changes) out.push(`  ${safeText(changeText(ch))}`)
    out.push(...records('  Datasets', d.traceability.datasets.entries, s).slice(1))
  }

  if (d.files.entries.length) {
    const n = (k: string): number => d.files.entries.filter((f) => f.kind === k).length
    out.push('', s.bold('Files'), `  ${n('added')} added, ${n('removed')} removed, ${n('modified')} modified, ${d.files.unchanged} unchanged`)
    const { shown, more: rest } = capped(d.files.entries, MAX_ROWS)
    for (const f of shown) out.push(`  ${f.kind === 'added' ? s.green('+') : f.kind === 'removed' ? s.red('-') : s.yellow('~')} ${safeText(f.path)}`)
    out.push(...more(rest, s))
  }

  if (d.documents.length) {
    out.push('', s.bold(s.yellow('Evidence not compared')))
    for (const x of d.documents) out.push(`  ${x.doc}: ${x.state}`)
  }
  return `${out.join('\n')}\n`
}
