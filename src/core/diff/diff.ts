/**
 * diffPacks: two verified packs (VerifyReport) in, one PackDiff out. Pure: no I/O, no clock.
 */
import type { Evidence, Metric } from '../format/evidence'
import type { VerifyReport } from '../verify/report'
import { resolveOptions } from './compare'
import { diffCoverage } from './coverage'
import { diffFailures } from './failures'
import { diffMetrics, diffSlices, MetricContexts } from './metrics'
import { reproducibilitySide } from './reproducibility'
import { byKey, diffFiles, diffGuardrails, diffMonitoring, diffRisks, diffTraceability } from './records'
import { orderRegressions } from './order'
import type { DiffCounts, DiffOptions, PackDiff, VerificationSide } from './types'
import { DIFF_SCHEMA } from './types'
import { computeVerdict } from './verdict'

function side(r: VerifyReport): VerificationSide {
  return {
    status: r.status,
    ok: r.ok,
    container: r.container,
    location: r.location,
    errors: r.findings.filter((f) => f.severity === 'error'),
    warnings: r.findings.filter((f) => f.severity === 'warning').length
  }
}

type DocName = Exclude<keyof Evidence, 'pack'>
const DOCS: readonly DocName[] = ['metrics', 'slices', 'failures', 'risks', 'monitoring', 'guardrails', 'traceability']

/**
 * Compares two releases. `oldR` is the baseline, `newR` the candidate. Throws RangeError only for
 * invalid options (negative or non-finite tolerances); any pair of reports is diffable, including
 * packs that failed verification (the verdict then says blocked).
 */
export function diffPacks(oldR: VerifyReport, newR: VerifyReport, opts: DiffOptions = {}): PackDiff {
  const options = resolveOptions(opts)
  const eo = oldR.evidence
  const en = newR.evidence

  const documents = DOCS.flatMap((doc) => {
    const o = eo[doc] !== undefined
    const n = en[doc] !== undefined
    if (o && n) return []
    return [{ doc, state: !o && !n ? ('missing-both' as const) : !o ? ('missing-old' as const) : ('missing-new' as const) }]
  })
  const both = <K extends DocName>(k: K): [NonNullable<Evidence[K]>, NonNullable<Evidence[K]>] | undefined => {
    const o = eo[k]
    const n = en[k]
    return o !== undefined && n !== undefined ? [o as NonNullable<Evidence[K]>, n as NonNullable<Evidence[K]>] : undefined
  }

  // Metric definitions are needed by slices even when one metrics doc is missing (directions, thresholds).
  const oldMetrics: readonly Metric[] = eo.metrics?.metrics ?? []
  const newMetrics: readonly Metric[] = en.metrics?.metrics ?? []
  const oldById = byKey(oldMetrics, (m) => m.id)
  const newById = byKey(newMetrics, (m) => m.id)
  const ctxs = new MetricContexts(oldById, newById, options)

  const m = both('metrics')
  const metricPart = m ? diffMetrics(m[0].metrics, m[1].metrics, ctxs, oldById, newById) : { entries: [], regressions: [] }
  const s = both('slices')
  const slicePart = s ? diffSlices(s[0].slices, s[1].slices, ctxs, options.minSampleSize) : { entries: [], regressions: [] }
  const f = both('failures')
  const failures = f ? diffFailures(f[0].failures, f[1].failures) : []
  const r = both('risks')
  const mo = both('monitoring')
  const g = both('guardrails')
  const regressions = orderRegressions([...metricPart.regressions, ...slicePart.regressions])

  let improvements = 0
  for (const e of metricPart.entries) if (e.kind === 'compared' && e.comparison.assessment === 'improvement') improvements++
  let slicesCompared = 0
  let lowConfidenceSlices = 0
  for (const e of slicePart.entries) {
    if (e.kind === 'removed') continue
    if (e.lowConfidence) lowConfidenceSlices++
    if (e.kind === 'added') continue
    slicesCompared++
    for (const x of e.metrics) if (x.kind === 'compared' && x.comparison.assessment === 'improvement') improvements++
  }
  const counts: DiffCounts = {
    regressions: regressions.length,
    criticalRegressions: regressions.filter((x) => x.level === 'critical').length,
    improvements,
    metricsCompared: metricPart.entries.filter((e) => e.kind === 'compared').length,
    slicesCompared,
    slicesAdded: slicePart.entries.filter((e) => e.kind === 'added').length,
    slicesRemoved: slicePart.entries.filter((e) => e.kind === 'removed').length,
    slicesRenamed: slicePart.entries.filter((e) => e.kind === 'renamed').length,
    lowConfidenceSlices,
    failuresNew: failures.filter((x) => x.kind === 'new').length,
    failuresResolved: failures.filter((x) => x.kind === 'resolved').length,
    failuresPersisting: failures.filter((x) => x.kind === 'persisting' || x.kind === 'reopened').length
  }

  const prev = newR.pack.previousVersion
  const body: Omit<PackDiff, 'verdict'> = {
    schema: DIFF_SCHEMA,
    old: { ...oldR.pack },
    new: { ...newR.pack },
    consecutive: prev === undefined || oldR.pack.version === undefined ? 'unknown' : prev === oldR.pack.version ? 'yes' : 'no',
    verification: { old: side(oldR), new: side(newR) },
    reproducibility: { old: reproducibilitySide(oldR), new: reproducibilitySide(newR) },
    options,
    counts,
    regressions,
    metrics: metricPart.entries,
    slices: slicePart.entries,
    failures,
    risks: r ? diffRisks(r[0].risks, r[1].risks) : { entries: [], unchanged: 0 },
    monitoring: mo ? diffMonitoring(mo[0].signals, mo[1].signals) : { entries: [], unchanged: 0 },
    guardrails: g ? diffGuardrails(g[0].guardrails, g[1].guardrails) : { entries: [], unchanged: 0 },
    coverage: diffCoverage(eo, en),
    traceability: both('traceability') ? diffTraceability(eo.traceability, en.traceability) : { changes: [], datasets: { entries: [], unchanged: 0 } },
    files: diffFiles(oldR.files, newR.files),
    documents
  }
  const verdict = computeVerdict(body)
  // Key order puts the verdict near the top of the JSON, where people look first.
  const { schema, old, new: neu, consecutive, verification, ...rest } = body
  return { schema, old, new: neu, consecutive, verification, verdict, ...rest }
}
