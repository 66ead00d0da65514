/**
 * The verifier: one streaming pass over a pack (the reader hashes every file and hands back the
 * tag files, evidence JSON and sign-offs), then every check (check.ts), every finding.
 *
 * Cancellation: when `signal` aborts, verifyPack resolves (it does not throw) with status
 * 'incomplete', ok false, and a verify-cancelled finding, so the app can show "Incomplete" with
 * whatever was found so far. PackReadError (the container cannot be read at all) propagates, and
 * so does 'not-a-pack' for a container with no BagIt tag file at its root (not-a-pack.ts).
 */
import type { Finding } from '../findings'
import { openPackReader } from '../io/open'
import type { PackPass } from '../io/pack-pass'
import { CancelledError, type PackReader, type ReadLimits, type ScanProgress, type ScannedFile } from '../io/reader'
import { probeFolder } from '../io/folder-reader'
import { addReproducibility } from '../recompute/verify-node'
import { keepForRecompute, keepLikelyPredictions } from '../recompute/verify-step'
import { KEEP_CAP_BYTES } from '../io/scan-support'
import { checkPack, keepForVerify } from './check'
import { hasBagMarker, notAPackError } from './not-a-pack'
import type { VerifyReport } from './report'

export interface VerifyOptions {
  readonly signal?: AbortSignal
  readonly onProgress?: (p: ScanProgress) => void
  readonly limits?: Partial<ReadLimits>
  /** `vouch pack`: the folder's files are hashed by the packer as it reads them (io/pack-pass.ts). */
  readonly pass?: PackPass
}

/**
 * Verifies the pack at `location` (folder, .zip, .tar, .tar.gz). Never stops at the first problem.
 * Cancelled (signal aborted): resolves with status 'incomplete' (ok false). PackReadError propagates.
 */
export async function verifyPack(location: string, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const reader = await openPackReader(location, opts.pass ? { pass: opts.pass } : {})
  try {
    // A folder that is no bag is refused before a byte is hashed (it may be someone's home folder).
    if (reader.kind === 'folder') {
      const probe = await probeFolder(reader.location)
      if (!hasBagMarker(probe.rootNames)) throw notAPackError(reader.location, probe.packsInside)
    }
    return await verifyWithReader(reader, opts)
  } finally {
    await reader.close()
  }
}

/** The same, over an already opened reader (tests, and hosts that open packs themselves). */
export async function verifyWithReader(reader: PackReader, opts: VerifyOptions = {}): Promise<VerifyReport> {
  const t0 = performance.now()
  const readerFindings: Finding[] = []
  let files: readonly ScannedFile[] = []
  let cancelled = false
  const likely = reader.kind === 'tar' || reader.kind === 'tar.gz' ? keepLikelyPredictions(KEEP_CAP_BYTES) : () => false
  try {
    files = await reader.scan({
      ...(opts.limits ? { limits: opts.limits } : {}),
      ...(opts.signal ? { signal: opts.signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
      onFinding: (f) => readerFindings.push(f),
      keep: (path, size) => keepForVerify(path, size) || keepForRecompute(path, size) || likely(path, size)
    })
  } catch (e) {
    if (!(e instanceof CancelledError) && !(opts.signal?.aborted && isAbort(e))) throw e
    cancelled = true
  }
  if (opts.signal?.aborted) cancelled = true
  // Not a pack at all (no BagIt tag file at the root, not even a refused one): a typed refusal, not a Failed verdict.
  if (!cancelled && !hasBagMarker([...files.map((f) => f.entry.path), ...readerFindings.flatMap((f) => (f.path === undefined ? [] : [f.path]))])) {
    throw notAPackError(reader.location)
  }
  const report = checkPack({
    kind: reader.kind,
    location: reader.location,
    files: cancelled ? [] : files,
    readerFindings,
    durationMs: Math.round(performance.now() - t0),
    cancelled
  })
  if (cancelled) return report
  // Claims you can re-check: recompute every claimed metric from the predictions the pack ships.
  const full = await addReproducibility(report, files, reader, opts.signal)
  return { ...full, stats: { ...full.stats, durationMs: Math.round(performance.now() - t0) } }
}

function isAbort(e: unknown): boolean {
  return e instanceof Error && (e.name === 'AbortError' || e.name === 'CancelledError')
}
