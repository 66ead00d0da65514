/**
 * The hand-written evidence of each release: pack.json, failures, risks, monitoring plan,
 * guardrails and traceability. 1.1.0 differs from 1.0.0 exactly as the release notes say:
 * FM-001 resolved, FM-004 new, FM-003 severity lowered; MON-06 added and MON-04's threshold
 * raised; guardrail GR-03 (auto-approve cutoff) lowered; risk R-01 likelihood raised.
 */
import type {
  DatasetRef, FailuresDoc, GuardrailsDoc, MonitoringDoc, PackDoc, RisksDoc, TraceabilityDoc
} from '../../src/core/format/evidence'
import { digestOf } from './common'
import { HOLDOUT, OOT } from './evaluate'
import { OWNERS, PACK_NAME, REPOSITORY, type Release } from './releases'


export function packDoc(rel: Release): PackDoc {
  return {
    schema: 'vouch.pack/v1',
    name: PACK_NAME,
    version: rel.version,
    ...(rel.previousVersion !== undefined ? { previousVersion: rel.previousVersion } : {}),
    domain: 'tabular',
    description:
      'Probability of default (PD) within 12 months for unsecured personal-loan and credit-card applications ' +
      'at Harbourside Bank. Gradient-boosted trees (LightGBM) over bureau, application and current-account data; ' +
      'the PD drives auto-approve, refer and decline decisions and the adverse-action reason codes.',
    model: {
      name: `cdr-gbm-${rel.version}`,
      framework: `lightgbm ${rel.lightgbm}`,
      format: 'lightgbm-text-v4',
      files: ['data/model/model.txt', 'data/model/feature-importance.csv']
    },
    intendedUse: [
      'Application scoring for unsecured personal loans of 1,000 to 25,000 GBP and credit cards with limits up to 10,000 GBP.',
      'Auto-approve applications with PD at or below the policy cutoff (guardrail GR-03); refer the manual-review band to an underwriter.',
      'Ranking applications for affordability review and generating adverse-action reason codes.'
    ],
    outOfScope: [
      'Secured lending (mortgages, auto finance) and business lending.',
      'Credit-limit increases or collections prioritisation for existing accounts.',
      'Applicants with no UK credit file at all (routed to manual underwriting before scoring).',
      'IFRS 9 expected-credit-loss provisioning (a separate, point-in-time-adjusted PD model is used).'
    ],
    owners: OWNERS
  }
}

export function failuresDoc(rel: Release): FailuresDoc {
  const v11 = rel.version === '1.1.0'
  return {
    schema: 'vouch.failures/v1',
    failures: [
      {
        id: 'FM-001',
        title: 'Default risk under-predicted for applicants at their address under 6 months',
        severity: 'medium',
        slice: 'recent-address-change',
        status: v11 ? 'resolved' : 'open',
        evidence: 'data/evaluation/calibration.csv',
        description: v11
          ? 'Resolved in 1.1.0: months_at_address is now monotone-constrained and the calibration gap closed (see slices.json, recent-address-change).'
          : 'Observed default rate is 1.5x the mean PD in this slice; months_at_address is capped at 6 in the training features.'
      },
      {
        id: 'FM-002',
        title: 'Missing bureau data for applicants returning from abroad imputed as average risk',
        severity: 'low',
        slice: 'thin-file',
        status: 'mitigated',
        evidence: 'data/model-card.md#limitations',
        description: 'Applicants with a UK file younger than 12 months are referred to an underwriter (guardrail GR-02).'
      },
      {
        id: 'FM-003',
        title: 'Stale self-declared income inflates approvals for self-employed applicants',
        severity: v11 ? 'low' : 'medium',
        slice: 'self-employed',
        status: 'mitigated',
        evidence: 'data/evaluation/slices.json',
        description: v11
          ? 'Open-banking income verification is now required above 10,000 GBP; residual effect small.'
          : 'Income verification relies on the last filed tax return, up to 18 months old.'
      },
      ...(v11
        ? [
            {
              id: 'FM-004',
              title: 'Rank ordering degraded for thin-file applicants under 25',
              severity: 'high' as const,
              slice: 'age-18-24-thin-file',
              status: 'open' as const,
              evidence: 'data/evaluation/slices.json',
              description:
                'AUC in this critical slice fell below the 1.0.0 level: the new bureau-trend features are missing for files with fewer than 3 tradelines. The slice is watched in production until a fix ships.',
              monitoredBy: ['MON-06']
            }
          ]
        : [])
    ]
  }
}

