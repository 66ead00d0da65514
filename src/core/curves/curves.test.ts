import { describe, expect, it } from 'vitest'
import { rng } from '../diff/test-builders'
import { metricDef } from '../recompute/metrics/registry'
import type { ClaimCheck, Reproducibility } from '../recompute/report'
import { binaryTable, multiclassTable, regressionTable } from '../recompute/testing/random-predictions'
import { chosenClasses, confusionChart, MAX_CLASSES, OTHER_CLASSES } from './confusion'
import { curveSet, MAX_RATE_CATEGORIES } from './curve-set'
import { binOf, edgesOf } from './histogram'
import { binsEce, reliabilityBins } from './reliability'
import { exactRoc, trapezoidArea } from './roc'
import { DRAW_TOLERANCE, maxDeviation, simplifyMonotone } from './simplify'
import { slicesOf, sourceOf, tableFromCsv } from './testing/tables'
import type { ChartEntry, ConfusionChart, RatesChart, ReliabilityChart, RocChart } from './types'

const DEFS = ["cat = 'a'", "grp = 'pure'", 'num = 99', 'nosuch < 3']
const binary = (weighted: boolean, rows = 3000): Promise<Awaited<ReturnType<typeof tableFromCsv>>> =>
  tableFromCsv(binaryTable(rows, 7), { task: 'binary', columns: { label: 'y', score: 's', ...(weighted ? { weight: 'w' } : {}) }, positive: '1' }, DEFS.slice(0, 3), ['flag'])

const chart = <T>(entries: readonly ChartEntry[], id: string): T => entries.find((e) => e.id === id)?.chart as T

function claim(over: Partial<ClaimCheck>): ClaimCheck {
  return { scope: 'headline', field: 'value', dataset: 'd', split: 's', claimed: '0.5', status: 'reproduced', path: 'data/evaluation/metrics.json', pointer: '/metrics/0/value', ...over }
}
const rep = (claims: readonly ClaimCheck[]): Reproducibility =>
  ({ status: 'reproduced', predictions: [], rows: 0, summary: {} as Reproducibility['summary'], claims }) as Reproducibility

describe('the drawing rule', () => {
  it('keeps a monotone curve of a million points within the tolerance with at most 2/eps + 2 points', () => {
    const r = rng(5)
    const n = 1_000_000
    const xs = new Float64Array(n)
    const ys = new Float64Array(n)
    // A concave staircase, as a ROC curve is: x and y advance in random alternating runs.
    let u = 0
    for (let i = 1; i < n; i++) {
      u = Math.min(1, u + r() * 2e-6)
      xs[i] = r() < 0.5 ? u : xs[i - 1]!
      ys[i] = Math.max(ys[i - 1]!, Math.floor(Math.sqrt(u) * 2000) / 2000)
    }
    xs[n - 1] = 1
    ys[n - 1] = 1
    const kept = simplifyMonotone(xs, ys, DRAW_TOLERANCE)
    expect(kept.length).toBeLessThanOrEqual(2 / DRAW_TOLERANCE + 2)
    expect(kept.length).toBeGreaterThan(100)
    expect(kept[0]).toBe(0)
    expect(kept[kept.length - 1]).toBe(n - 1)
    expect(maxDeviation(xs, ys, kept)).toBeLessThanOrEqual(DRAW_TOLERANCE)
    // A coarser rule drops more, and the guarantee still holds for it.
    const coarse = simplifyMonotone(xs, ys, 0.05)
    expect(coarse.length).toBeLessThan(kept.length)
    expect(maxDeviation(xs, ys, coarse)).toBeLessThanOrEqual(0.05)
    expect(maxDeviation(xs, ys, [0, n - 1])).toBeGreaterThan(0.05)
  })

  it('leaves a curve of one or two points alone', () => {
    expect(simplifyMonotone([0], [0], 0.1)).toEqual([0])
    expect(simplifyMonotone([0, 1], [0, 1], 0.1)).toEqual([0, 1])
  })
})

