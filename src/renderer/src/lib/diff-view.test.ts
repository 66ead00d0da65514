import { describe, expect, it } from 'vitest'
import type { Assessment, ValueComparison } from '../../../core/diff/types'
import { orderAndFilter, type CompareRow } from './diff-view'

function cmp(assessment: Assessment, absolute: number): ValueComparison {
  return {
    old: 0.5,
    new: 0.5 + absolute,
    oldLiteral: '0.5',
    newLiteral: String(0.5 + absolute),
    absolute,
    absoluteLiteral: String(absolute),
    relative: absolute / 0.5,
    movement: absolute === 0 ? 'unchanged' : absolute < 0 ? 'worse' : 'better',
    beyondTolerance: assessment === 'regression' || assessment === 'improvement',
    tolerance: { absolute: 0.005, relative: 0.005 },
    threshold: { old: 'none', new: 'none', crossed: null },
    assessment
  }
}
const row = (label: string, a: Assessment, critical = false): CompareRow => ({
  key: label,
  label,
  metric: 'auc',
  critical,
  lowConfidence: false,
  presence: 'both',
  comparison: cmp(a, a === 'unchanged' ? 0 : a === 'regression' ? -0.05 : 0.05)
})

describe('orderAndFilter', () => {
  const rows = [row('u', 'unchanged'), row('i', 'improvement'), row('r', 'regression'), row('rc', 'regression', true), row('w', 'within-tolerance')]
  it('puts regressions first, critical ones before the rest, unchanged last', () => {
    expect(orderAndFilter(rows, { onlyChanges: false, onlyRegressions: false }).map((r) => r.key)).toEqual(['rc', 'r', 'i', 'w', 'u'])
  })
  it('filters to changes or to regressions', () => {
    expect(orderAndFilter(rows, { onlyChanges: true, onlyRegressions: false }).map((r) => r.key)).toEqual(['rc', 'r', 'i', 'w'])
    expect(orderAndFilter(rows, { onlyChanges: false, onlyRegressions: true }).map((r) => r.key)).toEqual(['rc', 'r'])
  })
  it('keeps one-sided rows among the changes', () => {
    const added: CompareRow = { key: 'new', label: 'new', metric: 'auc', critical: false, lowConfidence: false, presence: 'added', new: '0.7' }
    expect(orderAndFilter([row('u', 'unchanged'), added], { onlyChanges: true, onlyRegressions: false }).map((r) => r.key)).toEqual(['new'])
  })
})

describe('Compare follows core', () => {
  it("orders regressions by core's order (crossings first within a level), the same as the Regressions table and the CLI's Markdown", async () => {
    const { diffPacks } = await import('../../../core/diff')
    const { report, slice, thr } = await import('../../../core/diff/test-builders')
    const { regressionOrder, regressionRows, sliceRows, sliceDeltas, chartMetrics } = await import('./diff-view')
    const metrics = [thr('recall', '0.80', '>=', '0.70')]
    const d = diffPacks(
      report({ metrics, slices: [slice('big', { recall: 1.0 }, { name: 'Big moves' }), slice('edge', { recall: 0.7007 }), slice('same', { recall: 0.8 })] }),
      report({ metrics, slices: [slice('big', { recall: 0.72 }, { name: 'Big moves' }), slice('edge', { recall: 0.6999 }), slice('same', { recall: 0.8 })] })
    )
    const table = regressionRows(d)
    expect(table.map((r) => [r.label, r.level])).toEqual([
      ['recall · edge', 'major'],
      ['recall · Big moves (big)', 'major']
    ])
    // Label order alone would put "Big moves" first: core's order wins.
    const ordered = orderAndFilter(sliceRows(d.slices), { onlyChanges: false, onlyRegressions: false }, regressionOrder(d.regressions))
    expect(ordered.map((r) => r.key)).toEqual(['s:edge:recall', 's:big:recall', 's:same:recall'])
    expect(sliceDeltas(d, 'recall', true).map((x) => x.slice)).toEqual(['big', 'edge'])
    expect(sliceDeltas(d, 'recall').map((x) => x.label)).toEqual(['Big moves (big)', 'edge', 'same'])
    expect(chartMetrics(d, true)).toEqual(['recall'])
  })
})
