/**
 * SEAM for issue #9 ("one verdict everywhere"). `vouch gate` asks exactly one question of a pulled
 * pack, here, and nowhere else: does it pass, and why (not)? Today the answer is put together from
 * verifyPack + assessSignoffs; when core's single assessment lands, replace the body of
 * assessPulledPack with a call to assessPack(location, { trust, policy, require… }) and map its overall
 * status and exit code onto GateVerdict. Nothing else in the registry code decides pass or fail.
 */
import { assessSignoffs, type SignoffAssessment } from '../signoff/assess'
import type { TrustFile } from '../signoff/trust'
import { verifyPack } from '../verify/verify'
import type { VerifyReport } from '../verify/report'

export interface GateRequirements {
  readonly trust?: TrustFile
  readonly requireApproval: boolean
  readonly requireReproducible: boolean
}

export type GateStatus = 'failed' | 'rejected' | 'not-approved' | 'not-reproducible' | 'approved' | 'verified'

export interface GateVerdict {
  readonly ok: boolean
  /** Overall status, most severe first: failed > rejected > not-approved > not-reproducible > approved > verified. */
  readonly status: GateStatus
  /** One line each, for people. */
  readonly reasons: readonly string[]
  readonly report: VerifyReport
  readonly signoffs: SignoffAssessment
}

export async function assessPulledPack(location: string, req: GateRequirements): Promise<GateVerdict> {
  const report = await verifyPack(location)
  const signoffs = assessSignoffs(report, req.trust)
  const reasons: string[] = []
  let status: GateStatus
  const errors = [...report.findings, ...signoffs.findings].filter((f) => f.severity === 'error')
  if (!report.ok || errors.length > 0) {
    status = 'failed'
    reasons.push(`the pack does not verify: ${errors.slice(0, 3).map((f) => `${f.code}${f.path ? ` (${f.path})` : ''}`).join(', ') || report.status}${errors.length > 3 ? ` and ${errors.length - 3} more` : ''}`)
  } else if (signoffs.status === 'rejected') {
    // A trusted signer said no: a deploy gate never lets that through, whatever the flags.
    status = 'rejected'
    reasons.push(...signoffs.reasons.filter((r) => r.includes('rejected')))
  } else if (req.requireApproval && !signoffs.approved) {
    status = 'not-approved'
    reasons.push(...(signoffs.reasons.length ? signoffs.reasons : ['not approved']))
  } else if (req.requireReproducible) {
    // Recomputing claims from shipped predictions (issue #12) is not in core yet: fail closed.
    status = 'not-reproducible'
    reasons.push('--require-reproducible: this version of Vouch cannot recompute the pack\'s claims, so reproducibility is not established')
  } else {
    status = signoffs.approved ? 'approved' : 'verified'
    reasons.push(signoffs.approved ? 'verified and approved' : 'verified (approval not required)')
  }
  const ok = status === 'approved' || status === 'verified'
  return { ok, status, reasons, report, signoffs }
}
