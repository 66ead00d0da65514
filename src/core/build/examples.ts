/**
 * Example evidence for tests and benches (makePack, fuzzing, schema checks): every document filled
 * with values of the right shape, consistent with each other (ids resolve, datasets declared), so
 * a pack built from it verifies. `vouch init` starts from the templates in resources/templates.
 */
import type {
  FailuresDoc,
  GuardrailsDoc,
  MonitoringDoc,
  PackDoc,
  RisksDoc,
  SlicesDoc,
  TraceabilityDoc
} from '../format/evidence'
import { EVIDENCE_PATHS } from '../format/evidence'
import type { ExampleFlavour } from './types'

/** metrics.json as written (numbers as plain JSON; literals come from the file when parsed). */
interface MetricIn {
  readonly id: string
  readonly name: string
  readonly value: number
  readonly threshold?: number
  readonly comparator?: '>=' | '>' | '<=' | '<' | '=='
  readonly better: 'higher' | 'lower' | 'none'
  readonly dataset: string
  readonly split: string
  readonly sampleSize: number
  readonly ci?: { readonly lower: number; readonly upper: number; readonly level: number }
}

export interface ExampleEvidence {
  readonly pack: PackDoc
  readonly metrics: { readonly schema: 'vouch.metrics/v1'; readonly metrics: readonly MetricIn[] }
  readonly slices: SlicesDoc
  readonly failures: FailuresDoc
  readonly risks: RisksDoc
  readonly monitoring: MonitoringDoc
  readonly guardrails: GuardrailsDoc
  readonly traceability: TraceabilityDoc
}

interface Flavour {
  readonly name: string
  readonly description: string
  readonly modelName: string
  readonly framework: string
  readonly format: string
  readonly dataset: string
  readonly headline: MetricIn
  readonly second: MetricIn
  readonly slices: SlicesDoc['slices']
  readonly intendedUse: readonly string[]
  readonly outOfScope: readonly string[]
  readonly guardKind: string
}

const DATASET = (id: string): TraceabilityDoc['datasets'][number] => ({
  id,
  version: '2026.10.1',
  digest: 'sha256:' + '3f'.repeat(32),
  splits: ['train', 'test']
})

const FLAVOURS: Readonly<Record<ExampleFlavour, Flavour>> = {
  tabular: {
    name: 'credit-default-scorer',
    description: 'Gradient-boosted model estimating the 12-month probability of default for retail credit applications.',
    modelName: 'credit-default-gbm',
    framework: 'lightgbm 4.5',
    format: 'onnx',
    dataset: 'applications-2024',
    headline: { id: 'auc', name: 'ROC AUC', value: 0.842, threshold: 0.8, comparator: '>=', better: 'higher', dataset: 'applications-2024', split: 'test', sampleSize: 48210, ci: { lower: 0.836, upper: 0.848, level: 0.95 } },
    second: { id: 'ece', name: 'Expected calibration error', value: 0.021, threshold: 0.05, comparator: '<=', better: 'lower', dataset: 'applications-2024', split: 'test', sampleSize: 48210 },
    slices: [
      { id: 'age-under-25', name: 'Applicants under 25', definition: 'age < 25', sampleSize: 5120, critical: true, metrics: { auc: 0.801, ece: 0.034 } },
      { id: 'thin-file', name: 'Thin credit file', definition: 'credit_history_months < 12', sampleSize: 3877, critical: true, metrics: { auc: 0.779 } }
    ],
    intendedUse: ['Ranking retail credit applications for manual review'],
    outOfScope: ['Automated decline without human review', 'Small-business lending'],
    guardKind: 'human-review'
  },
  vision: {
    name: 'weld-defect-detector',
    description: 'Convolutional classifier flagging weld seam defects on production-line camera images.',
    modelName: 'weld-defect-resnet50',
    framework: 'pytorch 2.4',
    format: 'onnx',
    dataset: 'seam-images-2025',
    headline: { id: 'recall', name: 'Defect recall', value: 0.963, threshold: 0.95, comparator: '>=', better: 'higher', dataset: 'seam-images-2025', split: 'test', sampleSize: 12000, ci: { lower: 0.955, upper: 0.97, level: 0.95 } },
    second: { id: 'fpr', name: 'False positive rate', value: 0.041, threshold: 0.08, comparator: '<=', better: 'lower', dataset: 'seam-images-2025', split: 'test', sampleSize: 12000 },
    slices: [
      { id: 'low-light', name: 'Night shift lighting', definition: "lighting = 'low'", sampleSize: 1850, critical: true, metrics: { recall: 0.931 } },
      { id: 'line-3', name: 'Line 3 camera', definition: 'camera_id = 3', sampleSize: 2400, critical: false, metrics: { recall: 0.958, fpr: 0.047 } }
    ],
    intendedUse: ['Flagging seams for inspector review on lines 1-4'],
    outOfScope: ['Releasing parts without inspection', 'Non-steel materials'],
    guardKind: 'input-validation'
  },
  nlp: {
    name: 'complaint-triage',
    description: 'Transformer classifier routing customer complaints to the right handling team and flagging regulatory complaints.',
    modelName: 'complaint-triage-deberta',
    framework: 'transformers 4.44',
    format: 'safetensors',
    dataset: 'complaints-2025',
    headline: { id: 'macro-f1', name: 'Macro F1', value: 0.874, threshold: 0.85, comparator: '>=', better: 'higher', dataset: 'complaints-2025', split: 'test', sampleSize: 20400, ci: { lower: 0.866, upper: 0.881, level: 0.95 } },
    second: { id: 'reg-recall', name: 'Regulatory complaint recall', value: 0.981, threshold: 0.97, comparator: '>=', better: 'higher', dataset: 'complaints-2025', split: 'test', sampleSize: 1630 },
    slices: [
      { id: 'non-native', name: 'Non-native writers', definition: "language_proficiency = 'non-native'", sampleSize: 2950, critical: true, metrics: { 'macro-f1': 0.842 } },
      { id: 'short-text', name: 'Short complaints', definition: 'tokens < 20', sampleSize: 4100, critical: false, metrics: { 'macro-f1': 0.851 } }
    ],
    intendedUse: ['Routing complaints to handling teams'],
    outOfScope: ['Deciding complaint outcomes', 'Languages other than English'],
    guardKind: 'output-filter'
  }
}

