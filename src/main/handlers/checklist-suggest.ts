/**
 * The sign-off checklist with what the evidence says beside each item, where it can say something
 * (issue 5: thresholds met; critical slice regression against the previous release; traceability
 * complete). A suggestion is a hint shown next to the signer's own answer, never the answer.
 * Pure: a function of the reports and the diff (and the domain's items, which follow the default ones).
 */
import { DEFAULT_CHECKLIST } from '../../core/signoff'
import type { ChecklistItemDef } from '../../core/signoff/checklist'
import type { ChecklistItem, PackDiff, VerifyReport } from '../../shared/domain'

type Suggestion = ChecklistItem['suggested']

export function suggestChecklist(report: VerifyReport, previous?: VerifyReport, diff?: PackDiff, domainItems: readonly ChecklistItemDef[] = []): readonly ChecklistItem[] {
  const base = DEFAULT_CHECKLIST.map((item) => {
    const suggested = suggest(item.id, report, previous, diff)
    return suggested ? { id: item.id, text: item.text, suggested } : { id: item.id, text: item.text }
  })
  // A domain's items (domain-checklist.ts) follow, with nothing suggested: only the signer can say.
  return [...base, ...domainItems.filter((d) => !base.some((b) => b.id === d.id)).map((d) => ({ id: d.id, text: d.text }))]
}

function suggest(id: string, report: VerifyReport, previous: VerifyReport | undefined, diff: PackDiff | undefined): Suggestion {
  switch (id) {
    case 'metrics-thresholds': {
      const metrics = report.evidence.metrics?.metrics
      if (!metrics) return undefined
      const withThreshold = metrics.filter((m) => m.threshold !== undefined && m.comparator !== undefined)
      const notMet = report.findings.filter((f) => f.code === 'threshold-not-met')
      if (notMet.length > 0) return { answer: 'no', reason: `${notMet.length} metric(s) miss their threshold: ${notMet.map((f) => f.path ?? f.message).join(', ')}` }
      if (withThreshold.length === 0) return undefined
      return { answer: 'yes', reason: `all ${withThreshold.length} metric(s) with a threshold meet it` }
    }
    case 'no-critical-slice-regression': {
      if (!previous || !diff) {
        return report.pack.previousVersion === undefined ? { answer: 'n/a', reason: 'no previous release is named (first release)' } : undefined
      }
      const critical = diff.regressions.filter((r) => r.scope === 'slice' && r.critical)
      return critical.length > 0
        ? { answer: 'no', reason: `${critical.length} regression(s) in critical slices: ${[...new Set(critical.map((r) => r.slice))].join(', ')}` }
        : { answer: 'yes', reason: `no critical slice regressed against ${previous.pack.version ?? 'the previous release'}` }
    }
    case 'traceability': {
      if (report.traceability.length === 0) return undefined
      const bad = report.traceability.filter((t) => t.status !== 'ok')
      return bad.length > 0
        ? { answer: 'no', reason: `not complete: ${bad.map((t) => `${t.field} (${t.status})`).join(', ')}` }
        : { answer: 'yes', reason: 'every traceability field is present and consistent' }
    }
    default:
      return undefined
  }
}
