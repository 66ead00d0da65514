/**
 * Small builders of VerifyReport-shaped data for tests (diff tests, CLI tests, the app's tests).
 * Not used by production code.
 */
import type {
  Failure,
  Guardrail,
  Metric,
  MonitoringSignal,
  Risk,
  Slice,
  TraceabilityDoc
} from '../format/evidence'
import type { FileRecord, VerifyReport } from '../verify/report'

export function metric(id: string, value: number | string, over: Partial<Metric> = {}): Metric {
  const literal = typeof value === 'string' ? value : String(value)
  return { id, value: Number(literal), valueLiteral: literal, better: 'higher', dataset: 'holdout', split: 'test', sampleSize: 10_000, ...over }
}

/** A metric with a threshold given as a literal, e.g. thr('auc', '0.79', '>=', '0.78'). */
export function thr(id: string, value: string, comparator: Metric['comparator'], threshold: string, over: Partial<Metric> = {}): Metric {
  return metric(id, value, { threshold: Number(threshold), thresholdLiteral: threshold, comparator, ...over })
}

export function slice(id: string, metrics: Readonly<Record<string, number>>, over: Partial<Slice> = {}): Slice {
  return { id, definition: `segment = '${id}'`, sampleSize: 1_000, critical: false, metrics, ...over }
}

export function failure(id: string, title: string, over: Partial<Failure> = {}): Failure {
  return { id, title, severity: 'medium', status: 'open', evidence: 'data/evaluation/failures.json', ...over }
}

export function risk(id: string, over: Partial<Risk> = {}): Risk {
  return { id, hazard: `hazard ${id}`, severity: 'medium', likelihood: 'possible', mitigation: 'review', owner: 'mrm', ...over }
}

export function signal(id: string, over: Partial<MonitoringSignal> = {}): MonitoringSignal {
  return { id, signal: `signal ${id}`, metric: 'auc', threshold: 0.75, comparator: '>=', window: '30d', action: 'page on-call', owner: 'ml-ops', escalation: 'head of MRM', ...over }
}

export function guardrail(id: string, over: Partial<Guardrail> = {}): Guardrail {
  return { id, kind: 'human-review', setting: 'review-band', value: '0.4-0.6', ...over }
}

export function trace(over: Partial<TraceabilityDoc> = {}): TraceabilityDoc {
  return {
    schema: 'vouch.traceability/v1',
    commit: 'a'.repeat(40),
    repository: 'git@example.com:bank/credit.git',
    dataVersion: '2026-10',
    dataDigest: `sha256:${'b'.repeat(64)}`,
    runId: 'run-1',
    pipeline: 'train.yaml',
    started: '2026-10-01T00:00:00Z',
    finished: '2026-10-01T01:00:00Z',
    environment: { python: '3.11' },
    datasets: [{ id: 'holdout', version: '1', digest: `sha256:${'c'.repeat(64)}`, splits: ['test'] }],
    ...over
  }
}

export interface ReportSpec {
  readonly name?: string
  readonly version?: string
  readonly previousVersion?: string
  readonly metrics?: readonly Metric[] | null
  readonly slices?: readonly Slice[] | null
  readonly failures?: readonly Failure[] | null
  readonly risks?: readonly Risk[] | null
  readonly monitoring?: readonly MonitoringSignal[] | null
  readonly guardrails?: readonly Guardrail[] | null
  readonly traceability?: TraceabilityDoc | null
  readonly files?: readonly FileRecord[]
  readonly over?: Partial<VerifyReport>
}

/** A verified report; pass null for a document to make it missing. */
export function report(spec: ReportSpec = {}): VerifyReport {
  const doc = <T, D>(x: T | null | undefined, wrap: (t: T) => D, dflt: T): D | undefined => (x === null ? undefined : wrap(x ?? dflt))
  return {
    ok: true,
    status: 'verified',
    container: 'folder',
    location: `/packs/${spec.name ?? 'credit'}-${spec.version ?? '1.0.0'}`,
    pack: { name: spec.name ?? 'credit', version: spec.version ?? '1.0.0', digest: 'd'.repeat(64), previousVersion: spec.previousVersion },
    bagInfo: [],
    evidence: {
      metrics: doc(spec.metrics, (metrics) => ({ schema: 'vouch.metrics/v1' as const, metrics }), []),
      slices: doc(spec.slices, (slices) => ({ schema: 'vouch.slices/v1' as const, slices }), []),
      failures: doc(spec.failures, (failures) => ({ schema: 'vouch.failures/v1' as const, failures }), []),
      risks: doc(spec.risks, (risks) => ({ schema: 'vouch.risks/v1' as const, risks }), []),
      monitoring: doc(spec.monitoring, (signals) => ({ schema: 'vouch.monitoring/v1' as const, signals }), []),
      guardrails: doc(spec.guardrails, (guardrails) => ({ schema: 'vouch.guardrails/v1' as const, guardrails }), []),
      traceability: doc(spec.traceability, (t) => t, trace())
    },
    traceability: [],
    files: spec.files ?? [],
    signoffs: [],
    findings: [],
    stats: { filesChecked: 0, bytesChecked: 0, durationMs: 0 },
    ...spec.over
  }
}

/** Deterministic pseudo-random numbers in [0, 1) (mulberry32): tests and the bench see the same data every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
