/**
 * The links an auditor follows between parts of a pack: a failure mode to the slice it names and
 * the file it cites; a slice to its failure modes and monitoring signals; a risk to the monitoring
 * signals and guardrails its text mentions by id (packs write "(MON-06)" in a mitigation). Pure
 * readings of the evidence for navigation: nothing here judges the pack.
 */
import type { Evidence, Failure, MonitoringSignal } from '../../../core/format/evidence'

/** Ids from `known` that appear in the text as whole words ("MON-06", not "MON-061"). */
export function mentionedIds(text: string, known: readonly string[]): readonly string[] {
  return known.filter((id) => new RegExp(`(^|[^A-Za-z0-9_-])${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z0-9_-])`).test(text))
}

export function failuresBySlice(ev: Evidence): ReadonlyMap<string, readonly Failure[]> {
  const m = new Map<string, Failure[]>()
  for (const f of ev.failures?.failures ?? []) if (f.slice !== undefined) m.set(f.slice, [...(m.get(f.slice) ?? []), f])
  return m
}

export function signalsBySlice(ev: Evidence): ReadonlyMap<string, readonly MonitoringSignal[]> {
  const m = new Map<string, MonitoringSignal[]>()
  for (const s of ev.monitoring?.signals ?? []) if (s.slice !== undefined) m.set(s.slice, [...(m.get(s.slice) ?? []), s])
  return m
}

/** The pack path a failure's evidence names, when it is a file of the pack ("data/model-card.md#limitations" -> "data/model-card.md"). */
export function citedFile(evidence: string, files: ReadonlySet<string>): string | undefined {
  const path = evidence.split('#', 1)[0]?.trim() ?? ''
  return files.has(path) ? path : undefined
}

/** Anchor ids inside the pack view (one per linkable record). */
export const anchorId = {
  slice: (id: string): string => `slice-${id}`,
  failure: (id: string): string => `failure-${id}`,
  signal: (id: string): string => `signal-${id}`,
  guardrail: (id: string): string => `guardrail-${id}`,
  risk: (id: string): string => `risk-${id}`
} as const
