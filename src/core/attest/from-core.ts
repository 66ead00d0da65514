/**
 * The adapter from the core's PackDiff to the view section 3 prints, and `attestationInput` to
 * assemble everything. Pure.
 */
import type { Assessment } from '../assess/types'
import type { AttestationCurves } from '../curves/attestation'
import type { FieldChange, FieldValue, PackDiff, RecordDiff, VerificationSide } from '../diff/types'
import type { VerifyReport } from '../verify/report'
import { safeJson } from '../text/safe-text'
import { baseName } from './sections/format'
import type { AttestationInput, DiffChangeView, DiffView, TrustFileView } from './input'

const val = (v: FieldValue): string => (v === null ? '—' : String(v))

function fieldChanges(changes: readonly FieldChange[]): string {
  return changes.map((c) => `${c.field}: ${val(c.old)} → ${val(c.new)}`).join('; ')
}

function recordChanges<T>(entries: readonly RecordDiff<T>[], label: (r: T) => string): DiffChangeView[] {
  return entries.map((e) => {
    switch (e.kind) {
      case 'added':
        return { subject: `${e.id}: ${label(e.new)}`, after: 'added', detail: 'new in this release' }
      case 'removed':
        return { subject: `${e.id}: ${label(e.old)}`, before: 'present', after: 'removed', detail: 'removed in this release', severe: true }
      case 'changed':
        return { subject: `${e.id}: ${label(e.new)}`, detail: fieldChanges(e.changes) }
    }
  })
}

export function diffView(d: PackDiff): DiffView {
  const regressions: DiffChangeView[] = d.regressions.map((r) => {
    const c = r.comparison
    const why = [
      r.critical ? (r.scope === 'slice' ? 'critical slice' : 'headline metric') : '',
      c.threshold.crossed === 'pass-to-fail' ? 'threshold crossed (pass → fail)' : '',
      r.reasons.includes('beyond-tolerance') ? `beyond tolerance (Δ ${c.absoluteLiteral})` : '',
      r.lowConfidence ? 'low-confidence slice' : ''
    ].filter(Boolean)
    return {
      subject: r.scope === 'metric' ? `metric ${r.metric}` : `slice ${r.slice ?? '?'} / ${r.metric}`,
      before: c.oldLiteral,
      after: c.newLiteral,
      detail: `${r.level}: ${why.join(', ')}`,
      severe: r.level === 'critical'
    }
  })
  const newFailureModes: DiffChangeView[] = []
  for (const f of d.failures) {
    if (f.kind === 'new') newFailureModes.push({ subject: `${f.id}: ${f.failure.title}`, after: f.failure.severity, detail: `new, ${f.failure.status}`, severe: f.failure.severity === 'critical' || f.failure.severity === 'high' })
    else if (f.kind === 'reopened') newFailureModes.push({ subject: `${f.id}: ${f.new.title}`, before: f.old.status, after: f.new.status, detail: 'reopened', severe: true })
  }
  const level = d.verdict.level
  return {
    previous: { name: d.old.name, version: d.old.version, digest: d.old.digest, status: d.verification.old.status, ok: d.verification.old.ok },
    verdictLabel: level === 'acceptable' ? 'Acceptable' : level === 'review' ? 'Review needed' : 'Blocked',
    verdict: d.verdict.summary || (level === 'acceptable' ? 'No regressions or changes of concern' : level),
    verdictTone: level === 'acceptable' ? 'ok' : level === 'review' ? 'warn' : 'bad',
    reasons: d.verdict.reasons.filter((r) => r.level !== 'info').map((r) => r.message),
    regressions,
    newFailureModes,
    monitoringChanges: recordChanges(d.monitoring.entries, (s) => s.signal),
    policyChanges: recordChanges(d.guardrails.entries, (g) => `${g.kind} ${g.setting}`),
    regressedSlices: [...new Set(d.regressions.flatMap((r) => (r.scope === 'slice' && r.slice !== undefined ? [r.slice] : [])))],
    json: `${safeJson(attachedDiff(d))}\n`
  }
}

/**
 * The diff as attached: every section and every regression (regressions[] carries each regressed
 * value with its comparison), but whole per-slice entries only for slices added, removed or
 * renamed and for critical slices that regressed: a 5,000-slice diff is otherwise tens of MB.
 * `vouch diff <old> <new> --json` recomputes the whole thing from the two packs.
 */
export function attachedDiff(d: PackDiff): PackDiff & { readonly slicesOmitted: number } {
  const regressed = new Set(d.regressions.flatMap((r) => (r.slice === undefined || !r.critical ? [] : [r.slice])))
  const slices = d.slices.filter((s) => s.kind === 'added' || s.kind === 'removed' || s.kind === 'renamed' || regressed.has(s.id))
  // Where the packs sit is not part of the record (as in verification.json): same packs, same bytes anywhere.
  const at = (v: VerificationSide): VerificationSide => ({ ...v, location: baseName(v.location) })
  const verification = { old: at(d.verification.old), new: at(d.verification.new) }
  return { ...d, verification, slices, slicesOmitted: d.slices.length - slices.length }
}

/** Everything the attestation needs, from the core's results. */
export function attestationInput(args: {
  readonly report: VerifyReport
  readonly assessment: Assessment
  readonly previous?: VerifyReport
  readonly diff?: PackDiff
  readonly trust?: TrustFileView
  readonly curves?: AttestationCurves
}): AttestationInput {
  const previous = args.previous || args.diff ? { report: args.previous, diff: args.diff ? diffView(args.diff) : undefined } : undefined
  return {
    report: args.report,
    assessment: args.assessment,
    ...(previous ? { previous } : {}),
    ...(args.trust ? { trust: args.trust } : {}),
    ...(args.curves ? { curves: args.curves } : {})
  }
}
