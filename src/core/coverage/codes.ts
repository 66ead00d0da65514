/**
 * Finding codes of the risk coverage rule (docs/pack-format.md section 5.2 and 9.4; a test keeps
 * the two in sync). Stable strings: CI gates refer to them.
 */
import { findingFactory, type CodeInfo } from '../findings'

const table = [
  {
    code: 'risk-not-monitored',
    severity: 'warning',
    description:
      'A risk of severity high or critical that is not closed, or an open failure mode of severity high or critical, is not watched by any monitoring signal of the plan that has an owner, a threshold and an action; the finding names the risk or failure mode and the signals it names. An error under vouch verify --require-coverage.'
  }
] as const satisfies readonly CodeInfo[]

export type CoverageCode = (typeof table)[number]['code']

export const COVERAGE_CODES: readonly CodeInfo[] = table

export const coverageFinding = findingFactory(table).make
