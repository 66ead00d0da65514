/**
 * assessSignoffs: a pure function of a verification report, a trust file and a policy. It checks
 * every file under signoffs/, says of each whether it is valid and trusted, valid but untrusted,
 * invalid (why) or about another pack, and decides whether the pack is Approved. Given the blocked
 * release gate (src/core/assess), an approval counts only when it acknowledges its blockers.
 * The overall verdict of a pack is src/core/assess's; this is its sign-off part.
 */
import type { Finding } from '../findings'
import type { VerifyReport } from '../verify/report'
import { DEFAULT_CHECKLIST, type ChecklistEntry } from './checklist'
import { signoffFinding, type SignoffCode } from './codes'
import { checkEnvelope, subjectName } from './envelope'
import { shortFingerprint } from './keys'
import { parseSignedAt, type Acknowledgement, type Decision } from './statement'
import type { TrustEntry, TrustFile } from './trust'

export interface ApprovalPolicy {
  /** Each needs an approving sign-off from a trusted key in that role. Default engineer, owner. */
  readonly requiredRoles: readonly string[]
  /** Checklist ids an approval must answer yes or n/a. Default: the default checklist. */
  readonly requiredChecklist: readonly string[]
  /** Four-eyes: the required roles must be covered by different people (trust-file names) and keys. */
  readonly distinctSigners: boolean
  /** "Now" for the future-dated check, epoch ms (pass it in to keep the function pure). */
  readonly now?: number
}

export const DEFAULT_POLICY: ApprovalPolicy = {
  requiredRoles: ['engineer', 'owner'],
  requiredChecklist: DEFAULT_CHECKLIST.map((c) => c.id),
  distinctSigners: true
}

const FUTURE_SKEW_MS = 5 * 60 * 1000

/** The release gate against the previous release, when it is Blocked: what an approval must acknowledge. */
export interface BlockedGate {
  /** `<Pack-Name>@<Pack-Version>` of the previous release (for the words only). */
  readonly previousName: string
  /** Its pack digest: an acknowledgement names exactly this release. */
  readonly previousDigest: string
  /** The blocking reason codes of the diff (docs/diff.md); each must be acknowledged. */
  readonly codes: readonly string[]
}

/** Does a signed acknowledgement cover this blocked gate: the same previous release, every blocking reason? */
export function acknowledgementCovers(ack: Acknowledgement | undefined, gate: BlockedGate): boolean {
  return ack !== undefined && ack.previous.digest.sha256 === gate.previousDigest && gate.codes.every((c) => ack.blockers.some((b) => b.code === c))
}

export type SignoffStatus = 'valid-trusted' | 'valid-untrusted' | 'invalid' | 'other-pack'

export interface SignoffSummary {
  readonly subject: string
  readonly subjectDigest: string
  readonly role: string
  readonly decision: Decision
  readonly signerName: string
  readonly fingerprint: string
  /** Base64 public key, for "add to trust file". */
  readonly publicKey: string
  readonly signedAt: string
  readonly checklist: readonly ChecklistEntry[]
  readonly comment: string
  /** The release-gate blockers this signer acknowledged (predicate v2), if any. */
  readonly acknowledges?: Acknowledgement
}

export interface SignoffResult {
  readonly path: string
  readonly status: SignoffStatus
  /** Why it is invalid, other-pack, or does not count (absent for a counting valid-trusted one). */
  readonly problem?: { readonly code: SignoffCode; readonly message: string }
  /** Present once the signature has verified. */
  readonly signoff?: SignoffSummary
  /** The trust-file entry that vouches for the key (valid-trusted only). */
  readonly trustedAs?: { readonly name: string; readonly roles: readonly string[] }
  /** True when this sign-off takes part in the approval decision. */
  readonly counts: boolean
  /** Set when a later decision by the same key in the same role replaces this one (it then does not count). */
  readonly supersededBy?: string
}

export type ApprovalStatus = 'approved' | 'not-approved' | 'rejected'

export interface RoleApproval {
  readonly role: string
  readonly status: 'approved' | 'missing' | 'rejected'
  /** Who approved (or rejected) in this role. */
  readonly by: readonly { readonly name: string; readonly fingerprint: string; readonly path: string; readonly acknowledges: boolean }[]
}

