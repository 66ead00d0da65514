/**
 * The one call a host needs (CLI, Electron main, the loopback host): fonts read once from
 * resources/fonts and cached, then the pure render. Node only.
 */
import type { PackDiff } from '../diff/types'
import type { Assessment } from '../assess/types'
import type { VerifyReport } from '../verify/report'
import type { FontBytes } from './fonts/font-set'
import { attestationInput } from './from-core'
import { loadFonts } from './node-fonts'
import { renderAttestation } from './render'

const cache = new Map<string, Promise<FontBytes>>()

export function cachedFonts(fontsDir?: string): Promise<FontBytes> {
  const key = fontsDir ?? ''
  let p = cache.get(key)
  if (!p) {
    p = loadFonts(fontsDir)
    cache.set(key, p)
    p.catch(() => cache.delete(key))
  }
  return p
}

export interface HostAttestRequest {
  readonly report: VerifyReport
  /** The previous release's report, when at hand (its record is then attached too). */
  readonly previous?: VerifyReport
  readonly diff?: PackDiff
  /** The one verdict (src/core/assess), made with the same trust file and previous release. */
  readonly assessment: Assessment
  /** The trust file the assessment used: attached to the PDF. */
  readonly trust?: { readonly name: string; readonly bytes: Uint8Array }
  readonly vouchVersion: string
  /** Only when the user asked for "now"; otherwise the date comes from the pack and sign-offs. */
  readonly exportDate?: Date
  /** resources/fonts of a packaged app (defaults: see loadFonts). */
  readonly fontsDir?: string
}

export async function renderAttestationFor(req: HostAttestRequest): Promise<Uint8Array> {
  const fonts = await cachedFonts(req.fontsDir)
  const input = attestationInput({ report: req.report, previous: req.previous, diff: req.diff, assessment: req.assessment, trust: req.trust })
  return renderAttestation(input, { vouchVersion: req.vouchVersion, fonts, exportDate: req.exportDate })
}
