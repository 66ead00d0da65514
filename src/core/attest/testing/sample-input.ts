/**
 * A generated attestation input (a realistic credit-scoring pack, N slices, multilingual signers)
 * for tests and the bench. Deterministic: the same options give the same input.
 */
import type { Evidence, Slice } from '../../format/evidence'
import type { Finding } from '../../findings'
import type { VerifyReport } from '../../verify/report'
import { ASSESSMENT_SCHEMA, type Assessment, type SignoffEntry } from '../../assess/types'
import { assessReports } from '../../assess/assess-reports'
import type { AttestationInput, DiffView } from '../input'

export interface SampleOptions {
  readonly slices?: number
  readonly findings?: readonly Finding[]
  readonly withSignoffs?: boolean
  readonly withPrevious?: boolean
  readonly withTrust?: boolean
}

export const SAMPLE_DIGEST = 'a3f1c2d4e5b60718293a4b5c6d7e8f90112233445566778899aabbccddeeff00'

export const SIGNERS = [
  { name: 'José Müller-Øberg', role: 'engineer', fingerprint: `ed25519:${'1f'.repeat(8)}${'2e3d4c5b'.repeat(6)}` },
  { name: 'Ελένη Παπαδοπούλου', role: 'owner', fingerprint: `ed25519:${'9a8b7c6d'.repeat(8)}` },
  { name: 'Дмитрий Иванов', role: 'validator', fingerprint: `ed25519:${'0123456789abcdef'.repeat(4)}` },
  { name: '王小明 (山田太郎)', role: 'auditor', fingerprint: `ed25519:${'fedcba98'.repeat(8)}` }
] as const

