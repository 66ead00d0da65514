/**
 * The verifier's recomputation step, as data: what it needs from the scan (which files to keep,
 * the reproduce input built from a report) and how its result joins the report (a
 * `reproducibility` section, findings, and a status that turns failed on a claim that does not
 * reproduce). The shell (verify-node.ts) only adds the bytes.
 */
import type { Finding } from '../findings'
import { formatFinding } from '../format/codes'
import { EVIDENCE_PATHS } from '../format/evidence'
import { MAX_EVIDENCE_BYTES } from '../format/evidence-parse'
import { JsonParseError, parseStrictJsonBytes, type JsonNode } from '../format/json-strict'
import { PREDICTIONS_PATH } from '../format/predictions'
import type { ScannedFile } from '../io/reader'
import type { VerifyReport } from '../verify/report'
import type { OpenPayload, ReproduceInput, ReproduceResult } from './reproduce'

/** The scan must hand back the predictions descriptor (besides what the verifier keeps). */
export function keepForRecompute(path: string, size: number): boolean {
  return path === PREDICTIONS_PATH && size <= MAX_EVIDENCE_BYTES
}

/** At most this many bytes of likely predictions are kept from one streamed archive. */
export const LIKELY_PREDICTIONS_BUDGET = 128 * 1024 * 1024

/**
 * For a tar or tar.gz, read once from end to end: keep the payload CSVs (plain or gzip) up to
 * `cap` bytes each and LIKELY_PREDICTIONS_BUDGET in all, so the predictions the descriptor names
 * (known only once it is read) need no second pass through gunzip. Any other file, or past the
 * budget: not kept, and read again by a second scan if the descriptor names it.
 */
export function keepLikelyPredictions(cap: number): (path: string, size: number) => boolean {
  let left = LIKELY_PREDICTIONS_BUDGET
  return (path, size) => {
    if (!path.startsWith('data/') || !/\.csv(\.gz)?$/i.test(path) || size > cap || size > left) return false
    left -= size
    return true
  }
}

function node(files: ReadonlyMap<string, ScannedFile>, path: string): JsonNode | undefined {
  const c = files.get(path)?.content
  if (!c) return undefined
  try {
    return parseStrictJsonBytes(c)
  } catch (e) {
    if (e instanceof JsonParseError) return undefined
    throw e
  }
}

/** Payload files present in the pack, and those whose SHA-256 matched the manifest (path -> hash): only these are read. */
export function payloadFiles(report: VerifyReport): { readonly verified: Map<string, string>; readonly present: Set<string> } {
  const verified = new Map<string, string>()
  const present = new Set<string>()
  for (const f of report.files) {
    if (!f.path.startsWith('data/') || f.status === 'missing' || f.status === 'refused') continue
    present.add(f.path)
    if (f.status === 'ok' && f.sha256 !== undefined) verified.set(f.path, f.sha256)
  }
  return { verified, present }
}

/** The input of reproduce() for a verified report; `findings` gets a problem the descriptor has before any parsing. */
export function reproduceInput(report: VerifyReport, scanned: readonly ScannedFile[], open: OpenPayload, findings: Finding[]): ReproduceInput {
  const byPath = new Map(scanned.map((f) => [f.entry.path, f]))
  const d = byPath.get(PREDICTIONS_PATH)
  if (d && !d.content) findings.push(formatFinding('evidence-too-large', `${PREDICTIONS_PATH} is larger than ${MAX_EVIDENCE_BYTES} bytes and was not parsed`, { path: PREDICTIONS_PATH, expected: `<= ${MAX_EVIDENCE_BYTES} bytes` }))
  const { verified, present } = payloadFiles(report)
  const metrics = node(byPath, EVIDENCE_PATHS.metrics)
  const slices = node(byPath, EVIDENCE_PATHS.slices)
  return {
    evidence: report.evidence,
    nodes: { ...(metrics ? { metrics } : {}), ...(slices ? { slices } : {}) },
    ...(d ? { descriptor: d.content ?? 'too-large' } : {}),
    verified,
    present,
    open
  }
}

/** The report with the recomputation joined in: its section, its findings, and the status they imply. */
export function withReproducibility(report: VerifyReport, r: ReproduceResult, extra: readonly Finding[] = []): VerifyReport {
  const findings = [...report.findings, ...extra, ...r.findings]
  const failed = findings.some((f) => f.severity === 'error')
  return { ...report, ok: !failed, status: failed ? 'failed' : 'verified', findings, reproducibility: r.reproducibility }
}
