/**
 * What `vouch gate` asks of a pulled pack, answered by the one assessment every surface uses
 * (src/core/assess, docs/verdict.md): `assessReports` over the report the pull already made, so the
 * pack is verified once. The gate adds no rule of its own about the pack; it only (1) names the
 * pack by its pinned registry reference instead of the private folder it was unpacked into, and
 * (2) refuses to pass when asked for a requirement the assessment cannot evaluate (fail closed).
 * Pure: the registry half (pulling, binding) is gate-node.ts.
 */
import { assessReports, REQUIREMENTS, type Assessment, type RequireOptions, type RequirementKind } from '../assess'
import type { TrustFile } from '../signoff/trust'
import type { VerifyReport } from '../verify/report'

/** What the gate's flags may ask for: --require-approval, --require-reproducible. */
export type GateRequirement = 'approval' | 'reproducible'

export const GATE_REQUIREMENTS: readonly GateRequirement[] = ['approval', 'reproducible']

export interface GateRequirements {
  readonly trust?: TrustFile
  readonly required: readonly GateRequirement[]
  /** The previous release (`--against`), already pulled and verified; `location` is its pinned reference. */
  readonly previous?: { readonly report: VerifyReport; readonly location: string }
}

export interface RequirementSplit {
  /** What core's assessment evaluates: passed to assessReports as `require`. */
  readonly require: RequireOptions
  /** Asked for, but this version's assessment has no such requirement: the gate does not pass. */
  readonly unavailable: readonly GateRequirement[]
}

/**
 * Splits the requirements asked for into those core's assessment knows (REQUIREMENTS in
 * src/core/assess/requirements.ts) and those it does not. This is where `--require-reproducible`
 * becomes `require: { reproducible: true }` (REQUIREMENTS has it since issue #12). A flag core does
 * not know (a newer gate over an older core) is unavailable and blocks every pack (unavailableReason).
 */
export function splitRequirements(required: readonly GateRequirement[], known: readonly string[] = REQUIREMENTS.map((r) => r.kind)): RequirementSplit {
  const require: { [K in RequirementKind]?: boolean } = {}
  const unavailable: GateRequirement[] = []
  const isKnown = (k: string): k is RequirementKind => known.includes(k)
  for (const k of required) {
    if (isKnown(k)) require[k] = true
    else if (!unavailable.includes(k)) unavailable.push(k)
  }
  return { require, unavailable }
}

/** Why a requirement the assessment cannot evaluate blocks (one line, for people). */
export function unavailableReason(k: GateRequirement): string {
  return `--require-${k}: this version of Vouch cannot evaluate it, so it is not established (fail closed)`
}

export interface PulledAssessment {
  readonly assessment: Assessment
  /** Requirements asked for that the assessment could not evaluate: the pack cannot pass. */
  readonly unavailable: readonly GateRequirement[]
}

/**
 * The assessment of a pack pulled from `pinned` (`<registry>/<repository>@<manifest digest>`):
 * exactly assessReports' object, with `pack.location` (and the previous release's) set to the pinned
 * references, since the folders they were verified in are gone when the gate answers.
 */
export function assessPulledPack(report: VerifyReport, pinned: string, req: GateRequirements): PulledAssessment {
  const { require, unavailable } = splitRequirements(req.required)
  const a = assessReports(report, {
    ...(req.trust ? { trust: req.trust } : {}),
    ...(req.previous ? { previous: { report: req.previous.report } } : {}),
    require
  })
  const prev = req.previous
  const assessment: Assessment = {
    ...a,
    pack: { ...a.pack, location: pinned },
    gate: a.gate && prev ? { ...a.gate, previous: { ...a.gate.previous, location: prev.location } } : a.gate
  }
  return { assessment, unavailable }
}
