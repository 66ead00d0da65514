/**
 * The registry half of `vouch gate`: resolve the reference (a pack, or an artifact such as a model
 * that packs refer to), pull every candidate pack into a private folder (verified once, there),
 * check that the pack's own signed content names the artifact digest (binding.ts), and take each
 * bound pack's status from the one assessment (gate-assessment.ts). Decision: a trusted rejection in
 * any bound pack blocks; else one passing pack passes; else "could not decide" when a registry fault
 * hid a pack; else blocked. The exit code is the deciding pack's (gate-status.ts).
 */
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { exitCodeOf, type Assessment } from '../assess'
import { packNamesArtifact, type Binding } from './binding'
import type { RegistryClient } from './client-node'
import { RegistryError, type RegistryErrorCode } from './errors'
import { ExtractError } from './extract-node'
import { assessPulledPack, unavailableReason, type GateRequirement, type GateRequirements } from './gate-assessment'
import { gateStatusInfo, type GateStatus } from './gate-status'
import { workFolder } from './layer-node'
import type { VerifyReport } from '../verify/report'
import { materializePack, PackContentError, resolvePacks } from './pull-node'

export interface GatePackFacts {
  readonly name: string | null
  readonly version: string | null
  readonly digest: string | null
}

export interface GatePack {
  readonly manifestDigest: string
  /** `<registry>/<repository>@<manifest digest>`: where this pack is. */
  readonly pinned: string
  readonly pack: GatePackFacts | null
  readonly binding: Binding | null
  /** The assessment's status, or the gate's own (gate-status.ts) when the registry stops the pack first. */
  readonly status: GateStatus
  /** This pack lets the artifact through: bound, every requirement evaluable, assessment exit code 0. */
  readonly passes: boolean
  readonly exitCode: 0 | 1 | 3
  /** Why, one line each: the assessment's reasons, after the gate's own when it has one. */
  readonly reasons: readonly string[]
  /** The one assessment of this pack (null when there is nothing to assess: unreadable, bad layer). */
  readonly assessment: Assessment | null
  readonly unavailable: readonly GateRequirement[]
  readonly signoffsEmbedded: number | null
  readonly signoffsNotEmbedded: readonly { readonly manifestDigest: string; readonly status: string; readonly problem?: string }[]
  readonly fault: { readonly code: RegistryErrorCode | PackContentError['code'] | 'archive-unreadable'; readonly message: string } | null
}

export interface GateResult {
  readonly ok: boolean
  readonly decision: 'pass' | 'blocked' | 'undecided'
  /** The deciding pack's status, or `no-pack`. */
  readonly status: GateStatus
  readonly exitCode: 0 | 1 | 3
  /** Index in `packs` of the pack that decided, null when there is none. */
  readonly decidingPack: number | null
  readonly reason: string
  readonly digest: string
  readonly kind: 'pack' | 'artifact'
  readonly packs: readonly GatePack[]
  readonly ignored: readonly { readonly digest: string; readonly reason: string }[]
}

export interface GateOptions {
  readonly tmpRoot?: string
  /** `<registry>/<repository>` of `client`, for pinned references. */
  readonly repositoryRef: string
}

