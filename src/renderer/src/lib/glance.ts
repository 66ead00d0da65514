/**
 * The lines of the "at a glance" card, each a fact of the host's assessment (never a verdict of
 * the renderer's own) in words, with a tone and the section it links to. Pure, so the words are
 * tested without a browser. Order: what an auditor must know first.
 */
import { statusInfo } from '../../../core/assess/status'
import type { Assessment } from './api'
import { anchorId } from './cross-links'
import { formatCount, plural } from './format'
import type { SectionId } from '../store/ui-slice'

export type GlanceTone = 'ok' | 'warn' | 'bad' | 'neutral'
export type GlanceId = 'integrity' | 'approval' | 'gate' | 'reproducibility' | 'critical-slices' | 'failure-modes' | 'traceability'

export interface GlanceLine {
  readonly id: GlanceId
  readonly label: string
  readonly tone: GlanceTone
  readonly text: string
  /** Names behind a count (slices, failure modes, fields), at most a few. */
  readonly items?: readonly string[]
  /** Where the line leads: the section and, optionally, an anchor in it. */
  readonly link: { readonly section: SectionId | 'compare'; readonly anchor?: string; readonly label: string }
}

export const GLANCE_SYMBOL: Readonly<Record<GlanceTone, string>> = { ok: '✓', warn: '!', bad: '✕', neutral: '–' }

const MAX_ITEMS = 4

function shown(xs: readonly string[]): readonly string[] {
  return xs.length <= MAX_ITEMS ? xs : [...xs.slice(0, MAX_ITEMS), `and ${formatCount(xs.length - MAX_ITEMS)} more`]
}

function integrityLine(a: Assessment): GlanceLine {
  const i = a.integrity
  const link = { section: 'files' as const, label: 'Files' }
  switch (i.status) {
    case 'verified':
      return { id: 'integrity', label: 'Integrity', tone: 'ok', text: `Verified: every file matches its manifest (${plural(i.stats.filesChecked, 'file')})`, link }
    case 'failed':
      return {
        id: 'integrity',
        label: 'Integrity',
        tone: 'bad',
        // The failing files are named just below, in the failed-pack banner.
        text: `Failed: ${plural(i.counts.error, 'error')} in ${plural(i.failing.total, 'file')}; do not rely on the evidence`,
        link: { section: 'findings', label: 'Findings' }
      }
    case 'incomplete':
      return { id: 'integrity', label: 'Integrity', tone: 'warn', text: 'Not established: verification did not finish', link }
  }
}

function approvalLine(a: Assessment): GlanceLine {
  const ap = a.approval
  const link = { section: 'signoff' as const, label: 'Sign-off' }
  const signoffs = a.signoffs.length === 0 ? 'no sign-off yet' : plural(a.signoffs.length, 'sign-off')
  if (!ap.assessed) return { id: 'approval', label: 'Approval', tone: 'neutral', text: `Not assessed: no trust file (${signoffs})`, link }
  const info = statusInfo(ap.status)
  const missing = ap.roles.filter((r) => r.status === 'missing').map((r) => r.role)
  const rejected = ap.roles.filter((r) => r.status === 'rejected').map((r) => r.role)
  const why =
    ap.status === 'rejected'
      ? `: rejected as ${rejected.join(', ')}`
      : ap.status === 'not-approved' && missing.length > 0
        ? `: no counting approval as ${missing.join(', ')}`
        : ap.status === 'not-approved'
          ? ''
          : ` (${ap.requiredRoles.join(', ')})`
  return { id: 'approval', label: 'Approval', tone: info.tone, text: `${info.app}${why}; ${signoffs}`, link }
}

function gateLine(a: Assessment): GlanceLine {
  const g = a.gate
  const link = { section: 'compare' as const, label: 'Compare' }
  if (g === null) {
    const named = a.pack.previousVersion
    return named === null
      ? { id: 'gate', label: 'Release gate', tone: 'neutral', text: 'No previous release: this pack names none (Previous-Version)', link }
      : { id: 'gate', label: 'Release gate', tone: 'warn', text: `Not checked: the previous release (${named}) is not known; choose it below`, link }
  }
  const against = [g.previous.name, g.previous.version].filter((x) => x !== null).join(' ') || 'the previous release'
  const words = { blocked: 'Blocked', review: 'Needs review', acceptable: 'Acceptable' } as const
  const tone = g.verdict === 'blocked' ? 'bad' : g.verdict === 'review' ? 'warn' : 'ok'
  // The verdict's reasons that need a person (blocking first), as core words them.
  const reasons = g.reasons.filter((r) => r.level !== 'info').map((r) => (r.level === 'blocked' ? `blocks: ${r.message}` : r.message))
  return { id: 'gate', label: 'Release gate', tone, text: `${words[g.verdict]} against ${against}`, ...(reasons.length > 0 ? { items: shown(reasons) } : {}), link }
}

/** A line about the evidence: never green when the files did not verify. */
function unverified(a: Assessment, line: GlanceLine): GlanceLine {
  if (a.integrity.status === 'verified') return line
  return { ...line, tone: line.tone === 'ok' ? 'neutral' : line.tone, text: `${line.text} (from files that did not verify)` }
}

