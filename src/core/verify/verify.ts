/**
 * The verifier: one streaming pass over a pack, then every check, every finding.
 */
import type { ReadLimits, ScanProgress } from '../io/reader'
import type { VerifyReport } from './report'

export interface VerifyOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (p: ScanProgress) => void
  readonly limits?: Partial<ReadLimits>
}

/**
 * Verifies the pack at `location` (folder, .zip, .tar, .tar.gz). Never stops at the first problem.
 * Cancelled (signal aborted): resolves with status 'incomplete' (ok false). PackReadError propagates.
 */
export async function verifyPack(location: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  void location
  void opts
  throw new Error('verifyPack: not implemented yet')
}
