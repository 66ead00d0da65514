/**
 * Failure modes across releases: matched by id, then (for what is left) by title, compared
 * case-insensitively after collapsing whitespace, since ids are often renumbered between releases.
 */
import type { Failure } from '../format/evidence'
import { byKey, fieldChanges, SEVERITY_ORDER, severityChange } from './records'
import type { FailureDiff } from './types'

function titleKey(t: string): string {
  return t.trim().replace(/\s+/g, ' ').toLowerCase()
}

const KIND_ORDER: Readonly<Record<FailureDiff['kind'], number>> = { new: 0, reopened: 1, resolved: 2, persisting: 3 }

function sevOf(d: FailureDiff): number {
  return SEVERITY_ORDER[d.kind === 'new' ? d.failure.severity : d.kind === 'resolved' ? d.old.severity : d.new.severity]
}

function pair(o: Failure, n: Failure, matchedBy: 'id' | 'title'): FailureDiff {
  const oRes = o.status === 'resolved'
  const nRes = n.status === 'resolved'
  if (!oRes && nRes) return { kind: 'resolved', id: n.id, how: 'status', old: o, new: n }
  if (oRes && !nRes) return { kind: 'reopened', id: n.id, matchedBy, old: o, new: n }
  const changes = fieldChanges([
    ['id', o.id, n.id],
    ['title', o.title, n.title],
    ['status', o.status, n.status],
    ['slice', o.slice, n.slice],
    ['evidence', o.evidence, n.evidence],
    ['description', o.description, n.description],
    ['monitoredBy', o.monitoredBy?.join(', '), n.monitoredBy?.join(', ')]
  ])
  return { kind: 'persisting', id: n.id, matchedBy, old: o, new: n, severity: severityChange(o.severity, n.severity), changes }
}

export function diffFailures(oldList: readonly Failure[], newList: readonly Failure[]): FailureDiff[] {
  const oldById = byKey(oldList, (f) => f.id)
  const newById = byKey(newList, (f) => f.id)
  const out: FailureDiff[] = []
  const unmatchedNew: Failure[] = []
  for (const n of newById.values()) {
    const o = oldById.get(n.id)
    if (o) out.push(pair(o, n, 'id'))
    else unmatchedNew.push(n)
  }
  const oldByTitle = new Map<string, Failure[]>()
  for (const o of oldById.values()) {
    if (newById.has(o.id)) continue
    const k = titleKey(o.title)
    const g = oldByTitle.get(k)
    if (g) g.push(o)
    else oldByTitle.set(k, [o])
  }
  for (const n of unmatchedNew) {
    const o = oldByTitle.get(titleKey(n.title))?.shift()
    out.push(o ? pair(o, n, 'title') : { kind: 'new', id: n.id, failure: n })
  }
  for (const group of oldByTitle.values()) {
    for (const o of group) {
      // Already resolved and now dropped from the list: history, not a change.
      if (o.status !== 'resolved') out.push({ kind: 'resolved', id: o.id, how: 'removed', old: o })
    }
  }
  out.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || sevOf(b) - sevOf(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return out
}
