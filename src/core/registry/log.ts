/**
 * `vouch log`: the sign-off history a registry holds for a pack, in signing-time order, each marked
 * valid / invalid / other-pack / not-a-signoff and superseded when the same key later signed again
 * in the same role; and, given a local copy of the pack, what each side has that the other lacks.
 * Envelopes are compared by the SHA-256 of their bytes, so a renamed file is still the same sign-off.
 * Pure.
 */
import type { RegistrySignoff } from './signoffs-node'

export interface LogEntry {
  readonly manifestDigest: string
  readonly envelopeDigest?: string
  readonly status: RegistrySignoff['status']
  readonly problem?: string
  readonly signedAt?: string
  readonly role?: string
  readonly decision?: string
  readonly signer?: string
  readonly fingerprint?: string
  /** A later sign-off by the same key in the same role exists (that one stands). */
  readonly superseded: boolean
  /** With a local pack: whether it holds the same envelope bytes. */
  readonly inLocalPack?: boolean
}

export interface LocalEnvelope {
  readonly path: string
  /** "sha256:<hex>" of the file bytes. */
  readonly digest: string
}

export interface LogResult {
  readonly entries: readonly LogEntry[]
  /** In the registry, not in the local pack: removed from the copy, or never embedded. */
  readonly missingLocally: readonly LogEntry[]
  /** In the local pack, not in the registry: not pushed (or pushed elsewhere). */
  readonly missingInRegistry: readonly LocalEnvelope[]
}

export function buildLog(signoffs: readonly RegistrySignoff[], local?: readonly LocalEnvelope[]): LogResult {
  const localDigests = new Set(local?.map((l) => l.digest) ?? [])
  const rows = signoffs.map((s) => {
    const ok = s.check?.ok ? s.check : undefined
    const p = ok?.statement.predicate
    return {
      manifestDigest: s.manifestDigest,
      ...(s.envelopeDigest ? { envelopeDigest: s.envelopeDigest } : {}),
      status: s.status,
      ...(s.problem ? { problem: s.problem } : {}),
      ...(p ? { signedAt: p.signedAt, role: p.role, decision: p.decision, signer: p.signer.name } : {}),
      ...(ok ? { fingerprint: ok.fingerprint } : {}),
      ...(local ? { inLocalPack: s.envelopeDigest !== undefined && localDigests.has(s.envelopeDigest) } : {})
    }
  })
  // signedAt is RFC 3339 UTC with seconds and Z: string order is time order. Undated entries last.
  rows.sort((a, b) => (a.signedAt ?? '\uffff').localeCompare(b.signedAt ?? '\uffff') || a.manifestDigest.localeCompare(b.manifestDigest))
  const entries: LogEntry[] = rows.map((r, i) => ({
    ...r,
    superseded:
      r.status === 'valid' &&
      rows.slice(i + 1).some((later) => later.status === 'valid' && later.fingerprint === r.fingerprint && later.role === r.role && later.signedAt !== undefined && r.signedAt !== undefined && later.signedAt > r.signedAt)
  }))
  const registryDigests = new Set(signoffs.map((s) => s.envelopeDigest).filter((d): d is string => d !== undefined))
  return {
    entries,
    missingLocally: local ? entries.filter((e) => e.status === 'valid' && e.inLocalPack === false) : [],
    missingInRegistry: local ? local.filter((l) => !registryDigests.has(l.digest)) : []
  }
}