function rand(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

function makeSlices(n: number): Slice[] {
  const r = rand(42)
  const out: Slice[] = []
  for (let i = 0; i < n; i++) {
    const critical = i % Math.max(1, Math.floor(n / 8)) === 0
    out.push({
      id: `slice-${String(i).padStart(4, '0')}`,
      name: critical ? `Protected group ${i}` : undefined,
      definition: `age_band = ${18 + (i % 7) * 8} AND region = 'R${i % 13}' AND income_band = ${i % 5}`,
      sampleSize: 200 + Math.floor(r() * 5000),
      critical,
      metrics: { auc: Number((0.72 + r() * 0.15).toFixed(4)), recall: Number((0.6 + r() * 0.3).toFixed(4)), ece: Number((r() * 0.08).toFixed(4)) }
    })
  }
  return out
}

export function sampleEvidence(slices = 40): Evidence {
  return {
    pack: {
      schema: 'vouch.pack/v1',
      name: 'credit-risk-scorer',
      version: '2.1.0',
      domain: 'tabular',
      description: 'Gradient-boosted scorecard estimating 12-month probability of default for retail credit applications.',
      model: { name: 'pd-gbm', framework: 'xgboost', format: 'onnx', files: ['data/model/model.onnx'] },
      intendedUse: ['Pre-screening of retail credit applications with human review'],
      outOfScope: ['Automated final decisions'],
      owners: [
        { name: 'Ελένη Παπαδοπούλου', role: 'owner' },
        { name: 'José Müller-Øberg', role: 'engineer' }
      ]
    },
    metrics: {
      schema: 'vouch.metrics/v1',
      metrics: [
        { id: 'auc', name: 'ROC AUC', value: 0.812, valueLiteral: '0.812', threshold: 0.78, thresholdLiteral: '0.78', comparator: '>=', better: 'higher', dataset: 'holdout-2026q3', split: 'test', sampleSize: 48210, ci: { lower: 0.806, upper: 0.818, level: 0.95 } },
        { id: 'recall', name: 'Recall at 5% FPR', value: 0.683, valueLiteral: '0.683', threshold: 0.65, thresholdLiteral: '0.65', comparator: '>=', better: 'higher', dataset: 'holdout-2026q3', split: 'test', sampleSize: 48210 },
        { id: 'ece', name: 'Expected calibration error', value: 0.031, valueLiteral: '0.031', threshold: 0.03, thresholdLiteral: '0.03', comparator: '<=', better: 'lower', dataset: 'holdout-2026q3', split: 'test', sampleSize: 48210 },
        { id: 'psi', name: 'Population stability (score)', value: 0.04, valueLiteral: '0.04', better: 'lower', dataset: 'holdout-2026q3', split: 'test', sampleSize: 48210 }
      ]
    },
    slices: { schema: 'vouch.slices/v1', slices: makeSlices(slices) },
    failures: {
      schema: 'vouch.failures/v1',
      failures: [
        { id: 'FM-12', title: 'Under-prediction for thin-file applicants', severity: 'high', slice: 'slice-0000', status: 'open', evidence: 'data/evaluation/reports/thin-file.html' },
        { id: 'FM-07', title: 'Score drift for self-employed income', severity: 'medium', status: 'open', evidence: 'data/evaluation/reports/drift.html' },
        { id: 'FM-03', title: 'Missing bureau data handled as zero', severity: 'high', status: 'mitigated', evidence: 'data/evaluation/reports/missing.html' }
      ]
    },
    risks: {
      schema: 'vouch.risks/v1',
      risks: [
        { id: 'R-1', hazard: 'Disparate impact on young applicants', severity: 'high', likelihood: 'possible', mitigation: 'Monthly fairness review; human review of declines under 25', owner: 'Model owner', status: 'open' },
        { id: 'R-2', hazard: 'Data drift after bureau schema change', severity: 'medium', likelihood: 'likely', mitigation: 'PSI monitoring with 0.2 alert threshold', owner: 'MLOps', status: 'mitigated' },
        { id: 'R-3', hazard: 'Over-reliance on score by underwriters', severity: 'medium', likelihood: 'possible', mitigation: 'Training and override logging', owner: 'Credit operations' }
      ]
    },
    monitoring: {
      schema: 'vouch.monitoring/v1',
      signals: [
        { id: 'psi-score', signal: 'Score population stability', metric: 'psi', threshold: 0.2, comparator: '<=', window: '30d', action: 'Investigate drift; consider recalibration', owner: 'MLOps', escalation: 'Model risk committee' },
        { id: 'auc-live', signal: 'Live AUC on matured loans', metric: 'auc', threshold: 0.76, comparator: '>=', window: '90d', action: 'Retrain review', owner: 'Model owner', escalation: 'CRO' }
      ]
    },
    guardrails: {
      schema: 'vouch.guardrails/v1',
      guardrails: [
        { id: 'g1', kind: 'human-review', setting: 'declines', value: true },
        { id: 'g2', kind: 'input-validation', setting: 'schema', value: 'strict' }
      ]
    },
    traceability: {
      schema: 'vouch.traceability/v1',
      commit: '4b825dc642cb6eb9a060e54bf8d69288fbee4904',
      repository: 'git@git.bank.example:risk/pd-gbm.git',
      dataVersion: '2026.09.30',
      dataDigest: `sha256:${'c0ffee00'.repeat(8)}`,
      runId: 'run-2026-10-02-0815',
      pipeline: 'train-eval v7',
      started: '2026-10-02T08:15:00Z',
      finished: '2026-10-02T11:40:12Z',
      environment: { python: '3.12.4', xgboost: '2.1.1' },
      datasets: [{ id: 'holdout-2026q3', version: '3', digest: `sha256:${'ab'.repeat(32)}`, splits: ['test'] }]
    }
  }
}

export function sampleReport(opts: SampleOptions = {}, overrides: Partial<VerifyReport> = {}): VerifyReport {
  const evidence = sampleEvidence(opts.slices ?? 40)
  const findings = opts.findings ?? []
  const signoffs = opts.withSignoffs === false ? [] : SIGNERS.map((s, i) => ({ path: `signoffs/2026-10-0${3 + i}T09-00-00Z-${s.role}.json`, text: JSON.stringify({ payloadType: 'application/vnd.in-toto+json', payload: btoa(`statement ${i}`), signatures: [{ keyid: s.fingerprint, sig: 'AAAA' }] }) }))
  const t = evidence.traceability
  return {
    ok: !findings.some((f) => f.severity === 'error'),
    status: findings.some((f) => f.severity === 'error') ? 'failed' : 'verified',
    container: 'zip',
    location: '/home/auditor/packs/credit-risk-scorer-2.1.0.zip',
    pack: { name: 'credit-risk-scorer', version: '2.1.0', digest: SAMPLE_DIGEST, previousVersion: '2.0.3' },
    bagInfo: [
      ['Pack-Name', 'credit-risk-scorer'],
      ['Bagging-Date', '2026-10-02']
    ],
    evidence,
    traceability: t
      ? (['commit', 'repository', 'dataVersion', 'dataDigest', 'runId', 'pipeline', 'started', 'finished'] as const).map((field) => ({ field, status: 'ok' as const, value: String(t[field]), why: 'links the evidence to its source' }))
      : [],
    files: [],
    signoffs,
    findings,
    stats: { filesChecked: 128, bytesChecked: 73_400_320, durationMs: 812 },
    ...overrides
  }
}

/** A hand-made assessment of sampleReport: two trusted approvals, an untrusted validator, one not checked. */
export function sampleAssessment(report: VerifyReport, opts: { approved?: boolean; blocked?: boolean } = {}): Assessment {
  const approved = opts.approved ?? true
  const signoffs: SignoffEntry[] = SIGNERS.map((s, i) => ({
    path: report.signoffs[i]?.path ?? `signoffs/${i}.json`,
    sha256: String(i).repeat(64),
    result: i < 2 ? 'valid' : i === 2 ? 'untrusted' : 'not-counted',
    reason: i === 2 ? { code: 'signoff-role-not-allowed', message: 'role validator not required' } : i === 3 ? { code: 'signoff-checklist-not-met', message: 'answered "no": metrics-thresholds' } : null,
    counts: i < 2,
    supersededBy: null,
    statement: {
      role: s.role,
      decision: 'approve',
      signerName: s.name,
      fingerprint: s.fingerprint,
      publicKey: 'AAAA',
      signedAt: `2026-10-0${3 + i}T09:00:00Z`,
      subject: 'credit-risk-scorer@2.1.0',
      subjectDigest: SAMPLE_DIGEST,
      checklist: [
        { id: 'intended-use', text: 'Intended use and out-of-scope still accurate', answer: 'yes', note: '' },
        { id: 'metrics-thresholds', text: 'Key metrics meet their thresholds', answer: i === 3 ? 'no' : 'yes', note: i === 3 ? 'ECE 0.031 vs 0.03: accepted, see R-2' : '' },
        { id: 'no-critical-slice-regression', text: 'No critical slice regression', answer: 'yes', note: '' },
        { id: 'monitoring-plan', text: 'Monitoring plan updated for new risks', answer: 'n/a', note: 'No new risks in this release' },
        { id: 'traceability', text: 'Traceability complete (commit, data version, run ID)', answer: 'yes', note: '' }
      ],
      comment: i === 1 ? 'Approved for pre-screening only; human review stays mandatory.' : '',
      acknowledges: opts.blocked && i < 2 ? { previous: { name: 'credit-risk-scorer@2.0.3', digest: { sha256: 'b'.repeat(64) } }, blockers: [{ code: 'regressions', message: '2 regressions (1 in a critical slice)' }] } : null
    },
    trustedAs: i < 2 ? { name: s.name, roles: [s.role] } : null
  }))
  const status = approved ? (opts.blocked ? 'approved-with-acknowledged-blockers' : 'approved') : 'not-approved'
  const base = assessReports({ ...report, signoffs: [] })
  return {
    ...base,
    schema: ASSESSMENT_SCHEMA,
    status: base.status === 'failed' ? 'failed' : status,
    reasons: base.status === 'failed' ? base.reasons : approved ? ['engineer and owner approved with trusted keys'] : ['owner: no approving sign-off from a trusted owner key'],
    signoffs,
    approval: {
      assessed: true,
      status,
      requiredRoles: ['engineer', 'owner'],
      roles: SIGNERS.slice(0, 2).map((s, i) => ({
        role: s.role,
        status: approved || i === 0 ? 'approved' : 'missing',
        by: approved || i === 0 ? [{ name: s.name, fingerprint: s.fingerprint, path: signoffs[i]?.path ?? '', acknowledgesBlockers: opts.blocked === true }] : []
      })),
      reasons: approved ? ['engineer and owner approved with trusted keys'] : ['owner: no approving sign-off from a trusted owner key']
    },
    requirements: [{ kind: 'approval', met: approved, reason: approved ? 'approved' : 'owner missing', unmetStatus: 'not-approved' }]
  }
}

/** An input without sign-offs or trust: its assessment is the core's own (no trust file). */
export function plainInput(report: VerifyReport): AttestationInput {
  return { report, assessment: assessReports(report) }
}

export function sampleDiff(): DiffView {
  return {
    verdictLabel: 'Blocked',
    verdict: '2 regressions (1 in a critical slice), 1 new failure mode, monitoring changed',
    verdictTone: 'bad',
    reasons: ['critical slice slice-0000 recall fell 0.041', 'new failure mode FM-12'],
    regressions: [
      { subject: 'slice slice-0000 / recall', before: '0.702', after: '0.661', detail: 'critical slice; beyond tolerance 0.02', severe: true },
      { subject: 'metric ece', before: '0.028', after: '0.031', detail: 'now above threshold 0.03 (pass → fail)', severe: true }
    ],
    newFailureModes: [{ subject: 'FM-12 Under-prediction for thin-file applicants', after: 'high', detail: 'open' }],
    monitoringChanges: [{ subject: 'signal auc-live', before: '>= 0.75', after: '>= 0.76', detail: 'threshold tightened' }],
    policyChanges: [],
    regressedSlices: ['slice-0000', 'slice-0003'],
    json: '{"schema":"vouch.diff/v1"}\n'
  }
}

export function sampleInput(opts: SampleOptions = {}): AttestationInput {
  const report = sampleReport(opts)
  const previous = opts.withPrevious
    ? { report: sampleReport({ ...opts, withSignoffs: false }, { pack: { name: 'credit-risk-scorer', version: '2.0.3', digest: 'b'.repeat(64) } }), diff: sampleDiff() }
    : undefined
  return {
    report,
    previous,
    assessment: opts.withSignoffs === false ? assessReports(report) : sampleAssessment(report, { blocked: opts.withPrevious === true }),
    trust: opts.withTrust === false ? undefined : { name: '/etc/vouch/allowed_signers', bytes: new TextEncoder().encode('José roles=engineer ed25519 AAAA\n') }
  }
}
