/** The state the handlers share within one host process, and the verify-once helper. */
import { randomBytes } from 'node:crypto'
import type { VerifyReport } from '../../shared/domain'
import type { CoreApi } from './core-adapter'
import { CurveCache } from './curves-cache'
import { JobRegistry, progressPump } from './jobs'
import { PackStore, type OpenPack } from './pack-store'
import { RecentStore } from './recent'
import { HandlerError, type HostDeps } from './types'

/**
 * Progress pump period: ~13 events/s nominal, so that a main thread busy for a few tens of ms
 * with the core's bookkeeping still keeps every gap under 200 ms (the UI's 5/s floor).
 */
export const PROGRESS_INTERVAL_MS = 75

/** Verified reports kept in memory (diff needs two; the rest is a convenience). */
export const MAX_CACHED_REPORTS = 6

export interface HandlerState {
  readonly deps: HostDeps
  readonly core: CoreApi
  readonly packs: PackStore
  readonly jobs: JobRegistry
  readonly recent: RecentStore
  readonly curves: CurveCache
}

export function createState(deps: HostDeps, core: CoreApi): HandlerState {
  return { deps, core, packs: new PackStore(), jobs: new JobRegistry(), recent: new RecentStore(deps.userDataDir), curves: new CurveCache((r) => core.loadCurves(r)) }
}

/** Runs one verification as a cancellable job with progress events. Caches complete reports. */
export async function runVerify(s: HandlerState, pack: OpenPack, jobId: string): Promise<VerifyReport> {
  const ac = s.jobs.start(jobId)
  const pump = progressPump(jobId, (p) => s.deps.emit('pack:progress', p), s.deps.progressIntervalMs ?? PROGRESS_INTERVAL_MS)
  try {
    const report = await s.core.verifyPack(pack.location, { signal: ac.signal, onProgress: pump.update })
    if (report.status !== 'incomplete') {
      pack.report = report
      pack.incomplete = undefined
      s.packs.keepReports(MAX_CACHED_REPORTS)
    } else pack.incomplete = report
    return report
  } finally {
    pump.stop()
    s.jobs.finish(jobId, ac)
  }
}

/** The pack's complete report, verifying first when needed (diff, sign-off and PDF need one). */
export async function completeReport(s: HandlerState, packId: string, jobId?: string): Promise<VerifyReport> {
  const pack = s.packs.get(packId)
  if (pack.report) return pack.report
  const report = await runVerify(s, pack, jobId ?? `internal-${randomBytes(6).toString('hex')}`)
  if (report.status === 'incomplete') throw new HandlerError('cancelled', `verification of ${pack.fileName} did not finish`, pack.location)
  return report
}
