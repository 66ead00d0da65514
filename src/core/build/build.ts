/**
 * The builder (`vouch build <dir>`): validates data/ against the schemas and the cross-document
 * rules, then writes bagit.txt, bag-info.txt, manifest-sha256.txt and tagmanifest-sha256.txt.
 * Nothing is written when any error is found. The same inputs give byte-identical tag files:
 * sorted manifests, LF, fixed label order, and a Bagging-Date taken from the evidence (never "now").
 */
import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Finding } from '../findings'
import { BAGIT_TXT, PACK_PROFILE, isIsoDate, serializeBagInfo } from '../format/bagit'
import { formatFinding } from '../format/codes'
import { EVIDENCE_PATHS, type Evidence } from '../format/evidence'
import { MAX_EVIDENCE_BYTES, parseEvidence } from '../format/evidence-parse'
import { PAYLOAD_MANIFEST, TAG_MANIFEST, serializeManifest } from '../format/manifest'
import { PREDICTIONS_PATH } from '../format/predictions'
import { checkReferences } from '../format/references'
import { checkDescriptor } from '../recompute/descriptor'
import { isRfc3339 } from '../format/schema-dsl'
import { hasUnsafeText, safeText } from '../text/safe-text'
import { checkTraceability } from '../verify/traceability'
import { hashFile, mapLimit, sha256Hex, walkPackFolder, writeAtomic } from './fs-walk'
import { PackWriteError, type BuildOptions, type BuildResult } from './types'

export type { BuildOptions, BuildResult } from './types'

const GENERATED = new Set(['bagit.txt', 'bag-info.txt', PAYLOAD_MANIFEST])