export async function gate(client: RegistryClient, reference: string, req: GateRequirements, opts: GateOptions): Promise<GateResult> {
  const r = await resolvePacks(client, reference)
  const packs: GatePack[] = []
  for (const art of r.packs) {
    const pinned = `${opts.repositoryRef}@${art.manifestDigest}`
    const none = { manifestDigest: art.manifestDigest, pinned, pack: null, binding: null, passes: false, assessment: null, unavailable: [], signoffsEmbedded: null, signoffsNotEmbedded: [] }
    const work = await workFolder(opts.tmpRoot ?? tmpdir(), 'vouch-gate-')
    try {
      const m = await materializePack(client, art, work, join(work, 'pack'))
      const binding = r.kind === 'artifact' ? packNamesArtifact(m.report, r.digest) : null
      packs.push(
        judge(assessPulledPack(m.report, pinned, req), binding, {
          manifestDigest: art.manifestDigest,
          pinned,
          pack: { name: m.report.pack.name ?? null, version: m.report.pack.version ?? null, digest: m.report.pack.digest ?? null },
          signoffsEmbedded: m.embedded.length,
          signoffsNotEmbedded: m.notEmbedded.map((s) => ({ manifestDigest: s.manifestDigest, status: s.status, ...(s.problem ? { problem: s.problem } : {}) }))
        }, r.digest)
      )
    } catch (e) {
      if (e instanceof RegistryError) packs.push({ ...none, status: 'unreadable', exitCode: 3, reasons: [e.message], fault: { code: e.code, message: e.message } })
      else if (e instanceof PackContentError) packs.push({ ...none, status: 'bad-layer', exitCode: 1, reasons: [e.message], fault: { code: e.code, message: e.message } })
      else if (e instanceof ExtractError) packs.push({ ...none, status: 'bad-layer', exitCode: 1, reasons: [e.message], fault: { code: 'archive-unreadable', message: e.message } })
      else throw e
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  }
  return decide(r, packs)
}

type PackBase = Pick<GatePack, 'manifestDigest' | 'pinned' | 'pack' | 'signoffsEmbedded' | 'signoffsNotEmbedded'>

/** One pack's status: a failed (or unfinished) pack is that, whatever it names; then binding; then the assessment. */
function judge(pa: ReturnType<typeof assessPulledPack>, binding: Binding | null, base: PackBase, artifact: string): GatePack {
  const a = pa.assessment
  const common = { ...base, binding, assessment: a, unavailable: pa.unavailable, fault: null }
  const intact = a.integrity.status === 'verified'
  if (intact && binding && !binding.bound) {
    return { ...common, status: 'unbound', passes: false, exitCode: 1, reasons: [`the pack does not name ${artifact}: ${binding.detail}`] }
  }
  const code = exitCodeOf(a)
  if (code === 0 && pa.unavailable.length > 0) {
    return { ...common, status: 'requirement-unavailable', passes: false, exitCode: 1, reasons: [...pa.unavailable.map(unavailableReason), ...a.reasons] }
  }
  return { ...common, status: a.status, passes: code === 0, exitCode: code, reasons: [...(code === 0 ? [] : pa.unavailable.map(unavailableReason)), ...a.reasons] }
}

function decide(r: Awaited<ReturnType<typeof resolvePacks>>, packs: GatePack[]): GateResult {
  const base = { digest: r.digest, kind: r.kind, packs, ignored: r.ignored }
  if (packs.length === 0) {
    const reason = r.kind === 'artifact' ? `no pack: no Vouch pack refers to ${r.digest}${r.ignored.length ? ` (${r.ignored.length} unusable referrer(s) ignored)` : ''}` : 'no pack'
    return { ...base, ok: false, decision: 'blocked', status: 'no-pack', exitCode: 1, decidingPack: null, reason }
  }
  const pick = (i: number, decision: GateResult['decision']): GateResult => {
    const p = packs[i] as GatePack
    const others = decision === 'blocked' && p.status !== 'rejected' && packs.length > 1 ? ` (and ${packs.length - 1} other pack(s) that do not pass either)` : ''
    const reason = `${gateStatusInfo(p.status).cli}: ${label(p)}: ${p.reasons.join('; ')}${others}`
    return { ...base, ok: decision === 'pass', decision, status: p.status, exitCode: decision === 'undecided' ? 3 : p.exitCode, decidingPack: i, reason }
  }
  // A trusted signer said no: a deploy gate never lets that through, whatever other packs say.
  const rejected = packs.findIndex((p) => p.status === 'rejected')
  if (rejected >= 0) return pick(rejected, 'blocked')
  const passing = packs.findIndex((p) => p.passes)
  if (passing >= 0) return pick(passing, 'pass')
  const fault = packs.findIndex((p) => p.status === 'unreadable')
  if (fault >= 0) return pick(fault, 'undecided')
  return pick(0, 'blocked')
}

/** The previous release (`--against`) could not be pulled; `code` is a registry, layer or lookup code. */
export class PreviousReleaseError extends Error {
  constructor(
    readonly code: RegistryErrorCode | PackContentError['code'] | 'archive-unreadable' | 'no-pack' | 'several-packs',
    message: string,
    /** With several-packs: the pinned reference of each candidate. */
    readonly candidates: readonly string[] = []
  ) {
    super(message)
    this.name = 'PreviousReleaseError'
  }
}

export interface PulledPrevious {
  readonly report: VerifyReport
  /** The pinned reference of the previous pack. */
  readonly location: string
  readonly pack: GatePackFacts
}

/**
 * Pulls the previous release for the release gate, as `vouch verify --against` reads a local one:
 * a pack, or the one pack that refers to an artifact, verified into `work` (which the caller removes).
 */
export async function pullPrevious(client: RegistryClient, reference: string, repositoryRef: string, work: string): Promise<PulledPrevious> {
  try {
    const r = await resolvePacks(client, reference)
    const pins = r.packs.map((p) => `${repositoryRef}@${p.manifestDigest}`)
    if (r.packs.length === 0) throw new PreviousReleaseError('no-pack', `no Vouch pack at or referring to ${r.digest}`)
    if (r.packs.length > 1) throw new PreviousReleaseError('several-packs', `${r.packs.length} packs refer to ${r.digest}; name the previous release by its pack digest`, pins)
    const dir = await workFolder(work, 'previous-')
    const m = await materializePack(client, r.packs[0]!, dir, join(dir, 'pack'))
    return { report: m.report, location: pins[0]!, pack: { name: m.report.pack.name ?? null, version: m.report.pack.version ?? null, digest: m.report.pack.digest ?? null } }
  } catch (e) {
    if (e instanceof RegistryError || e instanceof PackContentError) throw new PreviousReleaseError(e.code, e.message)
    if (e instanceof ExtractError) throw new PreviousReleaseError('archive-unreadable', e.message)
    throw e
  }
}

function label(p: GatePack): string {
  return p.pack?.name ? `${p.pack.name}@${p.pack.version ?? '?'} (${p.manifestDigest.slice(0, 19)}…)` : `pack ${p.manifestDigest.slice(0, 19)}…`
}
