/** The attestation's curves for packs verified from disk (the CLI; the app uses its cache): read the predictions back and draw. */
import { PackReadError } from '../io/reader'
import type { VerifyReport } from '../verify/report'
import { attestationCurves, releaseNames, type AttestationCurves } from './attestation'
import { loadCurveSource, type LoadedCurves } from './load-node'

async function loaded(report: VerifyReport): Promise<LoadedCurves> {
  try {
    return await loadCurveSource(report)
  } catch (e) {
    // The pack went away after it was verified: the attestation says so instead of failing.
    if (e instanceof PackReadError) return { kind: 'unavailable', reason: `the pack could not be read again (${e.message})` }
    throw e
  }
}

export async function curvesForAttestation(report: VerifyReport, previous?: VerifyReport): Promise<AttestationCurves> {
  const current = await loaded(report)
  return attestationCurves(current, previous ? { loaded: await loaded(previous), names: releaseNames(report, previous) } : undefined)
}
