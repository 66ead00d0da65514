/**
 * Builders of `reproducibility` sections for tests of the surfaces (assessment, CLI, PDF, diff),
 * through the real summary (so counts and the one-line text are what verification would give).
 */
import type { ClaimCheck, PredictionsFileCheck, Reproducibility } from '../report'
import { summarize } from '../summary'

/** A headline claim (metrics.json) of `metric`, reproduced unless `over` says otherwise. */
export function headlineClaim(metric: string, claimed: string, over: Partial<ClaimCheck> = {}): ClaimCheck {
  return {
    scope: 'headline',
    metric,
    field: 'value',
    definition: metric,
    dataset: 'holdout',
    split: 'test',
    claimed,
    recomputed: Number(claimed),
    tolerance: 0.000050001,
    status: 'reproduced',
    path: 'data/evaluation/metrics.json',
    pointer: `/metrics/0/value`,
    ...over
  }
}

/** A slice claim of `metric` on slice `slice`, reproduced unless `over` says otherwise. */
export function sliceClaim(slice: string, metric: string, claimed: string, over: Partial<ClaimCheck> = {}): ClaimCheck {
  return { ...headlineClaim(metric, claimed), scope: 'slice', slice, path: 'data/evaluation/slices.json', pointer: `/slices/0/metrics/${metric}`, ...over }
}

export const HOLDOUT: PredictionsFileCheck = { path: 'data/evaluation/predictions.csv', dataset: 'holdout', split: 'test', task: 'binary', rows: 30_000, status: 'read' }

/** The section verification would attach for these claims (status derived as reproduce() does). */
export function reproducibility(claims: readonly ClaimCheck[], opts: { readonly predictions?: boolean } = {}): Reproducibility {
  if (opts.predictions === false) {
    return summarize('no-predictions', undefined, [], claims.map((c) => ({ ...c, status: 'not-recomputable', reason: 'the pack ships no predictions', recomputed: undefined })))
  }
  const status = claims.some((c) => c.status === 'not-reproduced') ? 'not-reproduced' : claims.some((c) => c.status === 'reproduced') ? 'reproduced' : 'not-recomputable'
  return summarize(status, 'data/evaluation/predictions.json', [HOLDOUT], claims)
}
