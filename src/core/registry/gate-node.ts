/**
 * The registry half of `vouch gate`: resolve the reference (a pack, or an artifact such as a model
 * that packs refer to), pull every candidate pack into a private folder, check that the pack's own
 * signed content names the artifact digest (binding.ts), and hand each bound pack to the one
 * assessment (gate-assessment.ts). Decision: a trusted rejection in any bound pack blocks; else
 * one passing pack passes; else blocked, or "could not decide" when a registry fault hid a pack.
 */
import { rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { packNamesArtifact, type Binding } from './binding'
import type { RegistryClient } from './client-node'
import { RegistryError, type RegistryErrorCode } from './errors'
import { ExtractError } from './extract-node'
import { assessPulledPack, type GateRequirements, type GateStatus, type GateVerdict } from './gate-assessment'
import { workFolder } from './layer-node'
import { materializePack, PackContentError, resolvePacks } from './pull-node'

export interface GatePack {
  readonly manifestDigest: string
  readonly pack?: { readonly name?: string; readonly version?: string; readonly digest?: string }
  readonly binding?: Binding
  readonly status: GateStatus | 'unbound' | 'unreadable'
  readonly ok: boolean
  readonly reasons: readonly string[]
  readonly verdict?: GateVerdict
  readonly signoffsEmbedded?: number
  readonly signoffsNotEmbedded?: readonly { readonly manifestDigest: string; readonly status: string; readonly problem?: string }[]
  readonly fault?: { readonly code: RegistryErrorCode; readonly message: string }
}

export interface GateResult {
  readonly ok: boolean
  readonly decision: 'pass' | 'blocked' | 'undecided'
  readonly reason: string
  readonly digest: string
  readonly kind: 'pack' | 'artifact'
  readonly packs: readonly GatePack[]
  readonly ignored: readonly { readonly digest: string; readonly reason: string }[]
}

export async function gate(client: RegistryClient, reference: string, req: GateRequirements, opts: { readonly tmpRoot?: string } = {}): Promise<GateResult> {
  const r = await resolvePacks(client, reference)
  const packs: GatePack[] = []
  for (const art of r.packs) {
    const work = await workFolder(opts.tmpRoot ?? tmpdir(), 'vouch-gate-')
    try {
      const m = await materializePack(client, art, work, join(work, 'pack'))
      const pack = { name: m.report.pack.name, version: m.report.pack.version, digest: m.report.pack.digest }
      const extra = {
        signoffsEmbedded: m.embedded.length,
        signoffsNotEmbedded: m.notEmbedded.map((s) => ({ manifestDigest: s.manifestDigest, status: s.status, ...(s.problem ? { problem: s.problem } : {}) }))
      }
      const binding = r.kind === 'artifact' ? packNamesArtifact(m.report, r.digest) : undefined
      if (binding && !binding.bound) {
        packs.push({ manifestDigest: art.manifestDigest, pack, binding, status: 'unbound', ok: false, reasons: [`the pack does not name ${r.digest}: ${binding.detail}`], ...extra })
        continue
      }
      const verdict = await assessPulledPack(m.root, req)
      packs.push({ manifestDigest: art.manifestDigest, pack, ...(binding ? { binding } : {}), status: verdict.status, ok: verdict.ok, reasons: verdict.reasons, verdict, ...extra })
    } catch (e) {
      if (e instanceof RegistryError) packs.push({ manifestDigest: art.manifestDigest, status: 'unreadable', ok: false, reasons: [e.message], fault: { code: e.code, message: e.message } })
      else if (e instanceof PackContentError || e instanceof ExtractError) packs.push({ manifestDigest: art.manifestDigest, status: 'failed', ok: false, reasons: [e.message] })
      else throw e
    } finally {
      await rm(work, { recursive: true, force: true })
    }
  }
  const base = { digest: r.digest, kind: r.kind, packs, ignored: r.ignored }
  if (packs.length === 0) {
    return { ...base, ok: false, decision: 'blocked', reason: r.kind === 'artifact' ? `no pack: no Vouch pack refers to ${r.digest}${r.ignored.length ? ` (${r.ignored.length} unusable referrer(s) ignored)` : ''}` : 'no pack' }
  }
  const rejected = packs.find((p) => p.status === 'rejected')
  if (rejected) return { ...base, ok: false, decision: 'blocked', reason: `rejected: ${label(rejected)}: ${rejected.reasons.join('; ')}` }
  const passing = packs.find((p) => p.ok)
  if (passing) return { ...base, ok: true, decision: 'pass', reason: `${label(passing)}: ${passing.reasons.join('; ')}` }
  const fault = packs.find((p) => p.fault)
  if (fault) return { ...base, ok: false, decision: 'undecided', reason: `could not read ${label(fault)}: ${fault.reasons.join('; ')}` }
  const first = packs[0] as GatePack
  return { ...base, ok: false, decision: 'blocked', reason: `${first.status}: ${label(first)}: ${first.reasons.join('; ')}${packs.length > 1 ? ` (and ${packs.length - 1} other pack(s) that do not pass either)` : ''}` }
}

function label(p: GatePack): string {
  return p.pack?.name ? `${p.pack.name}@${p.pack.version ?? '?'} (${p.manifestDigest.slice(0, 19)}…)` : `pack ${p.manifestDigest.slice(0, 19)}…`
}
