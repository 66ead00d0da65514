import { describe, expect, it } from 'vitest'
import { diffPacks, failOn } from './index'
import { metric, report, thr } from './test-builders'
import type { MetricDiff } from './types'

function compared(d: MetricDiff | undefined) {
  if (d?.kind !== 'compared') throw new Error(`expected a compared metric, got ${d?.kind}`)
  return d
}

describe('headline metrics', () => {
  it('identical packs give an empty, acceptable diff', () => {
    const r = report({ metrics: [thr('auc', '0.81', '>=', '0.78')] })
    const d = diffPacks(r, r)
    expect(d.verdict.level).toBe('acceptable')
    expect(d.verdict.summary).toBe('no material changes')
    expect(d.verdict.reasons).toEqual([])
    expect(d.regressions).toEqual([])
    expect(compared(d.metrics[0]).comparison.assessment).toBe('unchanged')
    expect(compared(d.metrics[0]).comparison.relative).toBe(0)
    expect(failOn(d, 'regression')).toBe(false)
  })

  it('reports exact deltas, relative delta and direction', () => {
    const d = diffPacks(report({ metrics: [metric('auc', '0.80')] }), report({ metrics: [metric('auc', '0.79')] }))
    const c = compared(d.metrics[0]).comparison
    expect(c.absoluteLiteral).toBe('-0.01')
    expect(c.absolute).toBe(-0.01)
    expect(c.relative).toBeCloseTo(-0.0125, 12)
    expect(c.movement).toBe('worse')
    expect(c.assessment).toBe('regression')
    expect(c.regression).toEqual({ level: 'major', reasons: ['beyond-tolerance'] })
  })

  it('lower-is-better metrics improve when they go down', () => {
    const d = diffPacks(
      report({ metrics: [metric('brier', '0.20', { better: 'lower' })] }),
      report({ metrics: [metric('brier', '0.15', { better: 'lower' })] })
    )
    const c = compared(d.metrics[0]).comparison
    expect(c.movement).toBe('better')
    expect(c.assessment).toBe('improvement')
    expect(d.counts.improvements).toBe(1)
    expect(d.verdict.level).toBe('acceptable')
    expect(d.verdict.summary).toBe('no regressions, 1 improvement')
  })

  it("a metric with no better direction ('none') is neutral, never a regression by delta", () => {
    const d = diffPacks(
      report({ metrics: [metric('offset', '0.1', { better: 'none' })] }),
      report({ metrics: [metric('offset', '0.9', { better: 'none' })] })
    )
    const c = compared(d.metrics[0]).comparison
    expect(c.movement).toBe('neutral')
    expect(c.assessment).toBe('changed')
    expect(d.regressions).toHaveLength(0)
  })

  it('pass to fail is a critical regression however small the delta', () => {
    const d = diffPacks(
      report({ metrics: [thr('auc', '0.78', '>=', '0.78')] }),
      report({ metrics: [thr('auc', '0.7799999', '>=', '0.78')] })
    )
    const c = compared(d.metrics[0]).comparison
    expect(c.beyondTolerance).toBe(false)
    expect(c.threshold).toEqual({ old: 'pass', new: 'fail', crossed: 'pass-to-fail' })
    expect(c.regression).toEqual({ level: 'critical', reasons: ['threshold-crossed'] })
    expect(d.verdict.level).toBe('blocked')
    expect(failOn(d, 'critical')).toBe(true)
  })

  it('compares thresholds on the literals, not on floats', () => {
    // 0.1 + 0.2 style trap: as floats 0.30000000000000004 > 0.3; as written, the value equals the threshold.
    const d = diffPacks(
      report({ metrics: [thr('fpr', '0.30', '<=', '0.3', { better: 'lower' })] }),
      report({ metrics: [thr('fpr', '0.300', '<=', '0.30', { better: 'lower' })] })
    )
    const c = compared(d.metrics[0]).comparison
    expect(c.threshold).toEqual({ old: 'pass', new: 'pass', crossed: null })
    expect(c.assessment).toBe('unchanged')
  })

  it('a tightened threshold that the same value now fails is a regression with zero delta', () => {
    const d = diffPacks(report({ metrics: [thr('auc', '0.80', '>=', '0.78')] }), report({ metrics: [thr('auc', '0.80', '>=', '0.81')] }))
    const c = compared(d.metrics[0])
    expect(c.comparison.absolute).toBe(0)
    expect(c.comparison.assessment).toBe('regression')
    expect(c.thresholdLoosened).toBe(false)
    expect(c.definitionChanges).toEqual([{ field: 'threshold', old: '0.78', new: '0.81' }])
  })

  it('fail to pass is an improvement; a loosened threshold is flagged for review', () => {
    const d = diffPacks(report({ metrics: [thr('auc', '0.77', '>=', '0.78')] }), report({ metrics: [thr('auc', '0.77', '>=', '0.75')] }))
    const c = compared(d.metrics[0])
    expect(c.comparison.threshold.crossed).toBe('fail-to-pass')
    expect(c.comparison.assessment).toBe('improvement')
    expect(c.thresholdLoosened).toBe(true)
    expect(d.verdict.level).toBe('review')
    expect(d.verdict.reasons.map((r) => r.code)).toContain('threshold-loosened')
  })

  it('a threshold removed counts as loosened; lower-is-better loosening goes up', () => {
    const a = diffPacks(report({ metrics: [thr('auc', '0.8', '>=', '0.7')] }), report({ metrics: [metric('auc', '0.8')] }))
    expect(compared(a.metrics[0]).thresholdLoosened).toBe(true)
    const b = diffPacks(
      report({ metrics: [thr('fpr', '0.1', '<=', '0.2', { better: 'lower' })] }),
      report({ metrics: [thr('fpr', '0.1', '<=', '0.25', { better: 'lower' })] })
    )
    expect(compared(b.metrics[0]).thresholdLoosened).toBe(true)
  })

  it('a metric on one side only is reported as added or removed', () => {
    const d = diffPacks(report({ metrics: [metric('auc', '0.8'), metric('ks', '0.4')] }), report({ metrics: [metric('auc', '0.8'), metric('f1', '0.6')] }))
    expect(d.metrics.map((m) => [m.kind, m.id])).toEqual([
      ['compared', 'auc'],
      ['added', 'f1'],
      ['removed', 'ks']
    ])
    expect(d.verdict.reasons.find((r) => r.code === 'metric-removed')?.message).toBe('1 metric removed: ks')
    expect(d.verdict.reasons.find((r) => r.code === 'metrics-added')?.level).toBe('info')
  })

  it('a change of direction or dataset is a definition change', () => {
    const d = diffPacks(report({ metrics: [metric('x', '1')] }), report({ metrics: [metric('x', '1', { better: 'lower', dataset: 'oot' })] }))
    expect(compared(d.metrics[0]).better).toBe('lower')
    expect(d.verdict.reasons.map((r) => r.code)).toContain('metric-definition-changed')
  })
})