export interface SignoffAssessment {
  readonly approved: boolean
  readonly status: ApprovalStatus
  readonly requiredRoles: readonly string[]
  readonly roles: readonly RoleApproval[]
  readonly signoffs: readonly SignoffResult[]
  /** One line each, for people: why the pack is or is not Approved. */
  readonly reasons: readonly string[]
  readonly findings: readonly Finding[]
  readonly counts: { readonly validTrusted: number; readonly validUntrusted: number; readonly invalid: number; readonly otherPack: number }
  readonly trustFile: boolean
}

interface Counted {
  readonly path: string
  readonly role: string
  readonly decision: Decision
  readonly fingerprint: string
  readonly name: string
  readonly signedAt: number
  readonly checklistMet: boolean
  readonly acknowledges: boolean
}

export function assessSignoffs(report: VerifyReport, trust?: TrustFile, policy: ApprovalPolicy = DEFAULT_POLICY, gate?: BlockedGate): SignoffAssessment {
  const findings: Finding[] = []
  const results: SignoffResult[] = []
  const counted: Counted[] = []
  const seenSigs = new Map<string, string>()
  const digest = report.pack.digest
  const expectedName = report.pack.name !== undefined && report.pack.version !== undefined ? subjectName({ name: report.pack.name, version: report.pack.version }) : undefined
  const now = policy.now ?? Date.now()

  const add = (r: SignoffResult, f?: Finding): void => {
    results.push(r)
    if (f) findings.push(f)
  }

  for (const file of [...report.signoffs].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const path = file.path
    const c = checkEnvelope(file.text)
    if (!c.ok) {
      add({ path, status: 'invalid', problem: { code: c.code, message: c.message }, counts: false }, signoffFinding(c.code, `${path}: ${c.message}`, { path }))
      continue
    }
    const p = c.statement.predicate
    const subj = c.statement.subject[0]
    const summary: SignoffSummary = {
      subject: subj.name,
      subjectDigest: subj.digest.sha256,
      role: p.role,
      decision: p.decision,
      signerName: p.signer.name,
      fingerprint: c.fingerprint,
      publicKey: p.signer.publicKey,
      signedAt: p.signedAt,
      checklist: p.checklist,
      comment: p.comment,
      ...(p.acknowledges ? { acknowledges: p.acknowledges } : {})
    }
    const problem = (code: SignoffCode, message: string, status: SignoffStatus): void =>
      add({ path, status, problem: { code, message }, signoff: summary, counts: false }, signoffFinding(code, `${path}: ${message}`, { path }))

    if (digest === undefined) {
      problem('signoff-pack-digest-unavailable', 'the pack digest is unknown, so this sign-off cannot be matched to the pack', 'invalid')
      continue
    }
    if (subj.digest.sha256 !== digest) {
      findings.push(signoffFinding('signoff-other-pack', `${path}: signed for ${subj.name} (sha256 ${subj.digest.sha256.slice(0, 12)}…), not this pack`, { path, expected: digest, actual: subj.digest.sha256 }))
      results.push({ path, status: 'other-pack', problem: { code: 'signoff-other-pack', message: `signed for ${subj.name}, another pack` }, signoff: summary, counts: false })
      continue
    }
    if (expectedName !== undefined && subj.name !== expectedName) {
      problem('signoff-subject-name-mismatch', `subject name "${subj.name}" is not "${expectedName}"`, 'invalid')
      continue
    }
    const firstPath = seenSigs.get(c.signature)
    if (firstPath !== undefined) {
      problem('signoff-duplicate', `same signature as ${firstPath}; counted once`, 'valid-untrusted')
      continue
    }
    seenSigs.set(c.signature, path)

    const signedAt = parseSignedAt(p.signedAt) ?? Number.NaN
    const verdict = trustVerdict(trust, c.fingerprint, p.role, signedAt, now)
    if (!verdict.ok) {
      if (verdict.code === 'signoff-no-trust-file') results.push({ path, status: 'valid-untrusted', signoff: summary, counts: false })
      else problem(verdict.code, verdict.message, 'valid-untrusted')
      continue
    }
    const entry = verdict.entry
    const missing = policy.requiredChecklist.filter((id) => !p.checklist.some((e) => e.id === id))
    const noes = p.checklist.filter((e) => e.answer === 'no').map((e) => e.id)
    const checklistMet = missing.length === 0 && noes.length === 0
    const base = { path, status: 'valid-trusted' as const, signoff: summary, trustedAs: { name: entry.name, roles: entry.roles } }
    if (p.decision === 'approve' && !checklistMet) {
      const why = [noes.length ? `answered "no": ${noes.join(', ')}` : '', missing.length ? `missing: ${missing.join(', ')}` : ''].filter(Boolean).join('; ')
      add({ ...base, problem: { code: 'signoff-checklist-not-met', message: why }, counts: false }, signoffFinding('signoff-checklist-not-met', `${path}: approval by ${entry.name} does not count, checklist ${why}`, { path }))
      continue
    }
    if (p.decision === 'approve' && gate && !acknowledgementCovers(p.acknowledges, gate)) {
      const why = p.acknowledges
        ? `it acknowledges ${p.acknowledges.blockers.map((b) => b.code).join(', ')} against ${p.acknowledges.previous.name}, not ${gate.codes.join(', ')} against ${gate.previousName}`
        : `the diff against ${gate.previousName} is Blocked (${gate.codes.join(', ')}) and it does not acknowledge that`
      add({ ...base, problem: { code: 'signoff-blockers-not-acknowledged', message: why }, counts: false }, signoffFinding('signoff-blockers-not-acknowledged', `${path}: approval by ${entry.name} does not count: ${why}`, { path }))
      continue
    }
    results.push({ ...base, counts: true })
    counted.push({ path, role: p.role, decision: p.decision, fingerprint: c.fingerprint, name: entry.name, signedAt, checklistMet, acknowledges: p.acknowledges !== undefined })
  }

  // A file under signoffs/ the verifier did not hand over (too large to keep) is still an envelope
  // that cannot be checked: an error, never silently skipped.
  const handed = new Set(report.signoffs.map((s) => s.path))
  for (const f of report.files) {
    if (f.status !== 'signoff' || handed.has(f.path)) continue
    const message = `${f.path}: not read (${f.size} bytes; sign-offs are at most 1 MiB)`
    results.push({ path: f.path, status: 'invalid', problem: { code: 'signoff-not-json', message }, counts: false })
    findings.push(signoffFinding('signoff-not-json', message, { path: f.path }))
  }

  if (!trust) findings.push(signoffFinding('signoff-no-trust-file', 'no trust file given: sign-offs were checked but none is trusted'))

  // Per key and role, the signer's latest decision stands (they may change their mind by signing
  // again; a tie goes to reject). Another key's reject is never overridden.
  const latest = new Map<string, Counted>()
  for (const c of counted) {
    const k = `${c.fingerprint} ${c.role}`
    const prev = latest.get(k)
    if (!prev || c.signedAt > prev.signedAt || (c.signedAt === prev.signedAt && c.decision === 'reject')) latest.set(k, c)
  }
  const decisions = [...latest.values()]
  // The history keeps every sign-off; an earlier decision replaced by the same key in the same role no longer counts.
  for (const c of counted) {
    const stands = latest.get(`${c.fingerprint} ${c.role}`)
    if (!stands || stands === c) continue
    const i = results.findIndex((r) => r.path === c.path)
    const r = results[i]
    if (r) results[i] = { ...r, counts: false, supersededBy: stands.path }
  }
  const reasons: string[] = []
  const roles: RoleApproval[] = []
  const candidates = new Map<string, Counted[]>()
  for (const role of policy.requiredRoles) {
    const rejects = decisions.filter((d) => d.role === role && d.decision === 'reject')
    const approves = decisions.filter((d) => d.role === role && d.decision === 'approve' && d.checklistMet)
    candidates.set(role, approves)
    if (rejects.length > 0) {
      roles.push({ role, status: 'rejected', by: rejects.map((d) => ({ name: d.name, fingerprint: d.fingerprint, path: d.path, acknowledges: d.acknowledges })) })
      for (const d of rejects) {
        reasons.push(`${role}: rejected by ${d.name} (${shortFingerprint(d.fingerprint)})`)
        findings.push(signoffFinding('signoff-rejected', `${d.path}: ${d.name} rejected the pack as ${role}`, { path: d.path }))
      }
    } else if (approves.length > 0) {
      roles.push({ role, status: 'approved', by: approves.map((d) => ({ name: d.name, fingerprint: d.fingerprint, path: d.path, acknowledges: d.acknowledges })) })
    } else {
      roles.push({ role, status: 'missing', by: [] })
      // Say why a trusted approval in this role does not count, rather than "none".
      const refused = results.filter((r) => r.status === 'valid-trusted' && r.signoff?.role === role && r.signoff.decision === 'approve' && r.problem)
      reasons.push(
        refused.length > 0
          ? `${role}: ${refused.map((r) => `the approval by ${r.trustedAs?.name ?? r.signoff?.signerName} does not count (${r.problem?.message})`).join('; ')}`
          : `${role}: no approving sign-off from a key the trust file allows in this role`
      )
    }
  }

  let status: ApprovalStatus = roles.some((r) => r.status === 'rejected') ? 'rejected' : roles.every((r) => r.status === 'approved') ? 'approved' : 'not-approved'
  if (status === 'approved' && policy.distinctSigners && !distinctCover(policy.requiredRoles, candidates)) {
    status = 'not-approved'
    reasons.push(`four-eyes: the roles ${policy.requiredRoles.join(', ')} must be approved by different people with different keys`)
  }
  if (!trust) reasons.unshift('no trust file: no sign-off can be trusted')
  if (!report.ok) {
    if (status === 'approved') status = 'not-approved'
    reasons.unshift(`the pack itself did not verify (${report.status})`)
  }
  if (digest === undefined) reasons.unshift('the pack digest is unknown')
  if (status === 'approved') {
    for (const r of roles) reasons.push(`${r.role}: approved by ${r.by.map((b) => `${b.name} (${shortFingerprint(b.fingerprint)})${b.acknowledges ? ', acknowledging the release-gate blockers' : ''}`).join(', ')}`)
  }

  const n = (s: SignoffStatus): number => results.filter((r) => r.status === s).length
  return {
    approved: status === 'approved',
    status,
    requiredRoles: policy.requiredRoles,
    roles,
    signoffs: results,
    reasons,
    findings,
    counts: { validTrusted: n('valid-trusted'), validUntrusted: n('valid-untrusted'), invalid: n('invalid'), otherPack: n('other-pack') },
    trustFile: trust !== undefined
  }
}

