/**
 * The one place the app reads the recomputation of a pack's claims (docs/recompute.md section 4):
 * the assessment's reproducibility section (one verdict, computed in core), falling back to the
 * verification report's own section while the assessment is not there yet (it is the same data).
 */
import type { Assessment } from '../../../core/assess/types'
import type { ClaimCheck, Reproducibility } from '../../../core/recompute/report'
import type { VerifyReport } from '../../../core/verify/report'

export type { ClaimCheck, Reproducibility } from '../../../core/recompute/report'

export function reproducibilityOf(report: VerifyReport, assessment: Assessment | null): Reproducibility | undefined {
  return assessment?.reproducibility ?? report.reproducibility
}

/** Every claim of one metrics.json row (value, sample size, interval bounds). */
export function metricClaims(rep: Reproducibility | undefined, metricId: string): readonly ClaimCheck[] {
  return rep?.claims.filter((c) => c.scope === 'headline' && c.metric === metricId) ?? []
}

/** Every claim of one slices.json row (sample size and each metric). */
export function sliceClaims(rep: Reproducibility | undefined, sliceId: string): readonly ClaimCheck[] {
  return rep?.claims.filter((c) => c.scope === 'slice' && c.slice === sliceId) ?? []
}

export type RowVerdict =
  | { readonly kind: 'none' }
  | { readonly kind: 'reproduced'; readonly reproduced: number; readonly notRecomputable: readonly ClaimCheck[] }
  | { readonly kind: 'not-reproduced'; readonly failing: readonly ClaimCheck[] }
  | { readonly kind: 'not-recomputable'; readonly reason: string }

/** What a table row's "Recomputed" cell says about its claims. */
export function rowVerdict(claims: readonly ClaimCheck[]): RowVerdict {
  if (claims.length === 0) return { kind: 'none' }
  const failing = claims.filter((c) => c.status === 'not-reproduced')
  if (failing.length > 0) return { kind: 'not-reproduced', failing }
  const reproduced = claims.filter((c) => c.status === 'reproduced').length
  const na = claims.filter((c) => c.status === 'not-recomputable')
  if (reproduced > 0) return { kind: 'reproduced', reproduced, notRecomputable: na }
  return { kind: 'not-recomputable', reason: na[0]?.reason ?? 'not recomputable' }
}

/** A recomputed number as the table shows it: six significant digits, sample sizes whole. */
export function recomputedText(c: ClaimCheck): string {
  if (c.recomputed === undefined) return 'undefined'
  return c.field === 'sampleSize' ? String(c.recomputed) : String(Number(c.recomputed.toPrecision(6)))
}

/** What a failing claim is, within its row: "value", "n", "CI lower", or the slice's metric id. */
export function claimLabel(c: ClaimCheck): string {
  if (c.field === 'sampleSize') return 'n'
  if (c.field === 'ci.lower') return 'CI lower'
  if (c.field === 'ci.upper') return 'CI upper'
  return c.scope === 'slice' ? (c.metric ?? 'value') : 'value'
}
