/**
 * The verifier's hook into recomputation (called by verify/verify.ts after every other check):
 * reads the predictions back from the pack and joins the result to the report. A cancelled run
 * gives an incomplete report, as a cancelled scan does.
 */
import { formatFinding } from '../format/codes'
import type { Finding } from '../findings'
import { CancelledError, type PackReader, type ScannedFile } from '../io/reader'
import type { VerifyReport } from '../verify/report'
import { reproduce } from './reproduce'
import { payloadOpener } from './source-node'
import { reproduceInput, withReproducibility } from './verify-step'
import { parsePredictionsDoc, PREDICTIONS_PATH } from '../format/predictions'

export async function addReproducibility(report: VerifyReport, scanned: readonly ScannedFile[], reader: PackReader, signal?: AbortSignal): Promise<VerifyReport> {
  const extra: Finding[] = []
  const descriptor = scanned.find((f) => f.entry.path === PREDICTIONS_PATH)?.content
  const paths = descriptor ? (parsePredictionsDoc(descriptor).doc?.files.map((f) => f.path.normalize('NFC')) ?? []) : []
  try {
    const r = await reproduce(reproduceInput(report, scanned, payloadOpener(reader, paths, signal, scanned), extra))
    return withReproducibility(report, r, extra)
  } catch (e) {
    if (!(e instanceof CancelledError) && !(signal?.aborted && e instanceof Error && e.name === 'AbortError')) throw e
    return { ...report, ok: false, status: 'incomplete', findings: [...report.findings, formatFinding('verify-cancelled', 'Verification was cancelled before it finished: this pack is neither verified nor failed')] }
  }
}
