/**
 * Does a pack name a model artifact? The OCI `subject` link is registry metadata that anyone with
 * push rights can write; the sign-offs sign the pack digest, which covers data/pack.json. So the
 * gate trusts the link only when the signed content names the artifact's manifest digest:
 * `model.external.sha256` is its hex, or `model.external.uri` ends in `@sha256:<hex>`.
 * Matching a layer digest instead would let someone add layers to an approved model. Pure.
 */
import type { VerifyReport } from '../verify/report'
import type { PackFacts } from './manifest'

export interface Binding {
  readonly bound: boolean
  /** Which field names it, or why it does not. */
  readonly detail: string
}

export function packNamesArtifact(report: Pick<VerifyReport, 'evidence'>, digest: string): Binding {
  const hex = digest.replace(/^sha256:/, '')
  const ext = report.evidence.pack?.model.external
  if (!ext) return { bound: false, detail: 'data/pack.json has no model.external naming the artifact' }
  if (ext.sha256 === hex) return { bound: true, detail: 'data/pack.json model.external.sha256 is the artifact digest' }
  if (ext.uri.endsWith(`@${digest}`)) return { bound: true, detail: 'data/pack.json model.external.uri names the artifact digest' }
  return { bound: false, detail: `data/pack.json model.external names sha256:${ext.sha256.slice(0, 12)}… (${ext.uri.slice(0, 120)}), not ${digest}` }
}

/** The pack facts that go into the manifest annotations, read from a verification report. */
export function packFacts(report: VerifyReport): PackFacts | undefined {
  const { name, version, digest, previousVersion } = report.pack
  if (name === undefined || version === undefined || digest === undefined) return undefined
  const profile = report.bagInfo.find(([l]) => l.toLowerCase() === 'pack-profile')?.[1]
  const t = report.evidence.traceability
  return {
    name,
    version,
    digest,
    ...(profile ? { profile } : {}),
    ...(previousVersion ? { previousVersion } : {}),
    ...(t?.commit ? { commit: t.commit } : {}),
    ...(t?.repository ? { repository: t.repository } : {}),
    ...(t?.finished ? { finished: t.finished } : {}),
    ...(report.evidence.pack?.description ? { description: report.evidence.pack.description } : {})
  }
}
