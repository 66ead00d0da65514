/**
 * Loads what the charts are drawn from, after verification: the predictions descriptor and the
 * predictions of one dataset/split, read back from the pack through the recomputation's own
 * reader and table loader (src/core/recompute), and only from files whose SHA-256 matched the
 * manifest when the pack was verified (each is hashed again while it is read).
 */
import { MAX_EVIDENCE_BYTES } from '../format/evidence-parse'
import { parsePredictionsDoc, PREDICTIONS_PATH } from '../format/predictions'
import type { Finding } from '../findings'
import { openPackReader } from '../io/open'
import { collectClaims } from '../recompute/claims'
import { planClaims, type Group } from '../recompute/plan'
import { groupsOf, load, type ReproduceInput } from '../recompute/reproduce'
import { columnUses, parseSlice, SliceSyntaxError } from '../recompute/slice-lang'
import { payloadOpener } from '../recompute/source-node'
import { payloadFiles } from '../recompute/verify-step'
import type { VerifyReport } from '../verify/report'
import { CurveSource, type LoadedCurves } from './source'

export type { LoadedCurves } from './source'

const none = (reason: string): LoadedCurves => ({ kind: 'unavailable', reason })

async function readAll(chunks: AsyncIterable<Uint8Array>, max: number): Promise<Uint8Array | undefined> {
  const parts: Uint8Array[] = []
  let n = 0
  for await (const c of chunks) {
    n += c.length
    if (n > max) return undefined
    parts.push(Uint8Array.from(c))
  }
  const out = new Uint8Array(n)
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

/** The group most headline claims are computed on (ties: descriptor order). */
function primaryGroup(groups: ReadonlyMap<string, Group>, report: VerifyReport): Group | undefined {
  const plan = planClaims(collectClaims(report.evidence, {}), groups)
  const votes = new Map<string, number>()
  for (const p of plan.planned) if (p.claim.scope === 'headline') votes.set(p.group.key, (votes.get(p.group.key) ?? 0) + 1)
  let best: Group | undefined
  for (const g of groups.values()) if (!best || (votes.get(g.key) ?? 0) > (votes.get(best.key) ?? 0)) best = g
  return best
}

/** Columns the table must hold: what the claims read (slices, `rate` columns), and every slice definition. */
function needsOf(g: Group, groups: ReadonlyMap<string, Group>, report: VerifyReport): { numbers: Set<string>; texts: Set<string> } {
  const plan = planClaims(collectClaims(report.evidence, {}), groups)
  const n = plan.needs.get(g.key) ?? { numbers: new Set<string>(), texts: new Set<string>() }
  for (const s of report.evidence.slices?.slices ?? []) {
    try {
      for (const [col, u] of columnUses(parseSlice(s.definition))) {
        if (u.number) n.numbers.add(col)
        if (u.text) n.texts.add(col)
      }
    } catch (e) {
      if (!(e instanceof SliceSyntaxError)) throw e
    }
  }
  return n
}

/** Reads the predictions of a verified pack for its charts; never throws for bad data (the reason says why there is nothing to draw). */
export async function loadCurveSource(report: VerifyReport, opts: { readonly signal?: AbortSignal } = {}): Promise<LoadedCurves> {
  const rep = report.reproducibility
  if (report.status === 'incomplete' || !rep) return none('verification did not finish')
  if (rep.status === 'no-predictions') return none(`the pack ships no predictions (${PREDICTIONS_PATH}): there is nothing to draw the curves from`)
  const { verified, present } = payloadFiles(report)
  const descriptorHash = verified.get(PREDICTIONS_PATH)
  if (descriptorHash === undefined) return none(`${PREDICTIONS_PATH} did not verify (see the findings)`)
  const reader = await openPackReader(report.location)
  try {
    const paths = [PREDICTIONS_PATH, ...rep.predictions.map((p) => p.path.normalize('NFC'))]
    const open = payloadOpener(reader, paths, opts.signal)
    const d = await open(PREDICTIONS_PATH, { gunzip: false })
    const bytes = await readAll(d.chunks, MAX_EVIDENCE_BYTES)
    if (!bytes) return none(`${PREDICTIONS_PATH} is larger than ${MAX_EVIDENCE_BYTES} bytes`)
    const got = d.sha256()
    if (got !== undefined && got !== descriptorHash) return none(`${PREDICTIONS_PATH} changed since the pack was verified; verify it again`)
    const parsed = parsePredictionsDoc(bytes)
    if (!parsed.doc) return none(`${PREDICTIONS_PATH} is not valid (see the findings)`)
    const inp: ReproduceInput = { evidence: report.evidence, nodes: {}, descriptor: bytes, verified, present, open }
    const ignored: Finding[] = []
    const groups = groupsOf(parsed.doc.files, inp)
    const g = primaryGroup(groups, report)
    if (!g) return none(`${PREDICTIONS_PATH} lists no predictions file`)
    if (g.unusable) return none(g.unusable)
    const table = await load(g, needsOf(g, groups, report), inp, ignored)
    if (!table) return none(ignored.find((f) => f.code === 'predictions-invalid')?.message ?? g.unusable ?? `the predictions of ${g.dataset}/${g.split} could not be read`)
    const first = g.files[0]!
    return {
      kind: 'source',
      source: new CurveSource({
        table,
        dataset: g.dataset,
        split: g.split,
        task: g.task,
        labelColumn: first.columns.label,
        ...(first.positive !== undefined ? { positive: first.positive } : {}),
        evidence: report.evidence,
        reproducibility: rep
      })
    }
  } finally {
    await reader.close()
  }
}
