import { describe, expect, it } from 'vitest'
import { diffPacks, orderRegressions, regressionKey } from './index'
import { report, slice, thr } from './test-builders'

const metrics = [thr('recall', '0.80', '>=', '0.70')]

describe('the one order of regressions', () => {
  it('within a level a threshold crossing comes first, however small its move', () => {
    const d = diffPacks(
      // big: falls 30% but stays above 0.70 (beyond tolerance); edge: falls 0.1% and crosses 0.70.
      report({ metrics, slices: [slice('big', { recall: 1.0 }), slice('edge', { recall: 0.7007 }), slice('crit', { recall: 0.9 }, { critical: true })] }),
      report({ metrics, slices: [slice('big', { recall: 0.72 }), slice('edge', { recall: 0.6999 }), slice('crit', { recall: 0.88 }, { critical: true })] })
    )
    expect(d.regressions.map((r) => [r.slice, r.level, r.reasons.join()])).toEqual([
      ['crit', 'critical', 'beyond-tolerance'],
      ['edge', 'major', 'threshold-crossed'],
      ['big', 'major', 'beyond-tolerance']
    ])
    expect(orderRegressions([...d.regressions].reverse())).toEqual(d.regressions)
    expect(d.regressions.map(regressionKey)).toEqual(['s:crit:recall', 's:edge:recall', 's:big:recall'])
  })
})