type TrustVerdict = { ok: true; entry: TrustEntry } | { ok: false; code: SignoffCode; message: string }

function trustVerdict(trust: TrustFile | undefined, fp: string, role: string, signedAt: number, now: number): TrustVerdict {
  if (!trust) return { ok: false, code: 'signoff-no-trust-file', message: 'no trust file' }
  if (trust.revoked.has(fp)) return { ok: false, code: 'signoff-key-revoked', message: `key ${shortFingerprint(fp)} is revoked in the trust file` }
  const entry = trust.entries.find((e) => e.fingerprint === fp)
  if (!entry) return { ok: false, code: 'signoff-key-untrusted', message: `key ${shortFingerprint(fp)} is not in the trust file` }
  if (!entry.roles.includes(role)) return { ok: false, code: 'signoff-role-not-allowed', message: `${entry.name} may sign as ${entry.roles.join(', ')}, not ${role}` }
  if (entry.validAfter !== undefined && !(signedAt >= entry.validAfter)) return { ok: false, code: 'signoff-key-not-valid-at-signing', message: `signed before the key's valid-after (${new Date(entry.validAfter).toISOString()})` }
  if (entry.validBefore !== undefined && !(signedAt < entry.validBefore)) return { ok: false, code: 'signoff-key-not-valid-at-signing', message: `signed after the key expired (valid-before ${new Date(entry.validBefore).toISOString()})` }
  if (signedAt > now + FUTURE_SKEW_MS) return { ok: false, code: 'signoff-signed-in-future', message: 'signing time is in the future' }
  return { ok: true, entry }
}

/** Can each required role be given its own approver, all different people and keys? (tiny backtracking) */
function distinctCover(roles: readonly string[], candidates: ReadonlyMap<string, readonly Counted[]>): boolean {
  const usedNames = new Set<string>()
  const usedKeys = new Set<string>()
  const go = (i: number): boolean => {
    if (i === roles.length) return true
    for (const c of candidates.get(roles[i]!) ?? []) {
      // Names are people, compared case-insensitively (the trust file refuses two spellings; this holds anyway).
      const person = c.name.toLowerCase()
      if (usedNames.has(person) || usedKeys.has(c.fingerprint)) continue
      usedNames.add(person)
      usedKeys.add(c.fingerprint)
      if (go(i + 1)) return true
      usedNames.delete(person)
      usedKeys.delete(c.fingerprint)
    }
    return false
  }
  return go(0)
}
