/**
 * The oracle harness shared by the oracle tests: one table's jobs computed by Vouch's registry and
 * by the independent Python oracle (oracle.py: scikit-learn, scipy, pandas via Debian's
 * /usr/bin/python3), and the comparison of the two.
 */
import { execFileSync } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect } from 'vitest'
import type { Evidence } from '../../format/evidence'
import type { ParamValue, PredictionsFile } from '../../format/predictions'
import type { VerifyReport } from '../../verify/report'
import { byPosition, positions } from '../evaluate'
import { metricDef } from '../metrics/registry'
import { hanleyMcNeil, wilson } from '../metrics/interval'
import { evalSlice } from '../slice-eval'
import { columnUses, parseSlice } from '../slice-lang'
import { TableLoader, type PredictionTable } from '../table'

const PYTHON = '/usr/bin/python3'
const ORACLE = join(__dirname, 'oracle.py')

export interface Job {
  readonly key: string
  readonly slice: string | null
  readonly metric: string
  readonly params?: Readonly<Record<string, ParamValue>>
  readonly interval?: { readonly method: string; readonly level: number; readonly bound: 'lower' | 'upper' }
}
/** A predictions CSV, how to read it, and the jobs to run on it (metric jobs here; the curves oracle has its own). */
export interface OracleTable<J = Job> {
  readonly csv: string
  readonly task: string
  readonly columns: PredictionsFile['columns']
  readonly positive?: string
  readonly text?: readonly string[]
  readonly numeric?: readonly string[]
  readonly jobs: readonly J[]
}

/** Vouch's value for each job (undefined where the metric is undefined), and each slice's row count. */
export async function vouch(t: OracleTable): Promise<Map<string, number | undefined>> {
  const spec: PredictionsFile = { path: 'x.csv', format: 'csv', dataset: 'd', split: 's', task: t.task as PredictionsFile['task'], columns: t.columns, ...(t.positive !== undefined ? { positive: t.positive } : {}) }
  const numbers = new Set<string>(t.numeric ?? [])
  const texts = new Set<string>()
  const exprs = new Set<string>()
  for (const j of t.jobs) {
    if (j.slice) exprs.add(j.slice)
    for (const [k, v] of Object.entries(j.params ?? {})) if ((k === 'group' || k === 'reference') && typeof v === 'string') exprs.add(v)
  }
  for (const e of exprs) {
    for (const [c, u] of columnUses(parseSlice(e))) {
      if (u.number) numbers.add(c)
      if (u.text) texts.add(c)
    }
  }
  const loader = new TableLoader(spec, { numbers, texts })
  await loader.load('x.csv', (async function* () {
    yield new Uint8Array(await readFile(t.csv))
  })())
  const table: PredictionTable = loader.finish()
  const out = new Map<string, number | undefined>()
  for (const j of t.jobs) {
    const idx = positions(table.order, j.slice ? evalSlice(parseSlice(j.slice), table) : new Uint8Array(table.rows).fill(1))
    out.set(`${j.key}#n`, idx.length)
    const def = metricDef(j.metric)!
    const params = Object.fromEntries([...def.params.filter((p) => p.default !== undefined).map((p) => [p.name, p.default as ParamValue]), ...Object.entries(j.params ?? {})])
    const r = def.compute({ t: table, idx, params, subset: (name) => byPosition(table.order, evalSlice(parseSlice(String(params[name])), table)) })
    let v = r.ok ? r.value : undefined
    if (r.ok && j.interval) {
      const b = j.interval.method === 'wilson' ? wilson(r.value, r.count!, j.interval.level) : hanleyMcNeil(r.value, r.positives!, r.negatives!, j.interval.level)
      v = b[j.interval.bound === 'lower' ? 0 : 1]
    }
    out.set(j.key, v)
  }
  return out
}

export function oracle(tables: readonly OracleTable[]): Record<string, number | null> {
  const out = execFileSync(PYTHON, [ORACLE], { input: JSON.stringify({ tables }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(out) as Record<string, number | null>
}

export function expectAgree(ours: Map<string, number | undefined>, theirs: Record<string, number | null>): number {
  const diffs: string[] = []
  for (const [k, v] of ours) {
    const o = theirs[k]
    const same = o === null || o === undefined ? v === undefined : v !== undefined && Math.abs(v - o) <= 1e-9 * Math.max(1, Math.abs(o))
    if (!same) diffs.push(`${k}: vouch ${v} oracle ${o}`)
  }
  expect(diffs).toEqual([])
  return ours.size
}

export function jobs(prefix: string, slices: readonly (string | null)[], metrics: readonly [string, Record<string, ParamValue>?][], extra: (s: string | null, i: number) => Job[] = () => []): Job[] {
  return slices.flatMap((s, i) => [...metrics.map(([m, p], k) => ({ key: `${prefix}/${i}/${m}/${k}`, slice: s, metric: m, ...(p ? { params: p } : {}) })), ...extra(s, i)])
}

/**
 * Every claim a verified pack reproduced, as oracle jobs on its predictions table (slice claims on
 * their slice definition); `claims` holds Vouch's recomputed values under the same keys. A sample
 * size is checked as the row count of a job of `sizeMetric` (any metric of the task) on its slice.
 */
export function sampleClaims(name: string, r: VerifyReport, sizeMetric: string): { jobs: Job[]; claims: Map<string, number | undefined> } {
  const ev: Evidence = r.evidence
  const claims = new Map<string, number | undefined>()
  const js: Job[] = []
  for (const c of r.reproducibility?.claims ?? []) {
    if (c.status !== 'reproduced') continue
    const slice = c.slice === undefined ? null : (ev.slices?.slices.find((s) => s.id === c.slice)?.definition ?? null)
    const key = `${name}${c.pointer}`
    if (c.field === 'sampleSize') {
      js.push({ key: `${key}/size`, slice, metric: sizeMetric })
      claims.set(`${key}/size#n`, c.recomputed)
      continue
    }
    const m = ev.metrics?.metrics.find((x) => x.id === c.metric)
    const interval = c.field === 'value' ? undefined : { method: m?.compute?.interval ?? '', level: m?.ci?.level ?? 0.95, bound: c.field === 'ci.lower' ? ('lower' as const) : ('upper' as const) }
    js.push({ key, slice, metric: c.definition ?? '', ...(c.params ? { params: c.params } : {}), ...(interval ? { interval } : {}) })
    claims.set(key, c.recomputed)
  }
  return { jobs: js, claims }
}
