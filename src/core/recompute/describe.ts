/**
 * Words for claims, shared by every surface that prints them (CLI, PDF, diff, requirement
 * reasons), so a claim reads the same everywhere. Pure; the text is not sanitised: pack strings
 * (metric and slice ids) go through safeText where each surface prints them.
 */
import type { ClaimCheck } from './report'

/** A recomputed number: ten significant digits, no trailing zeros ("0.7958123457"). */
export function fmtRecomputed(x: number): string {
  return Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(10)))
}

const FIELD: Readonly<Record<ClaimCheck['field'], string>> = { value: '', sampleSize: 'sample size', 'ci.lower': 'CI lower bound', 'ci.upper': 'CI upper bound' }

/** "auc", "auc CI lower bound", "auc sample size", "auc on slice young", "sample size of slice young". */
export function claimLabel(c: Pick<ClaimCheck, 'scope' | 'metric' | 'slice' | 'field'>): string {
  const field = FIELD[c.field]
  if (c.scope === 'slice' && c.field === 'sampleSize') return `sample size of slice ${c.slice ?? '?'}`
  const what = [c.metric ?? '?', field].filter(Boolean).join(' ')
  return c.scope === 'slice' ? `${what} on slice ${c.slice ?? '?'}` : what
}

/** "0.7958" or "undefined (no value on these rows)". */
export function recomputedText(c: Pick<ClaimCheck, 'recomputed'>): string {
  return c.recomputed !== undefined ? fmtRecomputed(c.recomputed) : 'undefined'
}

/**
 * "±0.00005", or "" for an exact comparison (sample sizes) or no tolerance. Two significant digits:
 * the 10^-9 floor added for floating-point summation (docs/recompute.md) is not worth a reader's eye.
 */
export function toleranceText(c: Pick<ClaimCheck, 'tolerance'>): string {
  return c.tolerance !== undefined && c.tolerance > 0 ? `±${String(Number(c.tolerance.toPrecision(2)))}` : ''
}

/** One line for a claim that does not reproduce: "auc: claimed 0.8158, recomputed 0.7958 (tolerance ±0.00005)". */
export function notReproducedLine(c: ClaimCheck): string {
  const tol = toleranceText(c)
  return `${claimLabel(c)}: claimed ${c.claimed}, recomputed ${recomputedText(c)}${tol ? ` (tolerance ${tol})` : ''}${c.reason ? `; ${c.reason}` : ''}`
}

export interface NotRecomputableGroup {
  readonly reason: string
  readonly claims: number
  /** Metric ids (and "slice sample sizes") concerned, in first-seen order. */
  readonly subjects: readonly string[]
}

/** Claims not recomputable, grouped by reason (first-seen order): what a reader needs to act on them. */
export function notRecomputableGroups(claims: readonly ClaimCheck[]): NotRecomputableGroup[] {
  const by = new Map<string, { claims: number; subjects: string[] }>()
  for (const c of claims) {
    if (c.status !== 'not-recomputable') continue
    const reason = c.reason ?? 'no reason given'
    let g = by.get(reason)
    if (!g) by.set(reason, (g = { claims: 0, subjects: [] }))
    g.claims++
    const subject = c.metric ?? 'slice sample sizes'
    if (!g.subjects.includes(subject)) g.subjects.push(subject)
  }
  return [...by].map(([reason, g]) => ({ reason, ...g }))
}

/** "a, b, c and 4 more" */
export function listed(xs: readonly string[], max = 3): string {
  return xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} and ${xs.length - max} more`
}
