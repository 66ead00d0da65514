/**
 * The reproducibility rows of the CLI text (verify, attest): the one-line summary the core wrote,
 * then every claim that does not reproduce with its metric, slice, claimed and recomputed value.
 * Metric and slice ids come from the pack: safeText.
 */
import type { Assessment } from '../../core/assess'
import { notReproducedLine } from '../../core/recompute/describe'
import { safeText } from './findings'
import type { Style } from './style'

/** Claims not reproduced listed one per line; the rest are counted (all are in --json). */
export const MAX_NOT_REPRODUCED_LISTED = 10

export function reproducibilityRows(r: Assessment['reproducibility'], style: Style): [string, string][] {
  if (!r) return []
  const colour = r.status === 'reproduced' ? style.green : r.status === 'not-reproduced' ? style.red : style.yellow
  const rows: [string, string][] = [['claims', colour(safeText(r.summary.text))]]
  const bad = r.claims.filter((c) => c.status === 'not-reproduced')
  for (const c of bad.slice(0, MAX_NOT_REPRODUCED_LISTED)) rows.push(['', `${style.red('✕ not reproduced')} ${safeText(notReproducedLine(c))}`])
  if (bad.length > MAX_NOT_REPRODUCED_LISTED) {
    rows.push(['', style.dim(`… and ${bad.length - MAX_NOT_REPRODUCED_LISTED} more not reproduced (vouch verify --json: .assessment.reproducibility.claims)`)])
  }
  return rows
}
