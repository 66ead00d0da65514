/**
 * The charts against an independent oracle (testing/oracle_curves.py: scikit-learn's roc_curve,
 * calibration_curve and confusion_matrix, numpy's histogram, via Debian's /usr/bin/python3), on
 * random data with ties, weights, tiny slices and both samples. One Python process for all of it.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rng } from '../diff/test-builders'
import { verifyPack } from '../verify/verify'
import { binaryTable, multiclassTable, regressionTable } from '../recompute/testing/random-predictions'
import type { OracleTable as HarnessTable } from '../recompute/testing/oracle-harness-node'
import { chosenClasses, confusionChart } from './confusion'
import { edgesOf, HistogramBuilder, niceRange } from './histogram'
import { loadCurveSource } from './load-node'
import { reliabilityBins } from './reliability'
import { exactRoc } from './roc'
import type { CurveSource } from './source'
import { slicesOf, sourceOf, tableFromCsv } from './testing/tables'

const PYTHON = '/usr/bin/python3'
const ORACLE = join(__dirname, 'testing', 'oracle_curves.py')
const SAMPLES = join(__dirname, '..', '..', '..', 'resources', 'samples')

type Job = { readonly key: string; readonly slice: string | null; readonly kind: string } & Record<string, unknown>
type OracleTable = HarnessTable<Job>

const close = (a: number, b: number): boolean => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b))
const diffs: string[] = []
function same(key: string, ours: readonly number[], theirs: readonly number[]): void {
  if (ours.length !== theirs.length) diffs.push(`${key}: ${ours.length} values, oracle ${theirs.length}`)
  else ours.forEach((v, i) => void (close(v, theirs[i] as number) || diffs.push(`${key}[${i}]: vouch ${v} oracle ${theirs[i]}`)))
}

/** Our side of each job, to compare once the oracle has answered. */
type Check = (theirs: unknown) => void

function rowsOf(src: CurveSource, slice: string | null): Int32Array {
  const r = src.rowsOf(slice)
  if (!(r instanceof Int32Array)) throw new Error(`slice ${slice}: ${JSON.stringify(r)}`)
  return r
}

function binaryJobs(prefix: string, src: CurveSource, defs: readonly (string | null)[], weighted: boolean, checks: Map<string, Check>, opts: { calibration?: boolean } = {}): Job[] {
  const jobs: Job[] = []
  const edges = edgesOf(src.populationRanges().score!)
  defs.forEach((def, i) => {
    const id = def === null ? null : `s${defs.indexOf(def) - (defs[0] === null ? 1 : 0)}`
    const idx = rowsOf(src, id)
    const t = src.table
    const roc = exactRoc(t, idx)
    if (typeof roc !== 'string') {
      jobs.push({ key: `${prefix}/${i}/roc`, slice: def, kind: 'roc' })
      checks.set(`${prefix}/${i}/roc`, (o) => {
        const r = o as { fpr: number[]; tpr: number[]; thresholds: number[] }
        same(`${prefix}/${i}/roc/fpr`, [...roc.fpr], r.fpr)
        same(`${prefix}/${i}/roc/tpr`, [...roc.tpr], r.tpr)
        same(`${prefix}/${i}/roc/thresholds`, [...roc.thresholds.subarray(1)], r.thresholds)
      })
    }
    for (const k of [10, 3]) {
      const key = `${prefix}/${i}/ec${k}`
      jobs.push({ key, slice: def, kind: 'equal_count', bins: k })
      const bins = reliabilityBins(t, idx, k)
      checks.set(key, (o) => {
        const r = o as [number, number, number][]
        same(`${key}/predicted`, bins.map((b) => b.predicted), r.map((x) => x[0]))
        same(`${key}/observed`, bins.map((b) => b.observed), r.map((x) => x[1]))
        same(`${key}/rows`, bins.map((b) => b.rows), r.map((x) => x[2]))
      })
    }
    // calibration_curve's quantile edges split n rows as equal-count bins do when k divides n (edge b at
    // position bn/k - b/k, strictly between two rows) and no run of equal scores straddles an edge.
    const k = 10
    if (opts.calibration && !weighted && idx.length > 0 && idx.length % k === 0) {
      calibrated++
      const key = `${prefix}/${i}/cal`
      jobs.push({ key, slice: def, kind: 'calibration', bins: k })
      const bins = reliabilityBins(t, idx, k)
      checks.set(key, (o) => {
        const r = o as { observed: number[]; predicted: number[]; tied: number[] }
        // Equal-count bins split a run of equal scores by file order; quantile bins keep it whole:
        // bins untouched by such a run must agree exactly (the samples have one such run at most).
        const untied = bins.map((_, b) => !r.tied.includes(b) && !r.tied.includes(b + 1))
        expect(untied.filter(Boolean).length).toBeGreaterThanOrEqual(8)
        expect(r.observed.length).toBe(k)
        same(`${key}/observed`, bins.flatMap((b, j) => (untied[j] ? [b.observed] : [])), r.observed.filter((_, j) => untied[j]))
        same(`${key}/predicted`, bins.flatMap((b, j) => (untied[j] ? [b.predicted] : [])), r.predicted.filter((_, j) => untied[j]))
      })
    }
    const key = `${prefix}/${i}/hist`
    jobs.push({ key, slice: def, kind: 'histogram', edges })
    const neg = new HistogramBuilder(edges)
    const pos = new HistogramBuilder(edges)
    for (const r of idx) (t.label[r] === 1 ? pos : neg).add(t.score![r]!, t.weight ? t.weight[r]! : 1)
    checks.set(key, (o) => {
      const r = o as Record<string, [number[], number[]]>
      for (const [name, h] of [['negative', neg.group('n', '')], ['positive', pos.group('p', '')]] as const) {
        same(`${key}/${name}/counts`, h.counts, r[name]![0])
        same(`${key}/${name}/shares`, h.shares, r[name]![1])
      }
    })
  })
  return jobs
}

