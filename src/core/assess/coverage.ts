/**
 * The coverage part of an assessment: the verifier's risk coverage (src/core/coverage) reduced to
 * what the requirement, the CLI and page 1 of the PDF say. Null when it could not be assessed.
 */
import { uncoveredItems, uncoveredWhy } from '../coverage/coverage'
import type { VerifyReport } from '../verify/report'
import type { CoverageSection } from './types'

export function coverageSection(report: VerifyReport): CoverageSection | null {
  const c = report.coverage
  if (!c?.assessed || report.status === 'incomplete') return null
  return {
    required: c.required,
    covered: c.covered,
    uncovered: uncoveredItems(c).map((x) => ({ kind: x.kind, id: x.id, severity: x.severity, status: x.status, why: uncoveredWhy(x) }))
  }
}
