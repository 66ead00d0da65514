/**
 * The `--json` object of `vouch verify` (docs/cli.md, `vouch.verify-result/v2`): the exit code and
 * the overall status on top, the whole Assessment below. Every key is always present (null when
 * there is nothing), so scripts can rely on the shape.
 */
import { exitCodeOf, UNREADABLE_STATUS, type Assessment, type OverallStatus } from '../../core/assess'

export const VERIFY_JSON_SCHEMA = 'vouch.verify-result/v2'

export interface VerifyJson {
  readonly schema: typeof VERIFY_JSON_SCHEMA
  /** True exactly when the exit code is 0. */
  readonly ok: boolean
  readonly status: OverallStatus | typeof UNREADABLE_STATUS.status
  readonly exitCode: number
  /** Set only when status is "unreadable": which pack, and why. */
  readonly error: { readonly which: 'pack' | 'previous'; readonly code: string; readonly path: string; readonly message: string } | null
  readonly assessment: Assessment | null
}

export function verifyJson(a: Assessment): VerifyJson {
  const exitCode = exitCodeOf(a)
  return { schema: VERIFY_JSON_SCHEMA, ok: exitCode === 0, status: a.status, exitCode, error: null, assessment: a }
}

export function unreadableJson(error: NonNullable<VerifyJson['error']>): VerifyJson {
  return { schema: VERIFY_JSON_SCHEMA, ok: false, status: UNREADABLE_STATUS.status, exitCode: UNREADABLE_STATUS.exitCode, error, assessment: null }
}
