/**
 * The statuses `vouch gate` gives a pack: the assessment's overall status (src/core/assess/status.ts,
 * docs/verdict.md), or, where the registry stops the pack before its assessment counts, one of the
 * gate's own below. docs/registry.md carries this table; a test keeps them equal. Pure.
 */
import { statusInfo, type OverallStatus } from '../assess'

export type GateOwnStatus = 'no-pack' | 'unbound' | 'bad-layer' | 'requirement-unavailable' | 'unreadable'

/** A pack's status in a gate result (or the gate's, taken from the pack that decided it). */
export type GateStatus = OverallStatus | GateOwnStatus

export interface GateStatusInfo {
  readonly status: GateOwnStatus
  readonly exitCode: 1 | 3
  /** The words of the text output. */
  readonly cli: string
  readonly meaning: string
}

export const GATE_STATUS_TABLE: readonly GateStatusInfo[] = [
  { status: 'no-pack', exitCode: 1, cli: 'NO PACK', meaning: 'No Vouch pack refers to the artifact (referrers that are not usable packs are listed as ignored).' },
  { status: 'unbound', exitCode: 1, cli: 'UNBOUND', meaning: "The pack is intact, but its data/pack.json does not name the artifact's digest: it does not count for this artifact." },
  { status: 'bad-layer', exitCode: 1, cli: 'BAD LAYER', meaning: 'The pack layer is not the pack its manifest names (annotation-mismatch, no-pack-digest) or cannot be unpacked (archive-unreadable): there is nothing to assess.' },
  { status: 'requirement-unavailable', exitCode: 1, cli: 'REQUIREMENT UNAVAILABLE', meaning: "A requirement was asked for that this version's assessment cannot evaluate: the gate fails closed. Every flag of this version is evaluated, so this appears only if a newer gate asks an older core." },
  { status: 'unreadable', exitCode: 3, cli: 'UNREADABLE', meaning: 'A registry failure hid the pack: when no other pack decides, the gate could not decide (treat as blocked, retry).' }
]

const OWN = new Map(GATE_STATUS_TABLE.map((s) => [s.status, s]))

export function isOwnStatus(s: GateStatus): s is GateOwnStatus {
  return OWN.has(s as GateOwnStatus)
}

/** Words and exit code of any gate status: the assessment's table for its statuses, the gate's own for the rest. */
export function gateStatusInfo(s: GateStatus): { readonly cli: string; readonly exitCode: 0 | 1 | 3 } {
  if (isOwnStatus(s)) return OWN.get(s) as GateStatusInfo
  return statusInfo(s)
}