describe('charts agree with the registry numbers on the same rows', () => {
  it('the area under the exact ROC curve is the AUC, and the reliability bins add up to the ECE', async () => {
    for (const weighted of [false, true]) {
      const src = sourceOf(await binary(weighted), slicesOf(DEFS.slice(0, 1)))
      for (const slice of [null, 's0']) {
        const idx = src.rowsOf(slice) as Int32Array
        const roc = exactRoc(src.table, idx)
        if (typeof roc === 'string') throw new Error(roc)
        const auc = metricDef('auc')!.compute({ t: src.table, idx, params: {}, subset: () => new Uint8Array() })
        expect(auc.ok && Math.abs(trapezoidArea(roc) - auc.value)).toBeLessThan(1e-12)
        expect(roc.fpr[0]).toBe(0)
        expect(roc.tpr[roc.tpr.length - 1]).toBeCloseTo(1, 12)
        for (const bins of [10, 3, 7]) {
          const ece = metricDef('ece')!.compute({ t: src.table, idx, params: { bins }, subset: () => new Uint8Array() })
          expect(ece.ok && Math.abs(binsEce(reliabilityBins(src.table, idx, bins)) - ece.value)).toBeLessThan(1e-12)
        }
      }
    }
  })

  it('captions carry the recomputed number and the claim on the same rows, and the ECE claim sets the bins', async () => {
    const claims = [
      claim({ metric: 'auc', definition: 'auc', claimed: '0.7012', status: 'not-reproduced' }),
      claim({ metric: 'ece', definition: 'ece', params: { bins: 5 }, claimed: '0.03' }),
      claim({ scope: 'slice', slice: 's0', metric: 'auc', definition: 'auc', claimed: '0.61', pointer: '/slices/0/metrics/auc', path: 'data/evaluation/slices.json' })
    ]
    const src = sourceOf(await binary(false), slicesOf(DEFS.slice(0, 1), 1), { reproducibility: rep(claims) })
    const all = curveSet(src, null)!
    const roc = chart<RocChart>(all.charts, 'roc')
    expect(roc.auc.claimed).toMatchObject({ literal: '0.7012', status: 'not-reproduced', pointer: '/metrics/0/value' })
    expect(roc.auc.value).toBe((metricDef('auc')!.compute({ t: src.table, idx: src.everyRow(), params: {}, subset: () => new Uint8Array() }) as { value: number }).value)
    const rel = chart<ReliabilityChart>(all.charts, 'reliability')
    expect(rel.binCount).toBe(5)
    expect(rel.bins).toHaveLength(5)
    expect(rel.summary.claimed?.literal).toBe('0.03')
    const s0 = curveSet(src, 's0')!
    expect(s0.slice).toMatchObject({ id: 's0', critical: true })
    expect(chart<RocChart>(s0.charts, 'roc').auc.claimed?.literal).toBe('0.61')
    // The slice has no ECE claim of its own: drawn with the population claim's bins, uncaptioned.
    expect(chart<ReliabilityChart>(s0.charts, 'reliability').binCount).toBe(5)
    expect(chart<ReliabilityChart>(s0.charts, 'reliability').summary.claimed).toBeUndefined()
  })
})

