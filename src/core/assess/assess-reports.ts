/**
 * assessReports: the one verdict on a pack, as a pure function of its verification report (and the
 * previous release's, for the release gate), a trust file, an approval policy and the requirements
 * the caller asked for. Hosts that verified already (the app, with progress) call this; others call
 * assessPack (assess-pack.ts), which verifies first.
 */
import { diffPacks } from '../diff/diff'
import type { PackDiff } from '../diff/types'
import { assessSignoffs, DEFAULT_POLICY, type ApprovalPolicy } from '../signoff/assess'
import type { TrustFile } from '../signoff/trust'
import type { VerifyReport } from '../verify/report'
import { evidenceSection } from './evidence'
import { blockedGate, gateSection, previousName } from './gate'
import { coverageSection } from './coverage'
import { integritySection } from './integrity'
import { evaluateRequirements, type AssessmentBody, type RequireOptions } from './requirements'
import { approvalSection, signoffEntries } from './signoffs'
import { worstOf, type OverallStatus } from './status'
import { ASSESSMENT_SCHEMA, type ApprovalSection, type Assessment, type RequirementResult } from './types'

export interface AssessInputs {
  /** The allowed signers; without it no sign-off is trusted and approval is not assessed. */
  readonly trust?: TrustFile
  readonly policy?: ApprovalPolicy
  /** The previous release, for the release gate; the diff is computed when not given. */
  readonly previous?: { readonly report: VerifyReport; readonly diff?: PackDiff }
  readonly require?: RequireOptions
  /** "Now" in epoch ms, for the future-dated sign-off check (default: the clock). */
  readonly now?: number
}

export function assessReports(report: VerifyReport, opts: AssessInputs = {}): Assessment {
  const complete = report.status !== 'incomplete'
  const prev = complete ? opts.previous : undefined
  const gate = prev ? gateSection(prev.report, prev.diff ?? diffPacks(prev.report, report)) : null
  const base = opts.policy ?? DEFAULT_POLICY
  const policy = opts.now === undefined ? base : { ...base, now: opts.now }
  const s = assessSignoffs(report, opts.trust, policy, blockedGate(gate))
  // Without a trust file only an envelope's own errors matter (untrusted is then the normal case).
  const integrity = integritySection(report, opts.trust ? s.findings : s.findings.filter((f) => f.severity === 'error'))
  let approval = approvalSection(s, gate?.verdict === 'blocked', gate !== null)
  if (integrity.status !== 'verified' && (approval.status === 'approved' || approval.status === 'approved-with-acknowledged-blockers')) {
    // Sign-offs of bytes that do not verify prove nothing; the sign-off core only knew the verifier's part.
    approval = { ...approval, status: 'not-approved', reasons: [`the pack failed verification (${integrity.counts.error} errors)`, ...approval.reasons] }
  }
  const body: AssessmentBody = {
    schema: ASSESSMENT_SCHEMA,
    pack: {
      name: report.pack.name ?? null,
      version: report.pack.version ?? null,
      digest: report.pack.digest ?? null,
      previousVersion: report.pack.previousVersion ?? null,
      container: report.container,
      location: report.location
    },
    integrity,
    signoffs: signoffEntries(report, s),
    approval,
    gate,
    reproducibility: complete ? (report.reproducibility ?? null) : null,
    coverage: coverageSection(report)
  }
  const requirements = evaluateRequirements(body, opts.require ?? {})
  const status = overallStatus(body, requirements)
  const evidence = integrity.status === 'incomplete' ? null : evidenceSection(report.evidence, report.traceability)
  return {
    schema: body.schema,
    status,
    reasons: statusReasons(status, body, requirements),
    pack: body.pack,
    integrity,
    signoffs: body.signoffs,
    approval,
    gate,
    requirements,
    reproducibility: body.reproducibility,
    coverage: body.coverage,
    evidence
  }
}

const approvedStatus = (a: ApprovalSection): boolean => a.assessed && (a.status === 'approved' || a.status === 'approved-with-acknowledged-blockers')

/** Fixed precedence (status.ts): incomplete, failed, then rejected and unmet requirements, then approval, then verified. */
export function overallStatus(body: AssessmentBody, requirements: readonly RequirementResult[]): OverallStatus {
  if (body.integrity.status === 'incomplete' || body.gate?.previous.integrity === 'incomplete') return 'incomplete'
  if (body.integrity.status === 'failed') return 'failed'
  const candidates: OverallStatus[] = requirements.filter((r) => !r.met).map((r) => r.unmetStatus)
  // A trusted rejection is a verdict on its own, required or not.
  if (body.approval.assessed && body.approval.status === 'rejected') candidates.push('rejected')
  return worstOf(candidates, approvedStatus(body.approval) ? body.approval.status : 'verified')
}

function plural(n: number, one: string): string {
  return `${n} ${one}${n === 1 ? '' : 's'}`
}

function statusReasons(status: OverallStatus, body: AssessmentBody, requirements: readonly RequirementResult[]): string[] {
  const { integrity, approval, gate } = body
  const out: string[] = []
  const gateLine = (): string | undefined =>
    gate && gate.verdict === 'blocked' ? `the diff against ${previousName(gate)} is Blocked: ${gate.blockers.map((b) => b.message).join('; ')}` : undefined
  switch (status) {
    case 'incomplete':
      out.push(
        integrity.status === 'incomplete' ? 'verification did not finish: nothing about this pack is established' : `verification of the previous release ${gate?.previous.location ?? ''} did not finish`
      )
      break
    case 'failed': {
      out.push(`${plural(integrity.counts.error, 'error')}: do not rely on this pack's content`)
      const shown = integrity.failing.files.slice(0, 3)
      for (const f of shown) out.push(`${f.path || 'the pack'}: ${f.plain}`)
      if (integrity.failing.total > shown.length) out.push(`and ${integrity.failing.total - shown.length} more`)
      break
    }
    case 'rejected':
    case 'not-reproducible':
    case 'not-covered':
    case 'not-approved':
      for (const r of requirements) if (!r.met) out.push(`${r.kind} required: ${r.reason}`)
      if (status === 'rejected' && !requirements.some((r) => !r.met && r.unmetStatus === 'rejected')) out.push(...approval.reasons)
      break
    case 'approved-with-acknowledged-blockers':
      out.push(gate ? `${gateLine() ?? ''}; every counting approval acknowledges it in its signed statement` : 'the approvals acknowledge release-gate blockers in their signed statements (give the previous release to re-check them)')
      out.push(...approval.reasons)
      break
    case 'approved':
      out.push(...approval.reasons)
      break
    case 'verified':
      out.push('every file matches its manifest and every check passed')
      out.push(approval.assessed ? `approval not required (${approval.status}${approval.reasons.length ? `: ${approval.reasons.join('; ')}` : ''})` : 'approval not assessed: no trust file was given')
      break
  }
  const g = status !== 'approved-with-acknowledged-blockers' && status !== 'incomplete' ? gateLine() : undefined
  if (g) out.push(g)
  return out
}
