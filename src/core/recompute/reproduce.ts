/**
 * Recomputes every claim of a pack from the predictions it ships: reads the descriptor, streams
 * each predictions file (bytes come through `open`, which the shell provides), plans, evaluates,
 * and returns the report's `reproducibility` section plus findings. Pure apart from `open`.
 */
import type { Finding } from '../findings'
import type { Evidence } from '../format/evidence'
import type { JsonNode } from '../format/json-strict'
import { parsePredictionsDoc, PREDICTIONS_PATH, type PredictionsFile } from '../format/predictions'
import { collectClaims, type Claim } from './claims'
import { recomputeFinding } from './codes'
import { descriptorReferences, sameShape } from './descriptor'
import { fmtRecomputed } from './describe'
import { checkBase, evaluate } from './evaluate'
import { groupKey, planClaims, type Group } from './plan'
import type { ClaimCheck, PredictionsFileCheck, Reproducibility } from './report'
import { summarize } from './summary'
import { TableLoader, TableLoadError, type PredictionTable } from './table'

export interface PayloadStream {
  readonly chunks: AsyncIterable<Uint8Array>
  /** SHA-256 (hex) of the stored bytes, once `chunks` is exhausted. */
  readonly sha256: () => string | undefined
}

/** Opens a payload file for reading; `gunzip` inflates it (the hash stays that of the stored bytes). */
export type OpenPayload = (path: string, opts: { readonly gunzip: boolean }) => Promise<PayloadStream>

export interface ReproduceInput {
  readonly evidence: Evidence
  /** Syntax trees of metrics.json and slices.json, for the literals as written. */
  readonly nodes: { readonly metrics?: JsonNode; readonly slices?: JsonNode }
  /** The bytes of data/evaluation/predictions.json; undefined when the pack has none; 'too-large' when it was not read (a finding says so). */
  readonly descriptor?: Uint8Array | 'too-large'
  /** Payload files whose hash matched the manifest: pack path -> SHA-256. Only these are read. */
  readonly verified: ReadonlyMap<string, string>
  /** Every payload path present in the pack. */
  readonly present: ReadonlySet<string>
  readonly open: OpenPayload
}

export interface ReproduceResult {
  readonly reproducibility: Reproducibility
  readonly findings: readonly Finding[]
}

/** Files grouped by dataset and split (shards), each group marked unusable when it cannot be read (descriptorReferences gives the findings). */
function groupsOf(files: readonly PredictionsFile[], inp: ReproduceInput): Map<string, Group> {
  const groups = new Map<string, Group>()
  files.forEach((f) => {
    const key = groupKey(f.dataset, f.split)
    const task = f.task ?? 'binary'
    let g = groups.get(key)
    if (!g) groups.set(key, (g = { key, dataset: f.dataset, split: f.split, task, files: [] }))
    ;(g.files as PredictionsFile[]).push(f)
    const path = f.path.normalize('NFC')
    if (!inp.present.has(path)) g.unusable ??= `predictions file ${f.path} is not in the pack`
    else if (!inp.verified.has(path)) g.unusable ??= `predictions file ${f.path} failed its hash check (see the finding for it), so it is not read`
    const first = g.files[0] as PredictionsFile
    if (first !== f && !sameShape(first, f)) g.unusable = `the shards of dataset ${f.dataset} split ${f.split} disagree on their columns`
  })
  return groups
}

async function load(g: Group, needs: { numbers: Set<string>; texts: Set<string> }, inp: ReproduceInput, findings: Finding[]): Promise<PredictionTable | undefined> {
  const loader = new TableLoader(g.files[0] as PredictionsFile, needs)
  for (const f of g.files) {
    const path = f.path.normalize('NFC')
    try {
      const s = await inp.open(path, { gunzip: f.compression === 'gzip' })
      await loader.load(path, s.chunks)
      const got = s.sha256()
      if (got !== undefined && got !== inp.verified.get(path)) throw new TableLoadError(path, 'the file changed while it was being verified (its SHA-256 no longer matches)')
    } catch (e) {
      if (!(e instanceof TableLoadError)) throw e
      if (e.kind === 'unavailable') {
        // A limit of this reader, not a defect of the pack: the claims are not recomputable (info), the pack does not fail.
        g.unusable = `predictions file ${f.path} ${e.detail}`
        g.unusableUnreported = true
        return undefined
      }
      findings.push(recomputeFinding('predictions-invalid', e.message, { path: e.path, ...(e.line !== undefined ? { actual: `line ${e.line}${e.column !== undefined ? `, column ${e.column}` : ''}` } : {}) }))
      g.unusable = `predictions file ${f.path} could not be read (see predictions-invalid)`
      return undefined
    }
  }
  return loader.finish()
}

