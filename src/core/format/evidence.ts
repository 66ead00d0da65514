/**
 * The evidence model: the typed content of data/*.json in an Assurance Pack v1.
 * This is the contract between the verifier (which parses and validates), the diff, sign-off,
 * attestation, the CLI and the app. docs/pack-format.md is the normative description.
 * All data is readonly: functions take evidence and return new values.
 */
import type { MetricCompute } from './predictions'

export type Domain = 'tabular' | 'vision' | 'nlp' | 'other'
/** Comparator between a value and its threshold: "value <comparator> threshold" must hold to pass. */
export type Comparator = '>=' | '>' | '<=' | '<' | '=='
/** Which direction is better for a metric; 'none' when neither is (e.g. a calibration offset). */
export type Better = 'higher' | 'lower' | 'none'
export type Severity4 = 'low' | 'medium' | 'high' | 'critical'
export type Likelihood = 'rare' | 'unlikely' | 'possible' | 'likely' | 'almost-certain'
export type FailureStatus = 'open' | 'mitigated' | 'resolved' | 'accepted'

export interface Owner {
  readonly name: string
  readonly role: string
  readonly email?: string
}

/** Model weights either shipped as files under data/ or referenced by digest and URI. */
export interface ModelRef {
  readonly name: string
  readonly framework?: string
  readonly format?: string
  /** Shipped weights: pack paths like "data/model/model.onnx" (they are in the manifest). */
  readonly files?: readonly string[]
  /** External weights too large to ship. */
  readonly external?: { readonly uri: string; readonly sha256: string; readonly sizeBytes: number }
}

export interface PackDoc {
  readonly schema: 'vouch.pack/v1'
  readonly name: string
  readonly version: string
  /** The release this one supersedes (copied to bag-info Previous-Version). */
  readonly previousVersion?: string
  readonly domain: Domain
  readonly description: string
  readonly model: ModelRef
  readonly intendedUse: readonly string[]
  readonly outOfScope: readonly string[]
  readonly owners: readonly Owner[]
}

export interface ConfidenceInterval {
  readonly lower: number
  readonly upper: number
  /** e.g. 0.95 */
  readonly level: number
}

export interface Metric {
  readonly id: string
  readonly name?: string
  readonly value: number
  /** The exact decimal literal of value as written in the file (thresholds are compared exactly). */
  readonly valueLiteral: string
  readonly threshold?: number
  readonly thresholdLiteral?: string
  readonly comparator?: Comparator
  readonly better: Better
  /** A dataset id declared in traceability.json datasets[]. */
  readonly dataset: string
  readonly split: string
  readonly sampleSize: number
  readonly ci?: ConfidenceInterval
  /** How the value was computed from the shipped predictions (registry metric and parameters). */
  readonly compute?: MetricCompute
}

export interface MetricsDoc {
  readonly schema: 'vouch.metrics/v1'
  readonly metrics: readonly Metric[]
}

export interface Slice {
  readonly id: string
  readonly name?: string
  /** Human-readable definition, e.g. "age < 25 AND income_band = 'low'". */
  readonly definition: string
  readonly sampleSize: number
  readonly critical: boolean
  /** metric id -> value on this slice. */
  readonly metrics: Readonly<Record<string, number>>
}

export interface SlicesDoc {
  readonly schema: 'vouch.slices/v1'
  readonly slices: readonly Slice[]
}

export interface Failure {
  readonly id: string
  readonly title: string
  readonly severity: Severity4
  readonly slice?: string
  readonly status: FailureStatus
  /** Where the evidence lives: a pack path or a short description. */
  readonly evidence: string
  readonly description?: string
}

export interface FailuresDoc {
  readonly schema: 'vouch.failures/v1'
  readonly failures: readonly Failure[]
}

export interface Risk {
  readonly id: string
  readonly hazard: string
  readonly severity: Severity4
  readonly likelihood: Likelihood
  readonly mitigation: string
  readonly owner: string
  readonly status?: 'open' | 'mitigated' | 'accepted' | 'closed'
}

export interface RisksDoc {
  readonly schema: 'vouch.risks/v1'
  readonly risks: readonly Risk[]
}

export interface MonitoringSignal {
  readonly id: string
  /** What is watched, e.g. "Population stability of income". */
  readonly signal: string
  readonly metric: string
  readonly slice?: string
  readonly threshold: number
  readonly comparator: Comparator
  /** e.g. "7d", "30d", "1000 decisions". */
  readonly window: string
  readonly action: string
  readonly owner: string
  readonly escalation: string
}

export interface MonitoringDoc {
  readonly schema: 'vouch.monitoring/v1'
  readonly signals: readonly MonitoringSignal[]
}

export interface Guardrail {
  readonly id: string
  /** e.g. "input-validation", "output-filter", "human-review", "rate-limit", "fairness". */
  readonly kind: string
  readonly setting: string
  readonly value: string | number | boolean
  readonly description?: string
}

export interface GuardrailsDoc {
  readonly schema: 'vouch.guardrails/v1'
  readonly guardrails: readonly Guardrail[]
}

export interface DatasetRef {
  readonly id: string
  readonly version: string
  /** "sha256:<64 hex>" */
  readonly digest: string
  readonly splits: readonly string[]
}

export interface TraceabilityDoc {
  readonly schema: 'vouch.traceability/v1'
  /** Full 40 (SHA-1) or 64 (SHA-256) hex git commit. */
  readonly commit: string
  readonly repository: string
  readonly dataVersion: string
  /** "sha256:<64 hex>" of the training/eval data snapshot. */
  readonly dataDigest: string
  readonly runId: string
  readonly pipeline: string
  /** RFC 3339 timestamps. */
  readonly started: string
  readonly finished: string
  readonly environment: Readonly<Record<string, string>>
  readonly datasets: readonly DatasetRef[]
}

/** Every evidence document of a pack. A document that is missing or invalid is undefined (and a finding says why). */
export interface Evidence {
  readonly pack?: PackDoc
  readonly metrics?: MetricsDoc
  readonly slices?: SlicesDoc
  readonly failures?: FailuresDoc
  readonly risks?: RisksDoc
  readonly monitoring?: MonitoringDoc
  readonly guardrails?: GuardrailsDoc
  readonly traceability?: TraceabilityDoc
}

/** Pack paths of the evidence documents, relative to the bag root. */
export const EVIDENCE_PATHS = {
  pack: 'data/pack.json',
  metrics: 'data/evaluation/metrics.json',
  slices: 'data/evaluation/slices.json',
  failures: 'data/evaluation/failures.json',
  risks: 'data/risk/risks.json',
  monitoring: 'data/monitoring/plan.json',
  guardrails: 'data/policy/guardrails.json',
  traceability: 'data/traceability.json'
} as const satisfies Record<keyof Evidence, string>
