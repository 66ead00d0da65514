/**
 * For tests of other checks on packs that ship no predictions: the report without the one
 * `predictions-absent` info every such pack carries (recompute's own tests assert that info).
 */
import type { VerifyReport } from '../../verify/report'

export function withoutPredictionsAbsent(r: VerifyReport): VerifyReport {
  return { ...r, findings: r.findings.filter((f) => f.code !== 'predictions-absent') }
}