function criticalSlicesLine(a: Assessment): GlanceLine {
  const c = a.evidence?.criticalSlices ?? null
  const link = { section: 'evaluation' as const, anchor: 'slices-title', label: 'Evaluation' }
  if (c === null) return { id: 'critical-slices', label: 'Critical slices', tone: 'warn', text: 'Not known: the pack has no valid slices.json', link }
  if (c.total === 0) return { id: 'critical-slices', label: 'Critical slices', tone: 'neutral', text: 'The pack marks no slice as critical', link }
  const below = c.belowThreshold
  if (below.length === 0) return { id: 'critical-slices', label: 'Critical slices', tone: 'ok', text: `None of ${plural(c.total, 'critical slice')} is below its threshold`, link }
  return {
    id: 'critical-slices',
    label: 'Critical slices',
    tone: 'bad',
    text: `${formatCount(below.length)} of ${plural(c.total, 'critical slice')} below threshold`,
    // Non-breaking spaces keep "auc 0.7171 (needs >= 0.75)" from splitting between a comparator and its value.
    items: shown(below.map((s) => `${s.label}: ${s.metrics.map((m) => `${m.metric}\u00a0${m.value} (needs\u00a0${m.comparator}\u00a0${m.threshold})`).join(', ')}`)),
    link: { ...link, anchor: anchorId.slice(below[0]?.id ?? '') }
  }
}

function failureModesLine(a: Assessment): GlanceLine {
  const f = a.evidence?.openFailureModes ?? null
  const link = { section: 'evaluation' as const, anchor: 'failures-title', label: 'Failure notes' }
  if (f === null) return { id: 'failure-modes', label: 'Failure modes', tone: 'warn', text: 'Not known: the pack has no valid failures.json', link }
  if (f.length === 0) return { id: 'failure-modes', label: 'Failure modes', tone: 'ok', text: 'No open high or critical failure mode', link }
  return {
    id: 'failure-modes',
    label: 'Failure modes',
    tone: 'bad',
    text: `${formatCount(f.length)} open with high or critical severity`,
    items: shown(f.map((x) => `${x.id} ${x.title} (${x.severity})`)),
    link: { ...link, anchor: anchorId.failure(f[0]?.id ?? '') }
  }
}

function traceabilityLine(a: Assessment): GlanceLine {
  const t = a.evidence?.traceability
  const link = { section: 'traceability' as const, label: 'Traceability' }
  if (t === undefined || t.total === 0) return { id: 'traceability', label: 'Traceability', tone: 'warn', text: 'Not known: the pack has no valid traceability.json', link }
  if (t.complete) return { id: 'traceability', label: 'Traceability', tone: 'ok', text: `Complete: ${formatCount(t.ok)} of ${plural(t.total, 'field')}`, link }
  const gaps = t.total - t.ok
  return {
    id: 'traceability',
    label: 'Traceability',
    tone: 'bad',
    text: `${gaps === 1 ? '1 field needs' : `${formatCount(gaps)} fields need`} attention (${formatCount(t.ok)} of ${formatCount(t.total)} complete)`,
    items: shown(t.gaps.map((g) => `${g.field}: ${g.status}`)),
    link
  }
}

/** Claims you can re-check: the numbers recomputed from the predictions the pack ships (core's one line). */
function reproducibilityLine(a: Assessment): GlanceLine | null {
  const r = a.reproducibility
  if (r === null) return null
  const link = { section: 'evaluation' as const, label: 'Evaluation' }
  const base = { id: 'reproducibility' as const, label: 'Reproducibility', link }
  switch (r.status) {
    case 'reproduced':
      return { ...base, tone: 'ok', text: r.summary.text }
    case 'not-reproduced': {
      const bad = r.claims.filter((c) => c.status === 'not-reproduced')
      const what = (c: (typeof bad)[number]): string =>
        `${[c.metric, c.slice].filter((x) => x !== undefined).join(' · ')} ${c.field}: claimed ${c.claimed}${c.recomputed === undefined ? '' : `, recomputed ${c.recomputed}`}`
      return { ...base, tone: 'bad', text: r.summary.text, items: shown(bad.map(what)) }
    }
    case 'not-recomputable':
      return { ...base, tone: 'warn', text: r.summary.text }
    case 'no-predictions':
      return { ...base, tone: 'neutral', text: 'Not checked: the pack ships no predictions to recompute its numbers from' }
  }
}

/**
 * Every line, in reading order. A later fact of the assessment gets its line here, where it
 * belongs (reproducibility, issue #12, after the release gate; shown when the host recomputed).
 */
export function glanceLines(a: Assessment): readonly GlanceLine[] {
  if (a.evidence === null) return [integrityLine(a)]
  const reproduced = reproducibilityLine(a)
  return [
    integrityLine(a),
    approvalLine(a),
    gateLine(a),
    ...(reproduced === null ? [] : [unverified(a, reproduced)]),
    unverified(a, criticalSlicesLine(a)),
    unverified(a, failureModesLine(a)),
    unverified(a, traceabilityLine(a))
  ]
}
