import { describe, expect, it } from 'vitest'
import { diffPacks, failOn } from './index'
import { report, slice, thr } from './test-builders'
import type { ComparedSlice, SliceDiff } from './types'

function comparedSlice(d: SliceDiff | undefined): ComparedSlice {
  if (d?.kind !== 'compared' && d?.kind !== 'renamed') throw new Error(`expected a compared slice, got ${d?.kind}`)
  return d
}
const metrics = [thr('recall', '0.80', '>=', '0.70')]

describe('slices', () => {
  it('a regression in a critical slice is critical and blocks', () => {
    const d = diffPacks(
      report({ metrics, slices: [slice('young', { recall: 0.78 }, { critical: true })] }),
      report({ metrics, slices: [slice('young', { recall: 0.74 }, { critical: true })] })
    )
    expect(d.regressions).toHaveLength(1)
    expect(d.regressions[0]).toMatchObject({ scope: 'slice', slice: 'young', metric: 'recall', critical: true, level: 'critical', reasons: ['beyond-tolerance'] })
    expect(d.verdict.level).toBe('blocked')
    expect(d.verdict.summary).toBe('1 regression (1 in a critical slice)')
    expect(failOn(d, 'critical')).toBe(true)
    expect(failOn(d, 'never')).toBe(false)
  })

  it('a non-critical slice regression needs review, not a block', () => {
    const d = diffPacks(report({ metrics, slices: [slice('s', { recall: 0.78 })] }), report({ metrics, slices: [slice('s', { recall: 0.74 })] }))
    expect(d.regressions[0]?.level).toBe('major')
    expect(d.verdict.level).toBe('review')
    expect(failOn(d, 'critical')).toBe(false)
    expect(failOn(d, 'regression')).toBe(true)
  })

  it("slices are judged against the metric's threshold: pass to fail with a tiny delta", () => {
    const d = diffPacks(report({ metrics, slices: [slice('s', { recall: 0.7 })] }), report({ metrics, slices: [slice('s', { recall: 0.6999 })] }))
    expect(d.regressions[0]).toMatchObject({ level: 'major', reasons: ['threshold-crossed'] })
    expect(d.verdict.summary).toBe('1 regression (1 crossing a threshold)')
  })

  it('small-sample slices are low-confidence; their regressions are minor', () => {
    const d = diffPacks(
      report({ metrics, slices: [slice('tiny', { recall: 0.9 }, { sampleSize: 99 }), slice('ok', { recall: 0.9 }, { sampleSize: 100 })] }),
      report({ metrics, slices: [slice('tiny', { recall: 0.8 }, { sampleSize: 120 }), slice('ok', { recall: 0.9 }, { sampleSize: 100 })] })
    )
    expect(comparedSlice(d.slices.find((s) => s.id === 'tiny')).lowConfidence).toBe(true)
    expect(comparedSlice(d.slices.find((s) => s.id === 'ok')).lowConfidence).toBe(false)
    expect(d.counts.lowConfidenceSlices).toBe(1)
    expect(d.regressions[0]).toMatchObject({ slice: 'tiny', lowConfidence: true, level: 'minor' })
    expect(d.verdict.summary).toBe('1 regression (1 low-confidence)')
    const strict = diffPacks(report({ metrics, slices: [slice('tiny', { recall: 0.9 }, { sampleSize: 99 })] }), report({ metrics, slices: [slice('tiny', { recall: 0.8 }, { sampleSize: 99 })] }), { minSampleSize: 50 })
    expect(strict.regressions[0]?.level).toBe('major')
  })

  it('a critical low-confidence slice still escalates', () => {
    const d = diffPacks(
      report({ metrics, slices: [slice('c', { recall: 0.9 }, { sampleSize: 10, critical: true })] }),
      report({ metrics, slices: [slice('c', { recall: 0.8 }, { sampleSize: 10, critical: true })] })
    )
    expect(d.regressions[0]).toMatchObject({ level: 'critical', lowConfidence: true })
  })

  it('a vanished critical slice is a finding in itself; appearing slices are reported apart', () => {
    const d = diffPacks(
      report({ metrics, slices: [slice('young', { recall: 0.8 }, { critical: true, name: 'Applicants under 25' }), slice('old', { recall: 0.8 })] }),
      report({ metrics, slices: [slice('new-region', { recall: 0.8 }, { sampleSize: 20 })] })
    )
    expect(d.slices.map((s) => [s.kind, s.id])).toEqual([
      ['removed', 'old'],
      ['removed', 'young'],
      ['added', 'new-region']
    ])
    expect(d.slices[2]).toMatchObject({ kind: 'added', lowConfidence: true })
    expect(d.verdict.level).toBe('blocked')
    expect(d.verdict.reasons.map((r) => [r.code, r.level])).toEqual([
      ['critical-slice-vanished', 'blocked'],
      ['slice-vanished', 'review'],
      ['slices-added', 'info']
    ])
    // Named as everywhere else: "Name (id)", the id alone when the slice has no name.
    expect(d.verdict.summary).toBe('critical slice vanished: Applicants under 25 (young), 1 slice vanished: old')
  })

  it('a renamed slice (same definition, new id) is matched and compared', () => {
    const def = "age < 25 AND  income_band = 'low'"
    const d = diffPacks(
      report({ metrics, slices: [slice('young-low', { recall: 0.8 }, { definition: def, critical: true })] }),
      report({ metrics, slices: [slice('age-lt-25-low-income', { recall: 0.7 }, { definition: "age < 25 AND income_band = 'low'", critical: true })] })
    )
    expect(d.slices).toHaveLength(1)
    const s = comparedSlice(d.slices[0])
    expect(s.kind).toBe('renamed')
    expect(s.old.id).toBe('young-low')
    expect(s.id).toBe('age-lt-25-low-income')
    expect(d.counts.slicesRenamed).toBe(1)
    expect(d.regressions[0]).toMatchObject({ slice: 'age-lt-25-low-income', level: 'critical' })
    expect(d.verdict.reasons.map((r) => r.code)).not.toContain('critical-slice-vanished')
  })

  it('an ambiguous definition is not guessed: two candidates stay added/removed', () => {
    const d = diffPacks(
      report({ metrics, slices: [slice('a', { recall: 0.8 }, { definition: 'x = 1' })] }),
      report({ metrics, slices: [slice('b', { recall: 0.8 }, { definition: 'x = 1' }), slice('c', { recall: 0.8 }, { definition: 'x = 1' })] })
    )
    expect(d.slices.map((s) => s.kind)).toEqual(['removed', 'added', 'added'])
  })

  it('demoting a critical slice does not hide its regression, and is itself flagged', () => {
    const d = diffPacks(
      report({ metrics, slices: [slice('young', { recall: 0.8 }, { critical: true })] }),
      report({ metrics, slices: [slice('young', { recall: 0.7 }, { critical: false, name: 'Under 25' })] })
    )
    expect(d.regressions[0]?.level).toBe('critical')
    expect(d.verdict.reasons.find((r) => r.code === 'critical-flag-removed')?.message).toBe('no longer critical: Under 25 (young)')
  })

  it('metrics on one side of a slice are added/removed; unknown metrics have no direction', () => {
    const d = diffPacks(
      report({ metrics, slices: [slice('s', { recall: 0.8, gini: 0.5, mystery: 1 })] }),
      report({ metrics, slices: [slice('s', { recall: 0.8, ece: 0.02, mystery: 5 })] })
    )
    const s = comparedSlice(d.slices[0])
    expect(s.metrics.map((m) => [m.kind, m.metric])).toEqual([
      ['compared', 'recall'],
      ['added', 'ece'],
      ['compared', 'mystery'],
      ['removed', 'gini']
    ])
    const mystery = s.metrics[2]
    expect(mystery?.kind === 'compared' && mystery.comparison.movement).toBe('neutral')
    expect(d.regressions).toHaveLength(0)
  })

  it('regressions are listed most severe first', () => {
    const d = diffPacks(
      report({ metrics, slices: [slice('a', { recall: 0.9 }), slice('b', { recall: 0.9 }, { critical: true }), slice('c', { recall: 0.9 }, { sampleSize: 5 })] }),
      report({ metrics, slices: [slice('a', { recall: 0.8 }), slice('b', { recall: 0.88 }, { critical: true }), slice('c', { recall: 0.75 }, { sampleSize: 5 })] })
    )
    expect(d.regressions.map((r) => [r.slice, r.level])).toEqual([
      ['b', 'critical'],
      ['a', 'major'],
      ['c', 'minor']
    ])
  })
})