/** Recomputes every claim; never throws for bad data (findings say what is wrong). */
export async function reproduce(inp: ReproduceInput): Promise<ReproduceResult> {
  const claims = collectClaims(inp.evidence, inp.nodes)
  const findings: Finding[] = []
  const na = (c: Claim, reason: string): ClaimCheck => ({ ...checkBase(c), status: 'not-recomputable', reason })
  if (inp.descriptor === undefined) {
    findings.push(recomputeFinding('predictions-absent', `The pack ships no predictions (${PREDICTIONS_PATH}): its ${claims.length} claimed numbers cannot be re-checked`, { path: PREDICTIONS_PATH }))
    const checks = claims.map((c) => na(c, 'the pack ships no predictions'))
    return { reproducibility: summarize('no-predictions', undefined, [], checks), findings }
  }
  const parsed = inp.descriptor === 'too-large' ? { findings: [] } : parsePredictionsDoc(inp.descriptor)
  findings.push(...parsed.findings)
  if (!parsed.doc) {
    const checks = claims.map((c) => na(c, `${PREDICTIONS_PATH} is not valid (see its findings)`))
    return { reproducibility: summarize('not-recomputable', PREDICTIONS_PATH, [], checks), findings }
  }
  findings.push(...descriptorReferences(parsed.doc.files, inp.evidence.traceability?.datasets, inp.present))
  const groups = groupsOf(parsed.doc.files, inp)
  // Plan once to learn the columns each group needs, load, then plan again so a group that failed to load says so.
  const first = planClaims(claims, groups)
  const tables = new Map<string, PredictionTable>()
  for (const g of groups.values()) {
    if (g.unusable) continue
    const t = await load(g, first.needs.get(g.key) ?? { numbers: new Set(), texts: new Set() }, inp, findings)
    if (t) tables.set(g.key, t)
  }
  const plan = planClaims(claims, groups)
  const done = evaluate(plan.planned, tables)
  const byClaim = new Map<Claim, ClaimCheck>()
  for (const [p, check] of done.checks) byClaim.set(p.claim, check)
  for (const n of plan.notPlanned) byClaim.set(n.claim, { ...checkBase(n.claim, n.group ? { group: n.group } : undefined), status: 'not-recomputable', reason: n.reason })
  const checks = claims.map((c) => byClaim.get(c) ?? na(c, 'not planned'))

  for (const [i, sp] of plan.slices) {
    const s = inp.evidence.slices?.slices[i]
    const why = sp.error ? `does not parse: ${sp.error.message}` : done.badSlices.get(i)
    if (s && why) {
      findings.push(recomputeFinding('slice-definition-invalid', `data/evaluation/slices.json: slice "${s.id}" definition ${JSON.stringify(s.definition)} ${why}; its claims cannot be recomputed`, { path: 'data/evaluation/slices.json', pointer: `/slices/${i}/definition`, actual: s.definition }))
    }
  }
  for (const c of checks) if (c.status === 'not-reproduced') findings.push(notReproduced(c))
  findings.push(...notRecomputableInfos(checks, new Set(plan.notPlanned.filter((n) => n.covered).map((n) => n.claim.pointer)), done.badSlices.size > 0))
  const files: PredictionsFileCheck[] = parsed.doc.files.map((f) => {
    const g = groups.get(groupKey(f.dataset, f.split)) as Group
    const t = tables.get(g.key)
    return { path: f.path, dataset: f.dataset, split: f.split, task: f.task ?? 'binary', ...(t ? { rows: t.rows, status: 'read' as const } : { status: 'unreadable' as const, reason: g.unusable ?? 'not read' }) }
  })
  for (const [key, t] of tables) {
    if (!t.duplicateRowId) continue
    const g = groups.get(key) as Group
    findings.push(recomputeFinding('predictions-row-id-duplicate', `dataset ${g.dataset} split ${g.split}: data rows ${t.duplicateRowId[0]} and ${t.duplicateRowId[1]} have the same row id (${g.files[0]?.columns.rowId ?? ''})`, { path: g.files[0]?.path ?? PREDICTIONS_PATH }))
  }
  const status = checks.some((c) => c.status === 'not-reproduced') ? 'not-reproduced' : checks.some((c) => c.status === 'reproduced') ? 'reproduced' : 'not-recomputable'
  return { reproducibility: summarize(status, PREDICTIONS_PATH, files, checks), findings }
}

const fmt = fmtRecomputed

function notReproduced(c: ClaimCheck): Finding {
  const what = c.field === 'sampleSize' ? 'sample size' : c.field === 'value' ? `metric "${c.metric ?? ''}"` : `metric "${c.metric ?? ''}" ${c.field}`
  const where = c.slice !== undefined ? `slice "${c.slice}" ${what}` : what
  const got = c.recomputed !== undefined ? fmt(c.recomputed) : 'undefined'
  const tol = c.tolerance !== undefined && c.tolerance > 0 ? ` (tolerance ±${fmt(c.tolerance)})` : ''
  const from = c.dataset !== undefined ? ` from the predictions of ${c.dataset}/${c.split ?? ''}` : ''
  return recomputeFinding('metric-not-reproduced', `${c.path}: ${where} claims ${c.claimed}, recomputed ${got}${from}${tol}${c.reason ? `: ${c.reason}` : ''}`, {
    path: c.path,
    pointer: c.pointer,
    expected: got,
    actual: c.claimed
  })
}

/** One info per metric (and one for slice sample sizes) whose claims are not recomputable for a reason no other finding gives. */
function notRecomputableInfos(checks: readonly ClaimCheck[], covered: ReadonlySet<string>, anyBadSlice: boolean): Finding[] {
  const by = new Map<string, { n: number; reason: string; pointer: string; path: string }>()
  for (const c of checks) {
    if (c.status !== 'not-recomputable' || covered.has(c.pointer)) continue
    if (anyBadSlice && c.reason?.startsWith('slice definition ')) continue
    const key = c.metric ?? '(slice sample sizes)'
    const e = by.get(key)
    if (e) e.n++
    else by.set(key, { n: 1, reason: c.reason ?? '', pointer: c.pointer, path: c.path })
  }
  return [...by].map(([key, e]) =>
    recomputeFinding('metric-not-recomputable', `${key === '(slice sample sizes)' ? 'slice sample sizes' : `metric "${key}"`}: ${e.n} claim${e.n === 1 ? '' : 's'} not recomputable: ${e.reason}`, { path: e.path, pointer: e.pointer })
  )
}
