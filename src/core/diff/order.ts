/**
 * The one order of regressions, for every surface that lists them (`vouch diff` text and Markdown,
 * `--json`, the app's Compare view, the PDF): most severe level first; within a level, threshold
 * crossings (pass to FAIL) before moves that only exceed the tolerance; then the largest relative
 * move; then by slice and metric, so the output is stable.
 */
import type { RegressionEntry, RegressionLevel } from './types'

const LEVEL_RANK: Readonly<Record<RegressionLevel, number>> = { critical: 0, major: 1, minor: 2 }

const crossed = (r: RegressionEntry): number => (r.reasons.includes('threshold-crossed') ? 0 : 1)
const relMove = (r: RegressionEntry): number => Math.abs(r.comparison.relative ?? Number.MAX_VALUE)
const key = (r: RegressionEntry): string => `${r.slice ?? ''}\u0000${r.metric}`

/** Sort comparator: negative when `a` is listed before `b`. */
export function compareRegressions(a: RegressionEntry, b: RegressionEntry): number {
  const ka = key(a)
  const kb = key(b)
  return LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || crossed(a) - crossed(b) || relMove(b) - relMove(a) || (ka < kb ? -1 : ka > kb ? 1 : 0)
}

export function orderRegressions(xs: readonly RegressionEntry[]): RegressionEntry[] {
  return [...xs].sort(compareRegressions)
}

/** The key a renderer uses to find a regression's place in the order: `m:<metric>` or `s:<slice>:<metric>`. */
export function regressionKey(r: Pick<RegressionEntry, 'scope' | 'slice' | 'metric'>): string {
  return r.scope === 'metric' ? `m:${r.metric}` : `s:${r.slice ?? ''}:${r.metric}`
}
