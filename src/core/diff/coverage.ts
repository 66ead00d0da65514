/**
 * Risk coverage across releases: which serious risks and failure modes gained or lost a monitoring
 * signal that watches them (src/core/coverage is the rule; docs/diff.md the kinds).
 */
import { riskCoverage, uncoveredWhy, type CoverageItem, type RiskCoverage } from '../coverage/coverage'
import type { Evidence } from '../format/evidence'
import type { CoverageChange, CoverageDiff, CoverageState } from './types'

const key = (x: Pick<CoverageItem, 'kind' | 'id'>): string => `${x.kind}\u0000${x.id}`
const watchers = (x: CoverageItem): string[] => x.signals.filter((s) => s.counts).map((s) => s.id)
const state = (x: CoverageItem | undefined): CoverageState | null => (x ? { required: x.required, covered: x.covered, signals: watchers(x) } : null)
const gap = (x: CoverageItem | undefined): boolean => x !== undefined && x.required && !x.covered
const list = (ids: readonly string[]): string => ids.join(', ')

function byKey(c: RiskCoverage): Map<string, CoverageItem> {
  const m = new Map<string, CoverageItem>()
  for (const x of c.items) if (!m.has(key(x))) m.set(key(x), x)
  return m
}

function lostWhy(o: CoverageItem | undefined, n: CoverageItem): string {
  if (!o) return `new in this release and not watched: ${uncoveredWhy(n)}`
  if (!o.required) return `now needs watching (${n.severity}, ${n.status}; was ${o.severity}, ${o.status}) and is not watched: ${uncoveredWhy(n)}`
  return `was watched by ${list(watchers(o))}; now ${uncoveredWhy(n)}`
}

function gainedWhy(o: CoverageItem | undefined, n: CoverageItem | undefined): string {
  if (!n) return 'no longer listed'
  if (!n.required) return `no longer needs watching (${n.severity}, ${n.status})`
  if (!o) return `new in this release, watched by ${list(watchers(n))}`
  if (!o.required) return `now needs watching (${n.severity}, ${n.status}) and is watched by ${list(watchers(n))}`
  return `now watched by ${list(watchers(n))}`
}

/** Empty (and both summaries null) unless both releases have a valid monitoring plan. */
export function diffCoverage(oldEv: Evidence, newEv: Evidence): CoverageDiff {
  const oc = riskCoverage(oldEv)
  const nc = riskCoverage(newEv)
  if (!oc.assessed || !nc.assessed) {
    return { entries: [], stillUncovered: 0, old: oc.assessed ? { required: oc.required, covered: oc.covered } : null, new: nc.assessed ? { required: nc.required, covered: nc.covered } : null }
  }
  const om = byKey(oc)
  const nm = byKey(nc)
  const entries: CoverageChange[] = []
  let stillUncovered = 0
  for (const k of new Set([...om.keys(), ...nm.keys()])) {
    const o = om.get(k)
    const n = nm.get(k)
    const x = (n ?? o) as CoverageItem
    const entry = (kind: CoverageChange['kind'], why: string): void =>
      void entries.push({ kind, item: x.kind, id: x.id, title: x.title, severity: x.severity, old: state(o), new: state(n), why })
    if (gap(n) && gap(o)) stillUncovered++
    else if (gap(n)) entry('lost', lostWhy(o, n as CoverageItem))
    else if (gap(o)) entry('gained', gainedWhy(o, n))
    else if (n?.required && n.covered) {
      if (!o?.required) entry('gained', gainedWhy(o, n))
      else if (list(watchers(o)) !== list(watchers(n))) entry('changed', `watched by ${list(watchers(n))} (was ${list(watchers(o))})`)
    }
  }
  const order = { lost: 0, gained: 1, changed: 2 } as const
  entries.sort((a, b) => order[a.kind] - order[b.kind] || (a.item === b.item ? 0 : a.item === 'risk' ? -1 : 1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
  return { entries, stillUncovered, old: { required: oc.required, covered: oc.covered }, new: { required: nc.required, covered: nc.covered } }
}
