import { describe, expect, it } from 'vitest'
import type { Metric, Slice } from '../../../core/format/evidence'
import { metricOutcome, sliceMetricIds, sortSlices } from './evidence-view'

const metric = (over: Partial<Metric>): Metric => ({
  id: 'auc',
  value: 0.8,
  valueLiteral: '0.8',
  better: 'higher',
  dataset: 'd',
  split: 'test',
  sampleSize: 100,
  ...over
})
const slice = (id: string, critical: boolean, metrics: Record<string, number>, sampleSize = 10): Slice => ({ id, definition: id, sampleSize, critical, metrics })

describe('metricOutcome', () => {
  it('passes when "value <comparator> threshold" holds, including equality on >=', () => {
    expect(metricOutcome(metric({ threshold: 0.8, thresholdLiteral: '0.80', comparator: '>=' }))).toBe('pass')
    expect(metricOutcome(metric({ threshold: 0.8, thresholdLiteral: '0.8', comparator: '>' }))).toBe('fail')
    expect(metricOutcome(metric({ threshold: 0.9, thresholdLiteral: '0.9', comparator: '<=' }))).toBe('pass')
    expect(metricOutcome(metric({}))).toBe('no-threshold')
  })

  it('decides on the literals, not on doubles, as the verifier does', () => {
    // Both literals parse to the same double; only the exact decimals say the value is greater.
    const m = metric({ value: 0.8, valueLiteral: '0.80000000000000000001', threshold: 0.8, thresholdLiteral: '0.8', comparator: '>' })
    expect(metricOutcome(m)).toBe('pass')
  })
})

describe('sortSlices', () => {
  const s = [slice('b', false, { auc: 0.7 }, 5), slice('a', true, { auc: 0.9 }, 50), slice('c', false, {}, 20)]
  it('puts critical slices first by default', () => {
    expect(sortSlices(s, null).map((x) => x.id)).toEqual(['a', 'b', 'c'])
  })
  it('sorts by a metric either way, slices without it last', () => {
    expect(sortSlices(s, { key: { kind: 'metric', id: 'auc' }, descending: false }).map((x) => x.id)).toEqual(['b', 'a', 'c'])
    expect(sortSlices(s, { key: { kind: 'metric', id: 'auc' }, descending: true }).map((x) => x.id)).toEqual(['a', 'b', 'c'])
    expect(sortSlices(s, { key: { kind: 'size' }, descending: true }).map((x) => x.id)).toEqual(['a', 'c', 'b'])
  })
  it('lists metric ids in first-seen order', () => {
    expect(sliceMetricIds([slice('x', false, { ks: 1, auc: 2 }), slice('y', false, { brier: 3, auc: 1 })])).toEqual(['ks', 'auc', 'brier'])
  })
})
