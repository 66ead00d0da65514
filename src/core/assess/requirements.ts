/**
 * Requirements: conditions a caller asks for (`vouch verify --require-approval`, the app once a
 * trust file is set). Each is evaluated over the assessment's sections and, when not met, gives
 * the pack its status (status.ts). Extension point: see README.md in this folder.
 */
import { reproducibleRequirement } from './reproducible'
import type { Assessment, RequirementKind, RequirementResult } from './types'

/** What a caller may require; each key is a RequirementKind. */
export type RequireOptions = { readonly [K in RequirementKind]?: boolean }

/** The sections a requirement may look at (everything but the status it helps decide). */
export type AssessmentBody = Omit<Assessment, 'status' | 'reasons' | 'requirements' | 'evidence'>

export interface RequirementDef {
  readonly kind: RequirementKind
  /** The words of the CLI flag / docs, e.g. "approval". */
  readonly label: string
  readonly evaluate: (a: AssessmentBody) => Omit<RequirementResult, 'kind'>
}

const approval: RequirementDef = {
  kind: 'approval',
  label: 'approval',
  evaluate: (a) => {
    const s = a.approval.status
    if (!a.approval.assessed) return { met: false, reason: 'no trust file was given, so no sign-off can be trusted', unmetStatus: 'not-approved' }
    if (s === 'approved' || s === 'approved-with-acknowledged-blockers') return { met: true, reason: `approved (required roles: ${a.approval.requiredRoles.join(', ')})`, unmetStatus: 'not-approved' }
    return { met: false, reason: a.approval.reasons.join('; ') || s, unmetStatus: s === 'rejected' ? 'rejected' : 'not-approved' }
  }
}

/** `--require-coverage`: no serious risk or open failure mode without a signal watching it (src/core/coverage). */
const coverage: RequirementDef = {
  kind: 'coverage',
  label: 'coverage',
  evaluate: (a) => {
    const c = a.coverage
    if (!c) return { met: false, reason: 'coverage could not be assessed: the pack has no valid monitoring plan', unmetStatus: 'not-covered' }
    if (c.uncovered.length === 0) return { met: true, reason: `every high or critical risk and open failure mode (${c.required}) is watched by a signal of the monitoring plan`, unmetStatus: 'not-covered' }
    const n = c.uncovered.length
    return { met: false, reason: `${n} of ${c.required} high or critical risks and open failure modes not watched by any monitoring signal: ${c.uncovered.map((u) => u.id).join(', ')}`, unmetStatus: 'not-covered' }
  }
}

/** Every requirement, in the order they are reported. Add one here (and its kind in types.ts). */
export const REQUIREMENTS: readonly RequirementDef[] = [approval, reproducibleRequirement, coverage]

export function evaluateRequirements(body: AssessmentBody, require: RequireOptions): RequirementResult[] {
  return REQUIREMENTS.filter((r) => require[r.kind] === true).map((r) => ({ kind: r.kind, ...r.evaluate(body) }))
}
