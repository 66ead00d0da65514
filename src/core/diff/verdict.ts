/**
 * The verdict: every finding of the diff turned into a reason with a level, and the CI gate.
 * Levels and codes are documented in docs/diff.md; the rules live here and nowhere else.
 */
import { sliceLabel } from '../format/slice-label'
import { reproducibilityReasons } from './reproducibility'
import type { FailOn, PackDiff, Verdict, VerdictReason, VerificationSide } from './types'

type Body = Omit<PackDiff, 'verdict'>

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

function ids(xs: readonly string[], max = 3): string {
  return xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`
}

function parts(...xs: readonly (readonly [number, string])[]): string {
  const p = xs.filter(([n]) => n > 0).map(([n, s]) => `${n} ${s}`)
  return p.length ? ` (${p.join(', ')})` : ''
}

function verification(side: 'old' | 'new', v: VerificationSide): string | undefined {
  if (v.status === 'verified') return undefined
  if (v.status === 'incomplete') return `${side} pack could not be fully verified`
  return `${side} pack failed verification (${plural(v.errors.length, 'error')})`
}

const LEVEL_ORDER = { blocked: 0, review: 1, info: 2 } as const

export function computeVerdict(d: Body): Verdict {
  const reasons: VerdictReason[] = []
  const add = (r: VerdictReason): void => void reasons.push(r)

  const ver = [verification('old', d.verification.old), verification('new', d.verification.new)].filter((x): x is string => !!x)
  if (ver.length) add({ code: 'verification-failed', level: 'blocked', count: ver.length, message: ver.join('; ') })
  reproducibilityReasons(d).forEach(add)

  if (d.documents.length) {
    add({ code: 'evidence-missing', level: 'review', count: d.documents.length, message: `evidence missing: ${ids(d.documents.map((x) => `${x.doc} (${x.state})`))}` })
  }

  const regs = d.regressions
  if (regs.length) {
    const crit = regs.filter((r) => r.level === 'critical').length
    const inCritSlice = regs.filter((r) => r.scope === 'slice' && r.critical).length
    const crossed = regs.filter((r) => r.reasons.includes('threshold-crossed')).length
    const low = regs.filter((r) => r.lowConfidence && !r.critical).length
    add({
      code: 'regressions',
      level: crit > 0 ? 'blocked' : 'review',
      count: regs.length,
      message: `${plural(regs.length, 'regression')}${parts([inCritSlice, 'in a critical slice'], [crossed, 'crossing a threshold'], [low, 'low-confidence'])}`
    })
  }

  const removedSlices = d.slices.filter((s) => s.kind === 'removed')
  const critGone = removedSlices.filter((s) => s.slice.critical).map((s) => sliceLabel(s.slice))
  if (critGone.length) add({ code: 'critical-slice-vanished', level: 'blocked', count: critGone.length, message: `critical slice vanished: ${ids(critGone)}` })
  const gone = removedSlices.filter((s) => !s.slice.critical).map((s) => sliceLabel(s.slice))
  if (gone.length) add({ code: 'slice-vanished', level: 'review', count: gone.length, message: `${plural(gone.length, 'slice')} vanished: ${ids(gone)}` })
  const demoted = d.slices.flatMap((s) => ((s.kind === 'compared' || s.kind === 'renamed') && s.old.critical && !s.new.critical ? [sliceLabel(s.new)] : []))
  if (demoted.length) add({ code: 'critical-flag-removed', level: 'review', count: demoted.length, message: `no longer critical: ${ids(demoted)}` })

  const metricsGone = d.metrics.filter((m) => m.kind === 'removed').map((m) => m.id)
  if (metricsGone.length) add({ code: 'metric-removed', level: 'review', count: metricsGone.length, message: `${plural(metricsGone.length, 'metric')} removed: ${ids(metricsGone)}` })
  const loose = d.metrics.filter((m) => m.kind === 'compared' && m.thresholdLoosened).map((m) => m.id)
  if (loose.length) add({ code: 'threshold-loosened', level: 'review', count: loose.length, message: `${plural(loose.length, 'threshold')} loosened: ${ids(loose)}` })
  const DEF_FIELDS = new Set(['comparator', 'better', 'dataset', 'split'])
  const redefined = d.metrics.filter((m) => m.kind === 'compared' && m.definitionChanges.some((c) => DEF_FIELDS.has(c.field))).map((m) => m.id)
  if (redefined.length) add({ code: 'metric-definition-changed', level: 'review', count: redefined.length, message: `${plural(redefined.length, 'metric')} redefined: ${ids(redefined)}` })

  const fresh = d.failures.filter((f) => f.kind === 'new' && f.failure.status !== 'resolved')
  if (fresh.length) {
    const critNew = fresh.filter((f) => f.kind === 'new' && f.failure.severity === 'critical').length
    add({ code: 'new-failure-mode', level: critNew ? 'blocked' : 'review', count: fresh.length, message: `${plural(fresh.length, 'new failure mode')}${parts([critNew, 'critical'])}` })
  }
  const reopened = d.failures.filter((f) => f.kind === 'reopened').length
  if (reopened) add({ code: 'failure-reopened', level: 'review', count: reopened, message: `${plural(reopened, 'failure mode')} reopened` })
  const worse = d.failures.filter((f) => f.kind === 'persisting' && f.severity?.direction === 'increased').length
  if (worse) add({ code: 'failure-severity-increased', level: 'review', count: worse, message: `${plural(worse, 'failure mode')} more severe` })

  const section = (code: 'risks-changed' | 'monitoring-changed' | 'guardrails-changed', label: string, entries: readonly { kind: string }[]): void => {
    if (!entries.length) return
    const n = (k: string): number => entries.filter((e) => e.kind === k).length
    add({ code, level: 'review', count: entries.length, message: `${label} changed${parts([n('added'), 'added'], [n('removed'), 'removed'], [n('changed'), 'changed'])}` })
  }
  const lost = d.coverage.entries.filter((e) => e.kind === 'lost').map((e) => e.id)
  if (lost.length) add({ code: 'coverage-lost', level: 'review', count: lost.length, message: `coverage lost: ${ids(lost)} (not watched by any monitoring signal)` })
  section('risks-changed', 'risks', d.risks.entries)
  section('monitoring-changed', 'monitoring', d.monitoring.entries)
  section('guardrails-changed', 'guardrails', d.guardrails.entries)

  if (d.old.name && d.new.name && d.old.name !== d.new.name) {
    add({ code: 'different-pack', level: 'review', count: 1, message: `different packs: ${d.old.name} vs ${d.new.name}` })
  }
  if (d.consecutive === 'no') {
    add({ code: 'not-previous-version', level: 'info', count: 1, message: `new pack's Previous-Version is ${d.new.previousVersion ?? '?'}, not ${d.old.version ?? '?'}` })
  }

  const info = (code: VerdictReason['code'], count: number, message: string): void => {
    if (count) add({ code, level: 'info', count, message })
  }
  info('improvements', d.counts.improvements, plural(d.counts.improvements, 'improvement'))
  info('failures-resolved', d.counts.failuresResolved, `${plural(d.counts.failuresResolved, 'failure mode')} resolved`)
  info('slices-added', d.counts.slicesAdded, `${plural(d.counts.slicesAdded, 'slice')} added`)
  info('slices-renamed', d.counts.slicesRenamed, `${plural(d.counts.slicesRenamed, 'slice')} renamed`)
  const metricsAdded = d.metrics.filter((m) => m.kind === 'added').length
  info('metrics-added', metricsAdded, `${plural(metricsAdded, 'metric')} added`)
  const traceN = d.traceability.changes.length + d.traceability.datasets.entries.length
  info('traceability-changed', traceN, `traceability changed (${ids(d.traceability.changes.map((c) => c.field))})`)
  const gained = d.coverage.entries.filter((e) => e.kind === 'gained').map((e) => e.id)
  info('coverage-gained', gained.length, `coverage gained: ${ids(gained)}`)
  info('files-changed', d.files.entries.length, `${plural(d.files.entries.length, 'file')} added, removed or modified`)

  reasons.sort((a, b) => LEVEL_ORDER[a.level] - LEVEL_ORDER[b.level])
  const level = reasons.some((r) => r.level === 'blocked') ? 'blocked' : reasons.some((r) => r.level === 'review') ? 'review' : 'acceptable'
  const material = reasons.filter((r) => r.level !== 'info').map((r) => r.message)
  const summary = material.length
    ? material.join(', ')
    : d.counts.improvements
      ? `no regressions, ${plural(d.counts.improvements, 'improvement')}`
      : 'no material changes'
  return { level, summary, reasons }
}

/**
 * The CI gate. 'critical': the verdict is blocked (which includes a pack that failed verification).
 * 'regression': blocked, or any regression, new (unresolved) failure mode, reopened failure mode or
 * failure mode grown more severe. 'never': false (the CLI still exits 1 on a failed verification).
 */
export function failOn(diff: PackDiff, on: FailOn): boolean {
  switch (on) {
    case 'never':
      return false
    case 'critical':
      return diff.verdict.level === 'blocked'
    case 'regression':
      return (
        diff.verdict.level === 'blocked' ||
        diff.verdict.reasons.some((r) =>
          (['regressions', 'new-failure-mode', 'failure-reopened', 'failure-severity-increased'] as const).some((c) => c === r.code)
        )
      )
  }
}
