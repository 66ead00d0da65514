/**
 * Computes data/evaluation/metrics.json and slices.json for one release from its predictions,
 * so each published figure can be recomputed from data/evaluation/predictions-holdout.csv.
 */
import type { Metric, Slice } from '../../src/core/format/evidence'
import type { Prediction } from './population'
import { SLICES, type Release } from './releases'
import { auc, aucCi, brier, ece, ks, logLoss, psi, round } from './stats'

/** As written in metrics.json: the literals are what the file holds, so they are not repeated. */
export type MetricFile = Omit<Metric, 'valueLiteral' | 'thresholdLiteral'>

export const HOLDOUT = { id: 'applications-2024q4-holdout', split: 'test' } as const
export const OOT = { id: 'applications-2025q1-oot', split: 'oot' } as const

function approvalRate(rows: readonly Prediction[], cutoff: number): number {
  return rows.filter((r) => r.pd <= cutoff).length / rows.length
}

/** NaN (not reported) when no row is approved: a rate over nothing is not 0. */
function badRateApproved(rows: readonly Prediction[], cutoff: number): number {
  const approved = rows.filter((r) => r.pd <= cutoff)
  return approved.length === 0 ? Number.NaN : approved.filter((r) => r.label === 1).length / approved.length
}

export function metricsFor(rel: Release, holdout: readonly Prediction[], oot: readonly Prediction[]): readonly MetricFile[] {
  const a = auc(holdout)
  const ci = aucCi(a, holdout)
  const older = holdout.filter((r) => r.a.age >= 60)
  const core = holdout.filter((r) => r.a.age >= 25 && r.a.age < 60)
  const h = { dataset: HOLDOUT.id, split: HOLDOUT.split, sampleSize: holdout.length }
  const o = { dataset: OOT.id, split: OOT.split, sampleSize: oot.length }
  // How each figure is computed (docs/recompute.md), so verification can recompute it from predictions-holdout.csv.
  const atCutoff = { params: { cutoff: rel.cutoff } }
  return [
    { id: 'auc', name: 'ROC AUC', value: round(a), threshold: 0.75, comparator: '>=', better: 'higher', ...h, ci: { lower: round(ci.lower), upper: round(ci.upper), level: 0.95 }, compute: { interval: 'hanley-mcneil' } },
    { id: 'gini', name: 'Gini coefficient (2 x AUC - 1)', value: round(2 * a - 1), threshold: 0.5, comparator: '>=', better: 'higher', ...h },
    { id: 'ks', name: 'Kolmogorov-Smirnov statistic', value: round(ks(holdout)), threshold: 0.35, comparator: '>=', better: 'higher', ...h },
    { id: 'brier', name: 'Brier score', value: round(brier(holdout)), threshold: 0.06, comparator: '<=', better: 'lower', ...h },
    { id: 'log_loss', name: 'Log loss', value: round(logLoss(holdout)), threshold: 0.22, comparator: '<=', better: 'lower', ...h },
    { id: 'ece', name: 'Expected calibration error (10 equal-count bins)', value: round(ece(holdout)), threshold: 0.02, comparator: '<=', better: 'lower', ...h },
    { id: 'approval_rate', name: `Auto-approval rate at PD <= ${rel.cutoff}`, value: round(approvalRate(holdout, rel.cutoff)), better: 'none', ...h, compute: atCutoff },
    { id: 'bad_rate_approved', name: '12-month default rate among auto-approved', value: round(badRateApproved(holdout, rel.cutoff)), threshold: 0.035, comparator: '<=', better: 'lower', ...h, compute: atCutoff },
    {
      id: 'approval_ratio_60_plus',
      name: 'Approval-rate ratio, aged 60+ vs 25-59',
      value: round(approvalRate(older, rel.cutoff) / approvalRate(core, rel.cutoff)),
      threshold: 0.8,
      comparator: '>=',
      better: 'higher',
      ...h,
      compute: { metric: 'approval_rate_ratio', params: { cutoff: rel.cutoff, group: 'age >= 60', reference: 'age >= 25 AND age < 60' } }
    },
    { id: 'auc_oot', name: 'ROC AUC, out-of-time (2025 Q1 applications)', value: round(auc(oot)), threshold: 0.74, comparator: '>=', better: 'higher', ...o, compute: { metric: 'auc' } },
    {
      id: 'psi_pd_oot',
      name: 'Population stability index of PD, holdout vs out-of-time',
      value: round(psi(holdout.map((r) => r.pd), oot.map((r) => r.pd))),
      threshold: 0.1,
      comparator: '<=',
      better: 'lower',
      ...o
    }
  ]
}

export function slicesFor(rel: Release, holdout: readonly Prediction[]): readonly Slice[] {
  return SLICES.filter((s) => !s.versions || s.versions.includes(rel.version)).map((s) => {
    const rows = holdout.filter((r) => s.test(r.a))
    const metrics: Record<string, number> = {}
    const put = (k: string, v: number): void => {
      if (Number.isFinite(v)) metrics[k] = round(v)
    }
    put('auc', auc(rows))
    put('ks', ks(rows))
    put('brier', brier(rows))
    put('approval_rate', approvalRate(rows, rel.cutoff))
    put('bad_rate_approved', badRateApproved(rows, rel.cutoff))
    return { id: s.id, name: s.name, definition: s.definition, sampleSize: rows.length, critical: s.critical, metrics }
  })
}
