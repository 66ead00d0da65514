/**
 * Records keyed by id (risks, monitoring signals, guardrails, datasets), traceability and files.
 */
import type { DatasetRef, Guardrail, Likelihood, MonitoringSignal, Risk, Severity4, TraceabilityDoc } from '../format/evidence'
import type { FileRecord } from '../verify/report'
import type { FieldChange, FieldValue, FileDiff, RecordDiff, RiskDiff, Section, SeverityChange, TraceabilityDiff } from './types'

/** First occurrence wins (validation reports duplicate ids; the diff must not crash on them). */
export function byKey<T>(xs: readonly T[], key: (x: T) => string): Map<string, T> {
  const m = new Map<string, T>()
  for (const x of xs) {
    const k = key(x)
    if (!m.has(k)) m.set(k, x)
  }
  return m
}

type Raw = FieldValue | undefined
export function fieldChanges(pairs: readonly (readonly [string, Raw, Raw])[]): FieldChange[] {
  const out: FieldChange[] = []
  for (const [field, o, n] of pairs) {
    const a = o ?? null
    const b = n ?? null
    if (a !== b) out.push({ field, old: a, new: b })
  }
  return out
}

function diffRecords<T extends { readonly id: string }>(
  oldList: readonly T[],
  newList: readonly T[],
  fields: (x: T) => readonly (readonly [string, Raw])[]
): Section<RecordDiff<T>> {
  const oldById = byKey(oldList, (x) => x.id)
  const newById = byKey(newList, (x) => x.id)
  const entries: RecordDiff<T>[] = []
  let unchanged = 0
  for (const [id, o] of oldById) if (!newById.has(id)) entries.push({ kind: 'removed', id, old: o })
  for (const [id, n] of newById) {
    const o = oldById.get(id)
    if (!o) {
      entries.push({ kind: 'added', id, new: n })
      continue
    }
    const fo = fields(o)
    const fn = fields(n)
    const changes = fieldChanges(fo.map(([f, v], i) => [f, v, fn[i]?.[1]] as const))
    if (changes.length === 0) unchanged++
    else entries.push({ kind: 'changed', id, old: o, new: n, changes })
  }
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { entries, unchanged }
}

export const SEVERITY_ORDER: Readonly<Record<Severity4, number>> = { low: 0, medium: 1, high: 2, critical: 3 }
const LIKELIHOOD_ORDER: Readonly<Record<Likelihood, number>> = { rare: 0, unlikely: 1, possible: 2, likely: 3, 'almost-certain': 4 }

export function severityChange(o: Severity4, n: Severity4): SeverityChange | null {
  if (o === n) return null
  return { old: o, new: n, direction: SEVERITY_ORDER[n] > SEVERITY_ORDER[o] ? 'increased' : 'decreased' }
}

export function diffRisks(oldList: readonly Risk[], newList: readonly Risk[]): Section<RiskDiff> {
  const s = diffRecords(oldList, newList, (r) => [
    ['hazard', r.hazard],
    ['severity', r.severity],
    ['likelihood', r.likelihood],
    ['mitigation', r.mitigation],
    ['owner', r.owner],
    ['status', r.status],
    ['monitoredBy', r.monitoredBy?.join(', ')]
  ])
  const entries = s.entries.map((e): RiskDiff => {
    if (e.kind !== 'changed') return e
    const l = e.old.likelihood === e.new.likelihood
      ? null
      : { old: e.old.likelihood, new: e.new.likelihood, direction: LIKELIHOOD_ORDER[e.new.likelihood] > LIKELIHOOD_ORDER[e.old.likelihood] ? ('increased' as const) : ('decreased' as const) }
    return { ...e, severity: severityChange(e.old.severity, e.new.severity), likelihood: l }
  })
  return { entries, unchanged: s.unchanged }
}

export function diffMonitoring(oldList: readonly MonitoringSignal[], newList: readonly MonitoringSignal[]): Section<RecordDiff<MonitoringSignal>> {
  return diffRecords(oldList, newList, (m) => [
    ['signal', m.signal],
    ['metric', m.metric],
    ['slice', m.slice],
    ['threshold', m.threshold],
    ['comparator', m.comparator],
    ['window', m.window],
    ['action', m.action],
    ['owner', m.owner],
    ['escalation', m.escalation]
  ])
}

export function diffGuardrails(oldList: readonly Guardrail[], newList: readonly Guardrail[]): Section<RecordDiff<Guardrail>> {
  return diffRecords(oldList, newList, (g) => [
    ['kind', g.kind],
    ['setting', g.setting],
    ['value', g.value],
    ['description', g.description]
  ])
}

function datasetFields(d: DatasetRef): readonly (readonly [string, Raw])[] {
  return [
    ['version', d.version],
    ['digest', d.digest],
    ['splits', d.splits.join(',')]
  ]
}

export function diffTraceability(o: TraceabilityDoc | undefined, n: TraceabilityDoc | undefined): TraceabilityDiff {
  const keys = ['commit', 'repository', 'dataVersion', 'dataDigest', 'runId', 'pipeline', 'started', 'finished'] as const
  const changes = fieldChanges(keys.map((k) => [k, o?.[k], n?.[k]] as const))
  const envO = o?.environment ?? {}
  const envN = n?.environment ?? {}
  const envKeys = [...new Set([...Object.keys(envO), ...Object.keys(envN)])].sort()
  const own = (o: Readonly<Record<string, string>>, k: string): string | undefined => (Object.hasOwn(o, k) ? o[k] : undefined)
  changes.push(...fieldChanges(envKeys.map((k) => [`environment.${k}`, own(envO, k), own(envN, k)] as const)))
  return { changes, datasets: diffRecords(o?.datasets ?? [], n?.datasets ?? [], datasetFields) }
}

/** Sign-off envelopes are left out: they live outside the pack digest and are compared by sign-off. */
export function diffFiles(oldFiles: readonly FileRecord[], newFiles: readonly FileRecord[]): Section<FileDiff> {
  const keep = (f: FileRecord): boolean => f.status !== 'signoff'
  const oldByPath = byKey(oldFiles.filter(keep), (f) => f.path)
  const newByPath = byKey(newFiles.filter(keep), (f) => f.path)
  const entries: FileDiff[] = []
  let unchanged = 0
  for (const [path, f] of oldByPath) if (!newByPath.has(path)) entries.push({ kind: 'removed', path, sha256: f.sha256, size: f.size })
  for (const [path, n] of newByPath) {
    const o = oldByPath.get(path)
    if (!o) entries.push({ kind: 'added', path, sha256: n.sha256, size: n.size })
    else if (o.sha256 !== n.sha256 || (o.sha256 === undefined && o.size !== n.size)) {
      entries.push({ kind: 'modified', path, old: { sha256: o.sha256, size: o.size }, new: { sha256: n.sha256, size: n.size } })
    } else unchanged++
  }
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  return { entries, unchanged }
}
