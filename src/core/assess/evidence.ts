/**
 * What the pack's own evidence says that an auditor must see at a glance: critical slices below
 * their threshold, open high or critical failure modes, and traceability completeness. Facts read
 * from the verified report, so every surface shows the same ones (docs/verdict.md, `evidence`).
 * They are reported, not judged: the overall status does not depend on them (the release gate and
 * the sign-off checklist do that); a failed pack's evidence is reported as read, and the surfaces
 * say it is unverified.
 */
import { valueMeetsThreshold } from '../format/decimal'
import type { Evidence, Metric } from '../format/evidence'
import { sliceLabel } from '../format/slice-label'
import type { TraceabilityCheck } from '../verify/report'
import type { EvidenceSection } from './types'

export function evidenceSection(evidence: Evidence, traceability: readonly TraceabilityCheck[]): EvidenceSection {
  return {
    criticalSlices: criticalSlices(evidence),
    openFailureModes: openFailureModes(evidence),
    traceability: {
      complete: traceability.length > 0 && traceability.every((c) => c.status === 'ok'),
      ok: traceability.filter((c) => c.status === 'ok').length,
      total: traceability.length,
      gaps: traceability.filter((c) => c.status !== 'ok').map((c) => ({ field: c.field, status: c.status }))
    }
  }
}

/**
 * A critical slice is below threshold when a metric value on it fails that metric's own threshold
 * in metrics.json (value <comparator> threshold does not hold, compared exactly as the verifier does).
 */
function criticalSlices(ev: Evidence): EvidenceSection['criticalSlices'] {
  if (ev.slices === undefined) return null
  const byId = new Map<string, Metric>((ev.metrics?.metrics ?? []).map((m) => [m.id, m]))
  const critical = ev.slices.slices.filter((s) => s.critical)
  const below = critical.flatMap((s) => {
    const failing = Object.entries(s.metrics).flatMap(([id, value]) => {
      const m = byId.get(id)
      if (m === undefined || m.comparator === undefined || m.thresholdLiteral === undefined || valueMeetsThreshold(value, m) !== false) return []
      return [{ metric: id, value, comparator: m.comparator, threshold: m.thresholdLiteral }]
    })
    return failing.length === 0 ? [] : [{ id: s.id, name: s.name ?? null, label: sliceLabel(s), metrics: failing }]
  })
  return { total: critical.length, belowThreshold: below }
}

const GRAVE = { critical: 0, high: 1 } as const

/** Failure modes with status open and severity high or critical, most severe first. */
function openFailureModes(ev: Evidence): EvidenceSection['openFailureModes'] {
  if (ev.failures === undefined) return null
  const open = ev.failures.failures.flatMap((f) =>
    f.status === 'open' && (f.severity === 'high' || f.severity === 'critical') ? [{ id: f.id, title: f.title, severity: f.severity, slice: f.slice ?? null }] : []
  )
  return open.sort((a, b) => GRAVE[a.severity] - GRAVE[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