describe('tolerances', () => {
  const pair = (a: string, b: string, opts = {}) => compared(diffPacks(report({ metrics: [metric('m', a)] }), report({ metrics: [metric('m', b)] }), opts).metrics[0]).comparison

  it('exactly at the absolute tolerance is within it; one step beyond is not', () => {
    expect(pair('0.800', '0.795').assessment).toBe('within-tolerance')
    expect(pair('0.800', '0.7949').assessment).toBe('regression')
  })
  it('both bounds must be exceeded: the relative bound protects large-scale metrics', () => {
    // 1000 -> 996: |d| = 4 > 0.005 absolute, but 4 <= 0.005 x 1000 = 5 relative.
    expect(pair('1000', '996').assessment).toBe('within-tolerance')
    expect(pair('1000', '994.9').assessment).toBe('regression')
  })
  it('exactly at the relative tolerance is within it', () => {
    expect(pair('1000', '995').assessment).toBe('within-tolerance')
  })
  it('tolerances are configurable, per metric too', () => {
    expect(pair('0.80', '0.79', { tolerance: { absolute: 0.01 } }).assessment).toBe('within-tolerance')
    expect(pair('0.80', '0.79', { tolerance: { absolute: 0 , relative: 0 } }).assessment).toBe('regression')
    expect(pair('0.80', '0.70', { metricTolerance: { m: { absolute: 0.2 } } }).assessment).toBe('within-tolerance')
    expect(pair('0.80', '0.80001', { tolerance: { absolute: 0, relative: 0 } }).assessment).toBe('improvement')
  })
  it('refuses negative or non-finite tolerances', () => {
    const r = report()
    expect(() => diffPacks(r, r, { tolerance: { absolute: -1 } })).toThrow(RangeError)
    expect(() => diffPacks(r, r, { tolerance: { relative: Number.NaN } })).toThrow(RangeError)
    expect(() => diffPacks(r, r, { minSampleSize: Number.POSITIVE_INFINITY })).toThrow(RangeError)
  })
  it('relative delta against 0 is null, never Infinity or NaN', () => {
    const c = pair('0', '0.2')
    expect(c.relative).toBeNull()
    expect(c.assessment).toBe('improvement')
    expect(JSON.stringify(c)).not.toMatch(/NaN|Infinity/)
    expect(pair('0', '0').relative).toBe(0)
  })
})

describe('hostile ids', () => {
  it('metric ids named like Object.prototype members are ordinary ids', () => {
    const ids = ['constructor', '__proto__', 'toString', 'hasOwnProperty']
    const d = diffPacks(
      report({ metrics: ids.map((id) => metric(id, '0.80')) }),
      report({ metrics: ids.map((id) => metric(id, '0.70')) }),
      { metricTolerance: { toString: { absolute: 0.5 } } }
    )
    expect(d.metrics.map((m) => m.kind === 'compared' && [m.id, m.comparison.assessment])).toEqual([
      ['__proto__', 'regression'],
      ['constructor', 'regression'],
      ['hasOwnProperty', 'regression'],
      ['toString', 'within-tolerance']
    ])
  })
})

describe('options', () => {
  it('a per-metric tolerance keyed "__proto__" is data, not a prototype', () => {
    const opts = JSON.parse('{"metricTolerance": {"__proto__": {"absolute": 0.5}}}')
    const d = diffPacks(report({ metrics: [metric('__proto__', '0.8'), metric('auc', '0.8')] }), report({ metrics: [metric('__proto__', '0.7'), metric('auc', '0.7')] }), opts)
    expect(d.metrics.map((m) => m.kind === 'compared' && m.comparison.assessment)).toEqual(['within-tolerance', 'regression'])
  })
})