describe('curve sets', () => {
  it('say why a chart cannot be drawn, and know no slice the pack does not have', async () => {
    const src = sourceOf(await binary(false), slicesOf(DEFS))
    const pure = curveSet(src, 's1')! // positives only
    expect(pure.charts.find((c) => c.id === 'roc')?.reason).toBe('the slice has no negative example')
    expect(pure.charts.find((c) => c.id === 'reliability')?.chart).toBeDefined()
    const empty = curveSet(src, 's2')!
    expect(empty.rows).toBe(0)
    expect(empty.charts.map((c) => c.reason)).toEqual(['the slice is empty (or all its weights are 0)', 'the slice is empty', 'the slice is empty'])
    const missing = curveSet(src, 's3')!
    expect(missing.charts.every((c) => c.reason?.includes('names column "nosuch"'))).toBe(true)
    expect(src.sliceOptions().find((s) => s.id === 's3')?.problem).toContain('nosuch')
    expect(curveSet(src, 'no-such-slice')).toBeUndefined()
  })

  it('lists critical slices first, then in file order', async () => {
    const slices = slicesOf(["cat = 'a'", "cat = 'b'", "cat = 'c'"]).map((s, i) => ({ ...s, critical: i === 2 }))
    const src = sourceOf(await binary(false), slices)
    expect(src.sliceOptions().map((s) => s.id)).toEqual(['s2', 's0', 's1'])
  })

  it('histogram bins follow numpy: half-open, the last bin closed, outside the range nowhere', () => {
    const edges = edgesOf([0, 0.8], 40)
    expect(edges[40]).toBe(0.8)
    expect(binOf(0, edges)).toBe(0)
    expect(binOf(0.8, edges)).toBe(39)
    expect(binOf(edges[1]!, edges)).toBe(1)
    expect(binOf(0.8000001, edges)).toBe(-1)
    expect(binOf(-1e-12, edges)).toBe(-1)
  })

  it('regression draws predicted against observed and residuals; multiclass a confusion matrix', async () => {
    const reg = sourceOf(await tableFromCsv(regressionTable(500, 3), { task: 'regression', columns: { label: 'y', score: 'p' } }), [])
    expect(curveSet(reg, null)!.charts.map((c) => [c.id, c.chart?.kind])).toEqual([['predicted-vs-observed', 'reliability'], ['residuals', 'histogram']])
    const mc = sourceOf(await tableFromCsv(multiclassTable(400, 3), { task: 'multiclass', columns: { label: 'y', predicted: 'p' } }), [])
    const set = curveSet(mc, null)!
    expect(set.charts.map((c) => c.id)).toEqual(['confusion'])
    const cm = set.charts[0]!.chart as ConfusionChart
    expect(cm.classes).toEqual(['bird', 'cat', 'dog', 'fish'])
    expect(cm.counts.flat().reduce((a, b) => a + b, 0)).toBe(400)
  })

  it('folds the classes with the least support past the cap into one', async () => {
    const r = rng(9)
    const lines = ['y,p']
    for (let i = 0; i < 2000; i++) {
      const y = `c${String(Math.floor(r() * r() * 30)).padStart(2, '0')}`
      lines.push(`${y},${r() < 0.7 ? y : 'c00'}`)
    }
    const t = await tableFromCsv(lines.join('\n'), { task: 'multiclass', columns: { label: 'y', predicted: 'p' } })
    const src = sourceOf(t, [])
    const choice = chosenClasses(t, src.everyRow())
    const cm = confusionChart(t, src.everyRow(), choice, { metric: 'accuracy', label: 'Accuracy', value: null })
    expect(cm.classes).toHaveLength(MAX_CLASSES)
    expect(cm.classes[MAX_CLASSES - 1]).toBe(OTHER_CLASSES)
    expect(cm.merged).toBe(t.classes!.length - (MAX_CLASSES - 1))
    expect(cm.counts.flat().reduce((a, b) => a + b, 0)).toBe(2000)
  })

  it('draws a pass rate per slice with Wilson intervals for each headline rate claim (none with weights)', async () => {
    const claims = [claim({ metric: 'leak_rate', definition: 'rate', params: { column: 'flag' }, claimed: '0.3' })]
    const defs = Array.from({ length: MAX_RATE_CATEGORIES + 5 }, (_, i) => `num = ${i % 10}`)
    for (const weighted of [false, true]) {
      const t = await tableFromCsv(binaryTable(3000, 7), { task: 'binary', columns: { label: 'y', score: 's', ...(weighted ? { weight: 'w' } : {}) }, positive: '1' }, defs, ['flag'])
      const src = sourceOf(t, slicesOf(defs), { reproducibility: rep(claims) })
      const rates = chart<RatesChart>(curveSet(src, null)!.charts, 'rates:leak_rate')
      expect(rates.categories).toHaveLength(MAX_RATE_CATEGORIES)
      expect(rates.omitted).toBe(defs.length - (MAX_RATE_CATEGORIES - 1))
      expect(rates.summary.claimed?.literal).toBe('0.3')
      const first = rates.categories[1]!
      const v = metricDef('rate')!.compute({ t, idx: src.rowsOf('s0') as Int32Array, params: { column: 'flag' }, subset: () => new Uint8Array() })
      expect(v.ok && first.value).toBe(v.ok ? v.value : NaN)
      if (weighted) expect(first.interval).toBeUndefined()
      else expect(first.interval![0]).toBeLessThan(first.value!)
    }
  })
})
