/**
 * The release gate: the diff verdict against the previous release (src/core/diff), and what an
 * approval must acknowledge when it is Blocked. Light on imports: the renderer shows the same rule.
 */
import type { PackDiff } from '../diff/types'
import type { BlockedGate } from '../signoff/assess'
import { ACK_LIMITS } from '../signoff/checklist'
import type { Acknowledgement } from '../signoff/statement'
import type { VerifyReport } from '../verify/report'
import type { GateSection } from './types'

export function gateSection(previous: VerifyReport, diff: PackDiff): GateSection {
  return {
    previous: {
      name: previous.pack.name ?? null,
      version: previous.pack.version ?? null,
      digest: previous.pack.digest ?? null,
      location: previous.location,
      integrity: previous.status
    },
    verdict: diff.verdict.level,
    summary: diff.verdict.summary,
    reasons: diff.verdict.reasons,
    blockers: diff.verdict.reasons.filter((r) => r.level === 'blocked').map((r) => ({ code: r.code, message: r.message }))
  }
}

/** `<name>@<version>` of the previous release (as a sign-off subject names a pack), or what is known of it. */
export function previousName(gate: GateSection): string {
  const p = gate.previous
  return p.name !== null && p.version !== null ? `${p.name}@${p.version}` : (p.version ?? p.name ?? 'the previous release')
}

/** The gate as the sign-off assessment needs it: only when Blocked and the previous release has a digest. */
export function blockedGate(gate: GateSection | null): BlockedGate | undefined {
  if (!gate || gate.verdict !== 'blocked') return undefined
  // A previous release without a digest cannot be named in an acknowledgement: nothing can acknowledge it.
  return { previousName: previousName(gate), previousDigest: gate.previous.digest ?? '', codes: gate.blockers.map((b) => b.code) }
}

/** What an approver signs when they accept a Blocked gate; undefined when the gate is not Blocked. */
export function acknowledgementFor(gate: GateSection | null): Acknowledgement | undefined {
  if (!gate || gate.verdict !== 'blocked' || gate.previous.digest === null) return undefined
  return { previous: { name: previousName(gate).slice(0, ACK_LIMITS.name), digest: { sha256: gate.previous.digest } }, blockers: gate.blockers.map((b) => ({ code: b.code, message: b.message })) }
}