export function risksDoc(rel: Release): RisksDoc {
  const v11 = rel.version === '1.1.0'
  return {
    schema: 'vouch.risks/v1',
    risks: [
      {
        id: 'R-01',
        hazard: 'Unfair outcomes for younger applicants (indirect age discrimination, Equality Act 2010; FCA Consumer Duty outcome 4)',
        severity: 'high',
        likelihood: v11 ? 'likely' : 'possible',
        mitigation: v11
          ? 'Quarterly fairness review; thin-file under-25 applications with PD in the refer band go to an underwriter; approval rates by age band and the AUC of the thin-file under-25 slice are monitored.'
          : 'Quarterly fairness review of approval rates by age band; adverse-action reasons reviewed by Compliance.',
        owner: 'Priya Raman',
        status: 'open',
        monitoredBy: v11 ? ['MON-04', 'MON-06'] : ['MON-04']
      },
      {
        id: 'R-02',
        hazard: 'Score drift as the economic cycle turns (rising unemployment shifts the applicant mix)',
        severity: 'high',
        likelihood: 'possible',
        mitigation: 'Monthly PSI on PD and top features; recalibration trigger agreed with Credit Risk Committee.',
        owner: 'Tomasz Wiśniewski',
        status: 'mitigated',
        monitoredBy: ['MON-01', 'MON-02']
      },
      {
        id: 'R-03',
        hazard: 'Credit bureau outage or schema change silently degrades inputs',
        severity: 'medium',
        likelihood: 'unlikely',
        mitigation: 'Input validation rejects a missing bureau score (GR-01); decisions fall back to manual underwriting.',
        owner: 'Platform Engineering, Decisioning',
        status: 'mitigated',
        monitoredBy: ['MON-05']
      },
      {
        id: 'R-04',
        hazard: 'Model used outside its scope (credit-limit increases, collections)',
        severity: 'medium',
        likelihood: 'unlikely',
        mitigation: 'Model inventory entry MRM-0412 restricts use; the decision engine only calls it from the application flow.',
        owner: 'Helen Achterberg',
        status: 'mitigated'
      },
      {
        id: 'R-05',
        hazard: 'Automation bias: underwriters rubber-stamp referred applications',
        severity: 'medium',
        likelihood: 'possible',
        mitigation: 'Monthly QA sampling of referred decisions; override rates reported to the Credit Risk Committee.',
        owner: 'Head of Retail Underwriting',
        status: 'open'
      }
    ]
  }
}