export function exampleEvidence(template: ExampleFlavour): ExampleEvidence {
  const f = FLAVOURS[template]
  const first = f.slices[0]
  return {
    pack: {
      schema: 'vouch.pack/v1',
      name: f.name,
      version: '1.0.0',
      domain: template,
      description: f.description,
      model: { name: f.modelName, framework: f.framework, format: f.format, external: { uri: `s3://models/${f.modelName}/1.0.0/model.${f.format}`, sha256: 'a1'.repeat(32), sizeBytes: 48_213_504 } },
      intendedUse: f.intendedUse,
      outOfScope: f.outOfScope,
      owners: [
        { name: 'Dana Whitfield', role: 'Model owner', email: 'dana.whitfield@example.com' },
        { name: 'Model Validation Team', role: 'Validator' }
      ]
    },
    metrics: { schema: 'vouch.metrics/v1', metrics: [f.headline, f.second] },
    slices: { schema: 'vouch.slices/v1', slices: f.slices },
    failures: {
      schema: 'vouch.failures/v1',
      failures: [
        { id: 'FM-001', title: `Lower ${f.headline.name} on ${first?.name ?? 'a critical slice'}`, severity: 'medium', ...(first ? { slice: first.id } : {}), status: 'mitigated', evidence: 'data/reports/slice-analysis.md', description: 'Mitigated by routing this slice to manual review.' }
      ]
    },
    risks: {
      schema: 'vouch.risks/v1',
      risks: [
        { id: 'R-001', hazard: 'Performance drifts as the input population changes', severity: 'high', likelihood: 'possible', mitigation: 'Weekly drift monitoring with retraining trigger', owner: 'Dana Whitfield', status: 'mitigated', monitoredBy: ['MON-001'] }
      ]
    },
    monitoring: {
      schema: 'vouch.monitoring/v1',
      signals: [
        { id: 'MON-001', signal: `${f.headline.name} on labelled production sample`, metric: f.headline.id, threshold: f.headline.threshold ?? 0, comparator: f.headline.comparator ?? '>=', window: '30d', action: 'Open a model review', owner: 'Dana Whitfield', escalation: 'Head of Model Risk' },
        ...(first ? [{ id: 'MON-002', signal: `${f.headline.name} on ${first.name}`, metric: f.headline.id, slice: first.id, threshold: f.headline.threshold ?? 0, comparator: f.headline.comparator ?? '>=', window: '30d', action: 'Route slice to manual review', owner: 'Dana Whitfield', escalation: 'Head of Model Risk' }] : [])
      ]
    },
    guardrails: {
      schema: 'vouch.guardrails/v1',
      guardrails: [
        { id: 'G-001', kind: f.guardKind, setting: 'enabled', value: true, description: 'Required before production use.' },
        { id: 'G-002', kind: 'rate-limit', setting: 'requests-per-minute', value: 600 }
      ]
    },
    traceability: {
      schema: 'vouch.traceability/v1',
      commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      repository: `https://git.example.com/ml/${f.name}`,
      dataVersion: '2026.10.1',
      dataDigest: 'sha256:' + '3f'.repeat(32),
      runId: 'run-2026-11-20-0412',
      pipeline: 'train-evaluate-v3',
      started: '2026-11-20T04:12:00Z',
      finished: '2026-11-20T05:47:31Z',
      environment: { python: '3.11.9', os: 'debian 12' },
      datasets: [DATASET(f.dataset)]
    }
  }
}

/** Pack path -> file text (2-space JSON, LF, trailing newline) for every evidence document. */
export function exampleEvidenceFiles(ev: ExampleEvidence): ReadonlyMap<string, string> {
  const m = new Map<string, string>()
  for (const key of Object.keys(EVIDENCE_PATHS) as (keyof typeof EVIDENCE_PATHS)[]) {
    m.set(EVIDENCE_PATHS[key], JSON.stringify(ev[key], null, 2) + '\n')
  }
  return m
}
