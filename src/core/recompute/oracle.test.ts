/**
 * Every registry metric against an independent oracle (scikit-learn, scipy, pandas, numpy via
 * Debian's /usr/bin/python3; testing/oracle.py), on random data with ties, missing values, tiny,
 * empty and single-class slices, with and without weights, and on every claim of both samples.
 * One Python process for all of it (a few seconds).
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Evidence } from '../format/evidence'
import type { ParamValue, PredictionsFile } from '../format/predictions'
import { verifyPack } from '../verify/verify'
import { byPosition, positions } from './evaluate'
import { metricDef } from './metrics/registry'
import { hanleyMcNeil, wilson } from './metrics/interval'
import { evalSlice } from './slice-eval'
import { columnUses, parseSlice } from './slice-lang'
import { TableLoader, type PredictionTable } from './table'
import { binaryTable, multiclassTable, regressionTable } from './testing/random-predictions'

const PYTHON = '/usr/bin/python3'
const ORACLE = join(__dirname, 'testing', 'oracle.py')
const SAMPLES = join(__dirname, '..', '..', '..', 'resources', 'samples')

interface Job {
  readonly key: string
  readonly slice: string | null
  readonly metric: string
  readonly params?: Readonly<Record<string, ParamValue>>
  readonly interval?: { readonly method: string; readonly level: number; readonly bound: 'lower' | 'upper' }
}
interface OracleTable {
  readonly csv: string
  readonly task: string
  readonly columns: PredictionsFile['columns']
  readonly positive?: string
  readonly text?: readonly string[]
  readonly numeric?: readonly string[]
  readonly jobs: readonly Job[]
}

/** Vouch's value for each job (undefined where the metric is undefined), and each slice's row count. */
async function vouch(t: OracleTable): Promise<Map<string, number | undefined>> {
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

function oracle(tables: readonly OracleTable[]): Record<string, number | null> {
  const out = execFileSync(PYTHON, [ORACLE], { input: JSON.stringify({ tables }), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return JSON.parse(out) as Record<string, number | null>
}

function expectAgree(ours: Map<string, number | undefined>, theirs: Record<string, number | null>): number {
  const diffs: string[] = []
  for (const [k, v] of ours) {
    const o = theirs[k]
    const same = o === null || o === undefined ? v === undefined : v !== undefined && Math.abs(v - o) <= 1e-9 * Math.max(1, Math.abs(o))
    if (!same) diffs.push(`${k}: vouch ${v} oracle ${o}`)
  }
  expect(diffs).toEqual([])
  return ours.size
}

const BINARY_SLICES = [null, "cat = 'a'", "num < 3 AND cat IN ('b', 'c')", "NOT (num >= 5) OR cat = 'a'", "cat != 'b'", 'num NOT IN (1, 2, 3)', "grp = 'pure'", "num = 7 AND cat = 'c' AND s > 0.9", 'num = 99']
const BINARY_METRICS: readonly [string, Record<string, ParamValue>?][] = [
  ['auc'], ['gini'], ['ks'], ['brier'], ['log_loss'], ['ece'], ['ece', { bins: 3 }],
  ['accuracy', { cutoff: 0.5 }], ['precision', { cutoff: 0.5 }], ['recall', { cutoff: 0.5, positive_if: '>' }], ['f1', { cutoff: 0.5 }], ['positive_rate', { cutoff: 0.5 }],
  ['approval_rate', { cutoff: 0.3 }], ['approval_rate', { cutoff: 0.3, approve_if: '<' }], ['bad_rate_approved', { cutoff: 0.3 }],
  ['approval_rate_ratio', { cutoff: 0.3, group: "cat = 'a'", reference: "cat = 'b'" }], ['prevalence'], ['rate', { column: 'flag' }]
]

function jobs(prefix: string, slices: readonly (string | null)[], metrics: readonly [string, Record<string, ParamValue>?][], extra: (s: string | null, i: number) => Job[] = () => []): Job[] {
  return slices.flatMap((s, i) => [...metrics.map(([m, p], k) => ({ key: `${prefix}/${i}/${m}/${k}`, slice: s, metric: m, ...(p ? { params: p } : {}) })), ...extra(s, i)])
}

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-oracle-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('metric registry against scikit-learn, scipy and pandas', () => {
  it('agrees on random data (ties, missing values, tiny, empty and single-class slices, weights) and on every claim of both samples', async () => {
    const bin = join(dir, 'binary.csv')
    await writeFile(bin, binaryTable(3000, 7))
    const reg = join(dir, 'regression.csv')
    await writeFile(reg, regressionTable(800, 11))
    const mc = join(dir, 'multiclass.csv')
    await writeFile(mc, multiclassTable(900, 13))
    const intervals = (prefix: string, weighted: boolean) => (s: string | null, i: number): Job[] =>
      weighted
        ? []
        : (['lower', 'upper'] as const).flatMap((bound) => [
            { key: `${prefix}/${i}/wilson/${bound}`, slice: s, metric: 'prevalence', interval: { method: 'wilson', level: 0.9, bound } },
            { key: `${prefix}/${i}/hm/${bound}`, slice: s, metric: 'auc', interval: { method: 'hanley-mcneil', level: 0.95, bound } }
          ])
    const binCols = { label: 'y', score: 's', rowId: 'id' }
    const tables: OracleTable[] = [
      { csv: bin, task: 'binary', columns: binCols, positive: '1', text: ['cat', 'grp'], numeric: ['num', 'flag'], jobs: jobs('b', BINARY_SLICES, BINARY_METRICS, intervals('b', false)) },
      { csv: bin, task: 'binary', columns: { ...binCols, weight: 'w' }, positive: '1', text: ['cat', 'grp'], numeric: ['num', 'flag'], jobs: jobs('bw', BINARY_SLICES, BINARY_METRICS) },
      { csv: bin, task: 'binary', columns: { label: 'y', score: 's', predicted: 'flag' }, positive: '1', text: ['cat', 'grp'], numeric: ['num'], jobs: jobs('bp', BINARY_SLICES.slice(0, 3), [['accuracy'], ['precision'], ['recall'], ['f1']]) },
      { csv: reg, task: 'regression', columns: { label: 'y', score: 'p' }, text: ['cat'], jobs: jobs('r', [null, "cat = 'a'", "cat = 'const'", "cat = 'none'"], [['rmse'], ['mae'], ['r2'], ['bias']]) },
      { csv: reg, task: 'regression', columns: { label: 'y', score: 'p', weight: 'w' }, text: ['cat'], jobs: jobs('rw', [null, "cat = 'b'"], [['rmse'], ['mae'], ['r2'], ['bias']]) },
      { csv: mc, task: 'multiclass', columns: { label: 'y', predicted: 'p', weight: 'w' }, text: ['cat'], jobs: jobs('m', [null, "cat = 'a'"], [['accuracy'], ['macro_f1'], ['weighted_f1'], ['class_recall', { class: 'dog' }], ['class_recall', { class: 'fish' }]]) },
      { csv: mc, task: 'multiclass', columns: { label: 'y', predicted: 'p' }, text: ['cat'], jobs: jobs('mu', [null, "cat = 'b'"], [['accuracy'], ['macro_f1'], ['weighted_f1']]) }
    ]
    // Both samples: every claim Vouch recomputed, with the slice definition it was recomputed on.
    const sampleJobs: { table: OracleTable; claims: Map<string, number | undefined> }[] = []
    for (const name of ['credit-default-1.0.0', 'credit-default-1.1.0']) {
      const r = await verifyPack(join(SAMPLES, name))
      const ev: Evidence = r.evidence
      const claims = new Map<string, number | undefined>()
      const js: Job[] = []
      for (const c of r.reproducibility?.claims ?? []) {
        if (c.status !== 'reproduced') continue
        const slice = c.slice === undefined ? null : (ev.slices?.slices.find((s) => s.id === c.slice)?.definition ?? null)
        const key = `${name}${c.pointer}`
        if (c.field === 'sampleSize') {
          js.push({ key: `${key}/size`, slice, metric: 'prevalence' })
          claims.set(`${key}/size#n`, c.recomputed)
          continue
        }
        const m = ev.metrics?.metrics.find((x) => x.id === c.metric)
        const interval = c.field === 'value' ? undefined : { method: m?.compute?.interval ?? '', level: m?.ci?.level ?? 0.95, bound: c.field === 'ci.lower' ? ('lower' as const) : ('upper' as const) }
        js.push({ key, slice, metric: c.definition ?? '', ...(c.params ? { params: c.params } : {}), ...(interval ? { interval } : {}) })
        claims.set(key, c.recomputed)
      }
      const table: OracleTable = { csv: join(SAMPLES, name, 'data', 'evaluation', 'predictions-holdout.csv'), task: 'binary', columns: { label: 'default_12m', score: 'pd' }, positive: '1', text: ['income_band', 'employment_status', 'channel', 'product', 'region', 'income_source'].filter((c) => name.endsWith('1.1.0') || c !== 'income_source'), numeric: ['age', 'bureau_tradelines', 'months_at_address'], jobs: js }
      expect(js.length).toBeGreaterThan(150)
      sampleJobs.push({ table, claims })
    }
    const theirs = oracle([...tables, ...sampleJobs.map((s) => s.table)])
    let compared = 0
    for (const t of tables) compared += expectAgree(await vouch(t), theirs)
    for (const s of sampleJobs) compared += expectAgree(s.claims, theirs)
    expect(compared).toBeGreaterThan(1000)
  }, 60_000)
})
