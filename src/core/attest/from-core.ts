/**
 * Adapters from the core's own results (PackDiff, SignoffAssessment) to the views the PDF prints,
 * and `attestationInput` to assemble everything. Pure.
 */
import type { FieldChange, FieldValue, PackDiff, RecordDiff, VerificationSide } from '../diff/types'
import type { SignoffAssessment, SignoffResult } from '../signoff/assess'
import type { VerifyReport } from '../verify/report'
import { safeJson } from '../text/safe-text'
import { baseName } from './sections/format'
import type { AttestationInput, DiffChangeView, DiffView, SignoffsView, SignoffView, TrustFileView } from './input'

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

function signoffView(r: SignoffResult, trustFile: boolean): SignoffView {
  const s = r.signoff
  const trust: SignoffView['trust'] =
    r.status === 'valid-trusted' ? 'trusted' : r.status === 'valid-untrusted' ? (trustFile ? 'untrusted' : 'not-checked') : r.status
  const detail = r.problem?.message ?? (r.status === 'valid-trusted' && !r.counts ? 'does not count towards approval' : undefined)
  return {
    path: r.path,
    signer: s?.signerName,
    role: s?.role,
    fingerprint: s?.fingerprint,
    decision: s?.decision,
    time: s?.signedAt,
    checklist: (s?.checklist ?? []).map((c) => ({ item: c.text || c.id, answer: c.answer, note: c.note || undefined })),
    comment: s?.comment || undefined,
    trust,
    detail: r.trustedAs && r.status === 'valid-trusted' ? (detail ?? `trusted as ${r.trustedAs.name} (${r.trustedAs.roles.join(', ')})`) : detail
  }
}

export function signoffsView(a: SignoffAssessment): SignoffsView {
  return {
    signoffs: a.signoffs.map((r) => signoffView(r, a.trustFile)),
    approval: a.trustFile
      ? {
          verdict: a.status === 'approved' ? 'Approved' : a.status === 'rejected' ? 'Rejected' : 'Not approved',
          tone: a.status === 'approved' ? 'ok' : 'bad',
          reasons: a.reasons,
          requiredRoles: a.requiredRoles
        }
      : undefined
  }
}

/** Everything the attestation needs, from the core's results. */
export function attestationInput(args: {
  readonly report: VerifyReport
  readonly previous?: VerifyReport
  readonly diff?: PackDiff
  readonly assessment?: SignoffAssessment
  readonly trust?: TrustFileView
}): AttestationInput {
  const previous = args.previous || args.diff ? { report: args.previous, diff: args.diff ? diffView(args.diff) : undefined } : undefined
  return {
    report: args.report,
    previous,
    signoffs: args.assessment ? signoffsView(args.assessment) : undefined,
    trust: args.trust
  }
}
