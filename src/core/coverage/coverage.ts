/**
 * Risk coverage: does every serious risk and failure mode name a monitoring signal that watches it
 * in production? Pure, over the evidence. One result feeds every surface: the verifier's findings
 * (`risk-not-monitored`), the `coverage` requirement, the diff (gained and lost), the app's
 * coverage map and the PDF's list of uncovered risks. docs/pack-format.md section 5.2 is the rule.
 */
import type { Finding } from '../findings'
import { EVIDENCE_PATHS, type Comparator, type Evidence, type MonitoringSignal, type Severity4 } from '../format/evidence'
import { coverageFinding } from './codes'

export type CoveredKind = 'risk' | 'failure'

/** One signal an item names in `monitoredBy`, as the plan has it. */
export interface WatchingSignal {
  readonly id: string
  /** In the plan, with a non-blank owner and action and a finite threshold: it watches. */
  readonly counts: boolean
  /** Why it does not count (absent when it does). */
  readonly problem?: string
  /** The plan's entry, when the plan has one. */
  readonly signal?: {
    readonly signal: string
    readonly metric: string
    readonly slice?: string
    readonly comparator: Comparator
    readonly threshold: number
    readonly window: string
    readonly action: string
    readonly owner: string
  }
}

export interface CoverageItem {
  readonly kind: CoveredKind
  readonly id: string
  /** A risk's hazard or a failure mode's title. */
  readonly title: string
  readonly severity: Severity4
  /** Risk status (absent reads as open) or failure-mode status. */
  readonly status: string
  /** Severity high or critical and still active (a risk not closed, an open failure mode): it must be watched. */
  readonly required: boolean
  /** The signals it names, in its order. */
  readonly signals: readonly WatchingSignal[]
  /** At least one named signal counts. */
  readonly covered: boolean
  readonly path: string
  readonly pointer: string
}

export interface RiskCoverage {
  /** False when the monitoring plan is missing or invalid: no coverage can be established (another finding says why). */
  readonly assessed: boolean
  /** Every risk, then every failure mode, in document order. */
  readonly items: readonly CoverageItem[]
  /** Items that must be watched, and how many of them are. */
  readonly required: number
  readonly covered: number
}

const SERIOUS: ReadonlySet<Severity4> = new Set(['high', 'critical'])
const blank = (s: string): boolean => s.trim() === ''

function watching(id: string, plan: ReadonlyMap<string, MonitoringSignal>): WatchingSignal {
  const s = plan.get(id)
  if (!s) return { id, counts: false, problem: `${id} is not in ${EVIDENCE_PATHS.monitoring}` }
  const missing = [blank(s.owner) ? 'owner' : '', Number.isFinite(s.threshold) ? '' : 'threshold', blank(s.action) ? 'action' : ''].filter(Boolean)
  const entry = { signal: s.signal, metric: s.metric, ...(s.slice !== undefined ? { slice: s.slice } : {}), comparator: s.comparator, threshold: s.threshold, window: s.window, action: s.action, owner: s.owner }
  return missing.length ? { id, counts: false, problem: `${id} has no ${missing.join(' or ')}`, signal: entry } : { id, counts: true, signal: entry }
}

export function riskCoverage(ev: Evidence): RiskCoverage {
  const plan = new Map<string, MonitoringSignal>()
  for (const s of ev.monitoring?.signals ?? []) if (!plan.has(s.id)) plan.set(s.id, s)
  const items: CoverageItem[] = []
  const add = (kind: CoveredKind, x: { id: string; severity: Severity4; monitoredBy?: readonly string[] }, title: string, status: string, active: boolean, path: string, pointer: string): void => {
    const signals = [...new Set(x.monitoredBy ?? [])].map((id) => watching(id, plan))
    items.push({ kind, id: x.id, title, severity: x.severity, status, required: active && SERIOUS.has(x.severity), signals, covered: signals.some((s) => s.counts), path, pointer })
  }
  ev.risks?.risks.forEach((r, i) => add('risk', r, r.hazard, r.status ?? 'open', r.status !== 'closed', EVIDENCE_PATHS.risks, `/risks/${i}`))
  ev.failures?.failures.forEach((f, i) => add('failure', f, f.title, f.status, f.status === 'open', EVIDENCE_PATHS.failures, `/failures/${i}`))
  const required = items.filter((x) => x.required)
  return { assessed: ev.monitoring !== undefined, items, required: required.length, covered: required.filter((x) => x.covered).length }
}

/** The items the rule finds unwatched (none when coverage could not be assessed). */
export function uncoveredItems(c: RiskCoverage): readonly CoverageItem[] {
  return c.assessed ? c.items.filter((x) => x.required && !x.covered) : []
}

/** Why an item is not watched, naming the signals it names. */
export function uncoveredWhy(x: CoverageItem): string {
  if (x.signals.length === 0) return 'it names no monitoring signal (monitoredBy)'
  return x.signals.map((s) => s.problem ?? `${s.id} does not count`).join('; ')
}

export function itemLabel(x: Pick<CoverageItem, 'kind' | 'id' | 'severity' | 'status'>): string {
  return `${x.kind === 'risk' ? 'risk' : 'failure mode'} ${x.id} (${x.severity}, ${x.status})`
}

/** One `risk-not-monitored` warning per serious item no signal watches. */
export function coverageFindings(c: RiskCoverage): Finding[] {
  return uncoveredItems(c).map((x) =>
    coverageFinding('risk-not-monitored', `${x.path}: ${itemLabel(x)} is not watched by any monitoring signal: ${uncoveredWhy(x)}`, {
      path: x.path,
      pointer: x.signals.length ? `${x.pointer}/monitoredBy` : x.pointer,
      actual: x.signals.length ? x.signals.map((s) => s.id).join(', ') : 'none',
      expected: `a signal of ${EVIDENCE_PATHS.monitoring} with an owner, a threshold and an action`
    })
  )
}
