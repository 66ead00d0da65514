import { describe, expect, it } from 'vitest'
import type { ClaimCheck, Reproducibility } from '../recompute/report'
import { binaryTable, multiclassTable } from '../recompute/testing/random-predictions'
import { curveSet } from './curve-set'
import { axis, numberText } from './plot-format'
import { layoutXY } from './plot-layout'
import { plotsOf } from './plots'
import type { XYPlot } from './plot-types'
import { sharedRanges } from './source'
import { slicesOf, sourceOf, tableFromCsv } from './testing/tables'

const claim = (over: Partial<ClaimCheck>): ClaimCheck => ({ scope: 'headline', field: 'value', dataset: 'd', split: 's', claimed: '0.5', status: 'reproduced', path: 'data/evaluation/metrics.json', pointer: '/metrics/0/value', ...over })
const rep = (claims: readonly ClaimCheck[]): Reproducibility => ({ status: 'reproduced', predictions: [], rows: 0, summary: {} as Reproducibility['summary'], claims }) as Reproducibility

async function binarySource(seed: number, claims: readonly ClaimCheck[] = []) {
  const t = await tableFromCsv(binaryTable(2000, seed), { task: 'binary', columns: { label: 'y', score: 's' }, positive: '1' }, ["grp = 'pure'"])
  return sourceOf(t, slicesOf(["grp = 'pure'"]), { reproducibility: rep(claims) })
}

describe('numbers in captions', () => {
  it('write the recomputed value with the claim’s decimals, and say when it does not reproduce', () => {
    expect(numberText({ metric: 'auc', label: 'AUC', value: 0.79583, claimed: { literal: '0.7958', status: 'reproduced', path: '', pointer: '' } })).toBe('AUC 0.7958 (claimed 0.7958)')
    expect(numberText({ metric: 'auc', label: 'AUC', value: 0.70123, claimed: { literal: '0.7958', status: 'not-reproduced', path: '', pointer: '' } })).toBe('AUC 0.7012 (claimed 0.7958, not reproduced)')
    expect(numberText({ metric: 'ece', label: 'ECE', value: 0.012345 })).toBe('ECE 0.0123')
    expect(numberText({ metric: 'auc', label: 'AUC', value: null, reason: 'the slice has no positive example' })).toBe('AUC undefined (the slice has no positive example)')
  })

  it('axes tick at nice steps with as many decimals as the step needs', () => {
    expect(axis('x', 0, 0.25)).toMatchObject({ ticks: [0, 0.05, 0.1, 0.15, 0.2, 0.25], tickLabels: ['0.00', '0.05', '0.10', '0.15', '0.20', '0.25'] })
    expect(axis('y', 0, 0.4, 'percent').tickLabels).toEqual(['0%', '10%', '20%', '30%', '40%'])
    expect(axis('r', -10, 50).ticks).toEqual([0, 20, 40])
  })
})

describe('plots', () => {
  it('one release: ROC, reliability and distribution with their text alternatives and points', async () => {
    const src = await binarySource(7, [claim({ metric: 'auc', definition: 'auc', claimed: '0.7' })])
    const plots = plotsOf({ new: curveSet(src, null) })
    expect(plots.map((p) => p.id)).toEqual(['roc', 'reliability', 'distribution'])
    const [roc, rel, dist] = plots as XYPlot[]
    expect(roc!.alt).toMatch(/^ROC curve, AUC 0\.\d\d \(claimed 0\.7(, not reproduced)?\); [\d,]+ positives, [\d,]+ negatives$/)
    expect(roc!.legend.map((l) => l.label)).toEqual(['ROC curve', 'chance'])
    expect(roc!.table.columns).toEqual(['Threshold (score ≥)', 'False positive rate', 'True positive rate'])
    expect(roc!.table.rows[0]![0]).toBe('above all')
    expect(rel!.alt).toMatch(/^Reliability diagram, 10 equal-count bins of 200 rows, ECE 0\.\d{4}$/)
    expect(dist!.alt).toMatch(/^Score distribution by class, [\d,]+ rows with y ≠ 1 and [\d,]+ with y = 1, KS 0\.\d{4}; shares in 40 bins of the score from 0 to 1$/)
    expect(dist!.series.map((s) => [s.role, s.kind])).toEqual([['main', 'step'], ['positive', 'step']])
  })

  it('two releases: overlaid (older dashed), named newer first, the points tables carry the release, both binned alike', async () => {
    const a = await binarySource(7)
    const b = await binarySource(8)
    const ranges = sharedRanges(a.populationRanges(), b.populationRanges())
    const plots = plotsOf({ old: curveSet(a, null, ranges), new: curveSet(b, null, ranges), names: { old: '1.0.0', new: '1.1.0' } }) as XYPlot[]
    const roc = plots[0]!
    expect(roc.alt).toMatch(/^ROC curve: 1\.1\.0 \(solid\) AUC .*; 1\.0\.0 \(dashed\) AUC /)
    expect(roc.series.map((s) => s.release)).toEqual(['old', 'new', null])
    expect(roc.table.columns[0]).toBe('Release')
    const dist = plots[2]!
    expect(new Set(dist.series.map((s) => s.points[0]![0]))).toEqual(new Set([0]))
    expect(dist.series.map((s) => s.label)).toEqual(['y ≠ 1, 1.0.0', 'y = 1, 1.0.0', 'y ≠ 1, 1.1.0', 'y = 1, 1.1.0'])
  })

  it('say what is not drawn, for one release or both', async () => {
    const a = await binarySource(7)
    const pure = plotsOf({ new: curveSet(a, 's0') })
    expect(pure[0]).toMatchObject({ id: 'roc', empty: 'the slice has no negative example', alt: 'ROC curve: not drawn, the slice has no negative example' })
    const both = plotsOf({ old: curveSet(a, 's0'), new: curveSet(a, null), names: { old: '1.0.0', new: '1.1.0' } })
    expect(both[0]!.notes).toContain('Not drawn for 1.0.0: the slice has no negative example')
    const mc = sourceOf(await tableFromCsv(multiclassTable(300, 2), { task: 'multiclass', columns: { label: 'y', predicted: 'p' } }), [])
    const mixed = plotsOf({ old: curveSet(mc, null), new: curveSet(a, null), names: { old: 'a', new: 'b' } })
    expect(mixed.map((p) => p.id)).toEqual(['roc', 'reliability', 'distribution', 'confusion'])
    expect(mixed[0]!.notes).toContain('Not drawn for a: no such chart')
    expect(mixed[3]!.kind).toBe('matrix')
  })

  it('lay a histogram out as an outline from the axis and back, inside the plot box', async () => {
    const a = await binarySource(7)
    const dist = plotsOf({ new: curveSet(a, null) })[2] as XYPlot
    const l = layoutXY(dist, 340, 300)
    const path = l.series[0]!.path
    const bottom = l.plot.y + l.plot.h
    expect(path[0]![1]).toBe(bottom)
    expect(path[path.length - 1]![1]).toBe(bottom)
    for (const [x, y] of path) {
      expect(x).toBeGreaterThanOrEqual(l.plot.x)
      expect(x).toBeLessThanOrEqual(l.plot.x + l.plot.w)
      expect(y).toBeGreaterThanOrEqual(l.plot.y)
      expect(y).toBeLessThanOrEqual(bottom)
    }
    // Two points per bin plus the two feet.
    expect(path.length).toBe(2 * 40 + 2)
  })
})