export async function buildPack(dir: string, opts: BuildOptions = {}): Promise<BuildResult> {
  const st = await stat(dir).catch(() => undefined)
  if (!st?.isDirectory()) throw new PackWriteError('not-a-directory', dir, `${dir} is not a folder`)
  const findings: Finding[] = []
  const files = await walkPackFolder(dir, findings)
  const payload = files.filter((f) => f.path.startsWith('data/'))
  // Tag files carried along: everything outside data/ and signoffs/ except what build writes.
  const otherTags = files.filter((f) => !f.path.startsWith('data/') && !f.path.startsWith('signoffs/') && !GENERATED.has(f.path) && !/^tagmanifest-[^/]+\.txt$/.test(f.path))

  // Evidence: schemas, references, traceability (bag-info does not exist yet: it is derived from these).
  const contents = new Map<string, Uint8Array>()
  const present = new Set<string>()
  for (const p of Object.values(EVIDENCE_PATHS)) {
    const f = payload.find((x) => x.path === p)
    if (!f) continue
    present.add(p)
    if (f.size <= MAX_EVIDENCE_BYTES) contents.set(p, await readFile(f.abs))
  }
  const parsed = parseEvidence(contents, present)
  findings.push(...parsed.findings)
  const refs = checkReferences(parsed.evidence, new Set(payload.map((f) => f.path)))
  findings.push(...refs)
  // The predictions descriptor, checked exactly as verification checks it (verify also reads the predictions).
  const pd = payload.find((f) => f.path === PREDICTIONS_PATH)
  if (pd) findings.push(...checkDescriptor(pd.size <= MAX_EVIDENCE_BYTES ? await readFile(pd.abs) : 'too-large', parsed.evidence.traceability?.datasets, new Set(payload.map((f) => f.path))).findings)
  findings.push(
    ...checkTraceability({
      node: parsed.nodes.traceability,
      present: present.has(EVIDENCE_PATHS.traceability),
      bagInfo: undefined,
      pack: undefined,
      undeclaredDatasets: 0,
      prior: parsed.findings
    }).findings
  )

  const { pack, traceability } = parsed.evidence
  findings.push(...escapedBagInfoValues(parsed.evidence))
  let baggingDate: string | undefined
  try {
    baggingDate = pickBaggingDate(opts.baggingDate, traceability?.finished, process.env.SOURCE_DATE_EPOCH)
  } catch (e) {
    findings.push(formatFinding('bag-info-value-invalid', (e as Error).message, { path: 'bag-info.txt', expected: 'YYYY-MM-DD' }))
  }
  const empty = { written: [] as string[], payloadFiles: payload.length, payloadBytes: payload.reduce((n, f) => n + f.size, 0) }
  if (findings.some((f) => f.severity === 'error') || !pack || !traceability || baggingDate === undefined) {
    return { ok: false, findings, ...empty }
  }

  const hashed = await mapLimit(payload, 4, async (f) => ({ path: f.path, ...(await hashFile(f.abs)) }))
  const manifest = serializeManifest(hashed)
  const octets = hashed.reduce((n, h) => n + h.size, 0)
  const info: [string, string][] = [
    ['Pack-Name', pack.name],
    ['Pack-Version', pack.version],
    ['Pack-Profile', PACK_PROFILE],
    ['Source-Commit', traceability.commit],
    ['Data-Version', traceability.dataVersion],
    ['Run-ID', traceability.runId],
    ['Bagging-Date', baggingDate],
    ['Payload-Oxum', `${octets}.${hashed.length}`]
  ]
  if (pack.previousVersion !== undefined) info.push(['Previous-Version', pack.previousVersion])
  const bagInfo = serializeBagInfo(info)
  const generated: [string, string][] = [
    ['bagit.txt', BAGIT_TXT],
    ['bag-info.txt', bagInfo],
    [PAYLOAD_MANIFEST, manifest]
  ]
  const others = await mapLimit(otherTags, 4, async (f) => ({ path: f.path, sha256: (await hashFile(f.abs)).sha256 }))
  const tagmanifest = serializeManifest([...generated.map(([p, t]) => ({ path: p, sha256: sha256Hex(t) })), ...others])

  try {
    // The tag manifest last: until it is replaced the old digest no longer matches, never a mix that verifies.
    for (const [p, t] of generated) await writeAtomic(join(dir, p), t)
    await writeAtomic(join(dir, TAG_MANIFEST), tagmanifest)
  } catch (e) {
    throw new PackWriteError('write-failed', dir, `Could not write the tag files in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  return {
    ok: true,
    findings,
    digest: sha256Hex(tagmanifest),
    written: [...generated.map(([p]) => p), TAG_MANIFEST],
    payloadFiles: hashed.length,
    payloadBytes: octets
  }
}

/**
 * A value copied to bag-info.txt must read the same there as in the evidence. The schema refuses
 * controls and format characters of the Basic Multilingual Plane; the few above it (tag
 * characters U+E0000-U+E007F, ...) cannot be put in a portable JSON Schema pattern, so the builder
 * refuses a value the sanitiser would change (it would be written escaped).
 */
function escapedBagInfoValues(ev: Evidence): Finding[] {
  const fields: [string, string, string | undefined][] = [
    [EVIDENCE_PATHS.pack, 'name', ev.pack?.name],
    [EVIDENCE_PATHS.pack, 'version', ev.pack?.version],
    [EVIDENCE_PATHS.pack, 'previousVersion', ev.pack?.previousVersion],
    [EVIDENCE_PATHS.traceability, 'dataVersion', ev.traceability?.dataVersion],
    [EVIDENCE_PATHS.traceability, 'runId', ev.traceability?.runId]
  ]
  return fields.flatMap(([path, field, value]) => {
    if (value === undefined || !hasUnsafeText(value)) return []
    const shown = safeText(value)
    return [formatFinding('bag-info-value-invalid', `${path}: ${field} holds an invisible format or control character (shown escaped: ${shown}); it would be written escaped to bag-info.txt and no longer match`, { path, pointer: `/${field}`, expected: 'no control or format character', actual: shown })]
  })
}

/** Bagging-Date: explicit option, else the date of traceability.finished, else SOURCE_DATE_EPOCH (UTC). Never the clock. */
export function pickBaggingDate(explicit: string | undefined, finished: string | undefined, sourceDateEpoch: string | undefined): string | undefined {
  if (explicit !== undefined) {
    const d = isRfc3339(explicit) ? explicit.slice(0, 10) : explicit
    if (!isIsoDate(d)) throw new RangeError(`Bagging date ${JSON.stringify(explicit)} is not a YYYY-MM-DD date or RFC 3339 date-time`)
    return d
  }
  if (finished !== undefined && isRfc3339(finished)) return finished.slice(0, 10)
  if (sourceDateEpoch !== undefined && /^\d+$/.test(sourceDateEpoch)) return new Date(Number(sourceDateEpoch) * 1000).toISOString().slice(0, 10)
  return undefined
}
