/**
 * The sign-off part of an assessment, from the sign-off core's result (src/core/signoff/assess.ts):
 * every envelope with its own result, in time order (the history), and the approval per role.
 */
import type { SignoffAssessment, SignoffResult } from '../signoff/assess'
import { parseSignedAt } from '../signoff/statement'
import type { VerifyReport } from '../verify/report'
import type { ApprovalSection, ApprovalStatus, SignoffEntry, SignoffResultKind } from './types'

function resultKind(r: SignoffResult): SignoffResultKind {
  switch (r.status) {
    case 'invalid':
      return 'invalid'
    case 'other-pack':
      return 'other-pack'
    case 'valid-untrusted':
      // A second copy of a counted signature is not "untrusted": it is the same sign-off twice.
      return r.problem?.code === 'signoff-duplicate' ? 'not-counted' : 'untrusted'
    case 'valid-trusted':
      return r.supersededBy !== undefined ? 'superseded' : r.counts ? 'valid' : 'not-counted'
  }
}

export function signoffEntries(report: VerifyReport, a: SignoffAssessment): SignoffEntry[] {
  const sha = new Map(report.files.filter((f) => f.status === 'signoff').map((f) => [f.path, f.sha256 ?? null]))
  const entries = a.signoffs.map((r): SignoffEntry => {
    const s = r.signoff
    return {
      path: r.path,
      sha256: sha.get(r.path) ?? null,
      result: resultKind(r),
      reason: r.problem ? { code: r.problem.code, message: r.problem.message } : r.supersededBy !== undefined ? { code: 'superseded', message: `replaced by the later decision in ${r.supersededBy}` } : null,
      counts: r.counts,
      supersededBy: r.supersededBy ?? null,
      statement: s ? { ...s, acknowledges: s.acknowledges ?? null } : null,
      trustedAs: r.trustedAs ? { name: r.trustedAs.name, roles: r.trustedAs.roles } : null
    }
  })
  // Time order: the signer's claimed time, then the path; envelopes without a readable time last.
  const time = (e: SignoffEntry): number => (e.statement ? (parseSignedAt(e.statement.signedAt) ?? Infinity) : Infinity)
  return entries.sort((x, y) => time(x) - time(y) || (x.path < y.path ? -1 : x.path > y.path ? 1 : 0))
}

/**
 * Approved with acknowledged blockers: approved while the gate is Blocked (every counting approval
 * then acknowledges it, or it would not count), or, with no gate given, when a counting approval
 * carries an acknowledgement (its signer saw blockers: never show that as a bare Approved).
 */
export function approvalSection(a: SignoffAssessment, gateBlocked: boolean, gateGiven: boolean): ApprovalSection {
  const acknowledged = a.roles.some((r) => r.status === 'approved' && r.by.some((b) => b.acknowledges))
  const status: ApprovalStatus =
    a.status === 'approved' ? (gateBlocked || (!gateGiven && acknowledged) ? 'approved-with-acknowledged-blockers' : 'approved') : a.status
  return {
    assessed: a.trustFile,
    status,
    requiredRoles: a.requiredRoles,
    roles: a.roles.map((r) => ({
      role: r.role,
      status: r.status,
      by: r.by.map((b) => ({ name: b.name, fingerprint: b.fingerprint, path: b.path, acknowledgesBlockers: b.acknowledges }))
    })),
    reasons: a.reasons
  }
}