let calibrated = 0
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-curves-oracle-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('charts against scikit-learn and numpy', () => {
  it('ROC, reliability bins, histograms and confusion matrices agree on random data and on both samples', async () => {
    const checks = new Map<string, Check>()
    const tables: OracleTable[] = []
    const defs = ["cat = 'a'", "num < 3 AND cat IN ('b', 'c')", "grp = 'pure'", "num = 7 AND cat = 'c' AND s > 0.9", 'num = 99']
    const bin = join(dir, 'binary.csv')
    const binCsv = binaryTable(3000, 7)
    await writeFile(bin, binCsv)
    for (const weighted of [false, true]) {
      const cols = { label: 'y', score: 's', ...(weighted ? { weight: 'w' } : {}) }
      const src = sourceOf(await tableFromCsv(binCsv, { task: 'binary', columns: cols, positive: '1' }, defs), slicesOf(defs))
      tables.push({ csv: bin, task: 'binary', columns: cols, positive: '1', text: ['cat', 'grp'], numeric: ['num'], jobs: binaryJobs(weighted ? 'bw' : 'b', src, [null, ...defs], weighted, checks) })
    }

    // Distinct scores, n a multiple of the bin count: equal-count bins are calibration_curve's quantile bins.
    const r = rng(3)
    const lines = ['y,s,cat']
    for (let i = 0; i < 2000; i++) {
      const s = r()
      lines.push(`${r() < s ? 1 : 0},${s},${i % 4 === 0 ? 'a' : 'b'}`)
    }
    const untied = join(dir, 'untied.csv')
    await writeFile(untied, lines.join('\n') + '\n')
    const usrc = sourceOf(await tableFromCsv(lines.join('\n') + '\n', { task: 'binary', columns: { label: 'y', score: 's' }, positive: '1' }, ["cat = 'a'"]), slicesOf(["cat = 'a'"]))
    tables.push({ csv: untied, task: 'binary', columns: { label: 'y', score: 's' }, positive: '1', text: ['cat'], jobs: binaryJobs('u', usrc, [null, "cat = 'a'"], false, checks, { calibration: true }) })

    const reg = join(dir, 'regression.csv')
    const regCsv = regressionTable(800, 11)
    await writeFile(reg, regCsv)
    const rsrc = sourceOf(await tableFromCsv(regCsv, { task: 'regression', columns: { label: 'y', score: 'p', weight: 'w' } }, ["cat = 'a'"]), slicesOf(["cat = 'a'"]))
    const redges = edgesOf(rsrc.populationRanges().residual!)
    const rjobs: Job[] = []
    for (const [i, def] of [null, "cat = 'a'"].entries()) {
      const idx = rowsOf(rsrc, def === null ? null : 's0')
      const t = rsrc.table
      const h = new HistogramBuilder(redges)
      for (const q of idx) h.add(t.score![q]! - t.label[q]!, t.weight![q]!)
      rjobs.push({ key: `r/${i}/hist`, slice: def, kind: 'histogram', edges: redges, residual: true })
      checks.set(`r/${i}/hist`, (o) => {
        const g = h.group('residual', '')
        same(`r/${i}/hist/counts`, g.counts, (o as { residual: [number[], number[]] }).residual[0])
        same(`r/${i}/hist/shares`, g.shares, (o as { residual: [number[], number[]] }).residual[1])
      })
      const bins = reliabilityBins(t, idx, 10)
      rjobs.push({ key: `r/${i}/ec`, slice: def, kind: 'equal_count', bins: 10 })
      checks.set(`r/${i}/ec`, (o) => {
        same(`r/${i}/ec/predicted`, bins.map((b) => b.predicted), (o as number[][]).map((x) => x[0]!))
        same(`r/${i}/ec/observed`, bins.map((b) => b.observed), (o as number[][]).map((x) => x[1]!))
      })
    }
    tables.push({ csv: reg, task: 'regression', columns: { label: 'y', score: 'p', weight: 'w' }, text: ['cat'], jobs: rjobs })

    const mc = join(dir, 'multiclass.csv')
    const mcCsv = multiclassTable(900, 13)
    await writeFile(mc, mcCsv)
    const msrc = sourceOf(await tableFromCsv(mcCsv, { task: 'multiclass', columns: { label: 'y', predicted: 'p', weight: 'w' } }, ["cat = 'a'"]), slicesOf(["cat = 'a'"]))
    const choice = chosenClasses(msrc.table, msrc.everyRow())
    const mjobs: Job[] = []
    for (const [i, def] of [null, "cat = 'a'"].entries()) {
      const m = confusionChart(msrc.table, rowsOf(msrc, def === null ? null : 's0'), choice, { metric: 'accuracy', label: 'Accuracy', value: null })
      mjobs.push({ key: `m/${i}`, slice: def, kind: 'confusion', labels: m.classes })
      checks.set(`m/${i}`, (o) => same(`m/${i}`, m.counts.flat(), (o as number[][]).flat()))
    }
    tables.push({ csv: mc, task: 'multiclass', columns: { label: 'y', predicted: 'p', weight: 'w' }, text: ['cat'], jobs: mjobs })

    for (const name of ['credit-default-1.0.0', 'credit-default-1.1.0']) {
      const loaded = await loadCurveSource(await verifyPack(join(SAMPLES, name)))
      if (loaded.kind !== 'source') throw new Error(loaded.reason)
      const src = loaded.source
      const critical = src.sliceOptions().filter((s) => s.critical)
      expect(critical.length).toBe(5)
      const sdefs = critical.map((s) => s.definition)
      // binaryJobs names slices s0..; map them to the sample's ids through a source view over the same table.
      const view = sourceOf(src.table, slicesOf(sdefs))
      const text = ['income_band', 'employment_status', 'channel', 'product', 'region']
      tables.push({ csv: join(SAMPLES, name, 'data', 'evaluation', 'predictions-holdout.csv'), task: 'binary', columns: { label: 'default_12m', score: 'pd' }, positive: '1', text, numeric: ['age', 'bureau_tradelines'], jobs: binaryJobs(name, view, [null, ...sdefs], false, checks, { calibration: true }) })
    }

    const out = execFileSync(PYTHON, [ORACLE], { input: JSON.stringify({ tables }), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } })
    const theirs = JSON.parse(out) as Record<string, unknown>
    for (const [key, check] of checks) {
      expect(theirs[key], key).toBeDefined()
      check(theirs[key])
    }
    expect(diffs).toEqual([])
    expect(checks.size).toBeGreaterThan(80)
    // Both sample populations (30,000 rows), the untied table (2,000) and its slice (500).
    expect(calibrated).toBeGreaterThanOrEqual(4)
  }, 120_000)

  it('a population range is nice and covers every score', () => {
    expect(niceRange(0.0005, 0.754919)).toEqual([0, 0.8])
    expect(niceRange(-3.2, 41.7)).toEqual([-10, 50])
    expect(niceRange(5, 5)).toEqual([3, 7])
  })
})