export function monitoringDoc(rel: Release): MonitoringDoc {
  const v11 = rel.version === '1.1.0'
  const crc = 'Credit Risk Committee at the next monthly meeting'
  return {
    schema: 'vouch.monitoring/v1',
    signals: [
      { id: 'MON-01', signal: 'Population stability of the PD distribution', metric: 'psi_pd_oot', threshold: 0.1, comparator: '<=', window: '30d', action: 'Investigate drivers; recalibrate if above 0.25 for two windows', owner: 'Tomasz Wiśniewski', escalation: crc },
      { id: 'MON-02', signal: 'Discrimination on matured 12-month outcomes', metric: 'auc', threshold: 0.74, comparator: '>=', window: 'quarterly', action: 'Full revalidation by Model Validation', owner: 'Helen Achterberg', escalation: 'Model Risk Committee' },
      { id: 'MON-03', signal: 'Default rate among auto-approved applications (early-warning 6-month proxy)', metric: 'bad_rate_approved', threshold: 0.035, comparator: '<=', window: '90d', action: 'Lower the auto-approve cutoff by 0.005 pending review', owner: 'Priya Raman', escalation: crc },
      { id: 'MON-04', signal: 'Approval-rate ratio, applicants 60+ vs 25-59', metric: 'approval_ratio_60_plus', slice: 'age-60-plus', threshold: v11 ? 0.85 : 0.8, comparator: '>=', window: '30d', action: 'Fairness review with Compliance', owner: 'Priya Raman', escalation: 'Conduct Risk Forum' },
      { id: 'MON-05', signal: 'Auto-approval rate (a sudden fall signals score inflation or a decision-engine misconfiguration)', metric: 'approval_rate', threshold: 0.6, comparator: '>=', window: '7d', action: 'Check decision-engine configuration and the input feed; compare the PD distribution with last month', owner: 'Head of Retail Underwriting', escalation: crc },
      ...(v11
        ? [
            { id: 'MON-06', signal: 'Discrimination for thin-file applicants under 25', metric: 'auc', slice: 'age-18-24-thin-file', threshold: 0.68, comparator: '>=' as const, window: '90d', action: 'Route the slice to manual underwriting until a fix ships', owner: 'Priya Raman', escalation: 'Model Risk Committee' }
          ]
        : [])
    ]
  }
}

export function guardrailsDoc(rel: Release): GuardrailsDoc {
  return {
    schema: 'vouch.guardrails/v1',
    guardrails: [
      { id: 'GR-01', kind: 'input-validation', setting: 'reject-missing-bureau-score', value: true, description: 'No score is produced without a bureau response; the application is referred.' },
      { id: 'GR-02', kind: 'human-review', setting: 'refer-uk-file-under-months', value: 12, description: 'Applicants whose UK credit file is younger than this go to an underwriter.' },
      { id: 'GR-03', kind: 'policy-cutoff', setting: 'max-pd-auto-approve', value: rel.cutoff, description: 'Highest PD that may be approved without an underwriter.' },
      { id: 'GR-04', kind: 'human-review', setting: 'refer-pd-band', value: '0.06-0.15', description: 'PD band referred to an underwriter; above it the application is declined with reasons.' },
      { id: 'GR-05', kind: 'policy-cutoff', setting: 'max-auto-decision-amount-gbp', value: 25000, description: 'Larger requests always get a human decision.' },
      { id: 'GR-06', kind: 'output-filter', setting: 'adverse-action-reason-codes', value: 4, description: 'Number of principal reasons given to a declined applicant.' }
    ]
  }
}

export function traceabilityDoc(rel: Release): TraceabilityDoc {
  const datasets: DatasetRef[] = [
    { id: `applications-2024q4-train`, version: rel.dataVersion, digest: digestOf(`train:${rel.dataVersion}`), splits: ['train', 'valid'] },
    { id: HOLDOUT.id, version: 'v3', digest: digestOf('holdout:applications-2024q4-holdout:v3'), splits: [HOLDOUT.split] },
    { id: OOT.id, version: 'v1', digest: digestOf('oot:applications-2025q1-oot:v1'), splits: [OOT.split] }
  ]
  return {
    schema: 'vouch.traceability/v1',
    commit: rel.commit,
    repository: REPOSITORY,
    dataVersion: rel.dataVersion,
    dataDigest: digestOf(`snapshot:${rel.dataVersion}`),
    runId: rel.runId,
    pipeline: 'risk-models/credit-default-risk: pipelines/train_pd.yaml (Kubeflow)',
    started: rel.started,
    finished: rel.finished,
    environment: {
      python: '3.11.9',
      lightgbm: rel.lightgbm,
      'scikit-learn': '1.4.2',
      pandas: '2.2.2',
      os: 'Ubuntu 22.04.4 LTS',
      image: `registry.harbourside-bank.example/ml/train-cpu@${digestOf(`image:${rel.version}`)}`
    },
    datasets
  }
}
