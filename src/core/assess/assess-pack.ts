/**
 * assessPack: verify a pack (and the previous release, when given), then assessReports. The one
 * call for a host that has nothing verified yet (the CLI, `vouch gate`). Reads files: not for the
 * renderer. A pack that cannot be read at all throws PackReadError (with `which` set by AssessReadError).
 */
import { diffPacks } from '../diff/diff'
import type { PackDiff } from '../diff/types'
import { PackReadError, type ReadLimits, type ScanProgress } from '../io/reader'
import type { VerifyReport } from '../verify/report'
import { verifyPack } from '../verify/verify'
import { assessReports, type AssessInputs } from './assess-reports'
import type { Assessment } from './types'

export interface AssessPackOptions extends Omit<AssessInputs, 'previous'> {
  /** The previous release (folder or archive), for the release gate. */
  readonly against?: string
  readonly signal?: AbortSignal
  readonly onProgress?: (p: ScanProgress, which: 'pack' | 'previous') => void
  readonly limits?: Partial<ReadLimits>
}

/** The assessment with the reports it was made from (the PDF and the app need the evidence too). */
export interface AssessedPack {
  readonly assessment: Assessment
  readonly report: VerifyReport
  readonly previous?: { readonly report: VerifyReport; readonly diff: PackDiff }
}

/** A pack or the previous release could not be read at all; `which` says which one. */
export class AssessReadError extends Error {
  constructor(
    readonly which: 'pack' | 'previous',
    readonly error: PackReadError
  ) {
    super(error.message)
    this.name = 'AssessReadError'
  }
}

export async function assessPackWithReports(location: string, opts: AssessPackOptions = {}): Promise<AssessedPack> {
  const verify = async (where: string, which: 'pack' | 'previous'): Promise<VerifyReport> => {
    try {
      return await verifyPack(where, {
        ...(opts.signal ? { signal: opts.signal } : {}),
        ...(opts.limits ? { limits: opts.limits } : {}),
        ...(opts.onProgress ? { onProgress: (p: ScanProgress) => opts.onProgress?.(p, which) } : {})
      })
    } catch (e) {
      if (e instanceof PackReadError) throw new AssessReadError(which, e)
      throw e
    }
  }
  const report = await verify(location, 'pack')
  let previous: AssessedPack['previous']
  if (opts.against !== undefined && report.status !== 'incomplete') {
    const prev = await verify(opts.against, 'previous')
    previous = { report: prev, diff: diffPacks(prev, report) }
  }
  const { against: _a, signal: _s, onProgress: _p, limits: _l, ...inputs } = opts
  const assessment = assessReports(report, { ...inputs, ...(previous ? { previous } : {}) })
  return { assessment, report, ...(previous ? { previous } : {}) }
}

export async function assessPack(location: string, opts: AssessPackOptions = {}): Promise<Assessment> {
  return (await assessPackWithReports(location, opts)).assessment
}
