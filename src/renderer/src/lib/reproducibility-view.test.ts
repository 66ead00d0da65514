import { describe, expect, it } from 'vitest'
import { claimLabel, metricClaims, recomputedText, rowVerdict, sliceClaims, type ClaimCheck, type Reproducibility } from './reproducibility-view'

const c = (over: Partial<ClaimCheck>): ClaimCheck => ({ scope: 'headline', metric: 'auc', field: 'value', claimed: '0.7958', status: 'reproduced', recomputed: 0.79583, path: 'data/evaluation/metrics.json', pointer: '/metrics/0/value', ...over })

describe('the Recomputed column', () => {
  it('ticks a row whose every recomputable claim reproduced, and names the ones that cannot be checked', () => {
    expect(rowVerdict([c({}), c({ field: 'sampleSize', claimed: '30000', recomputed: 30000 })])).toMatchObject({ kind: 'reproduced', reproduced: 2, notRecomputable: [] })
    const v = rowVerdict([c({}), c({ field: 'ci.lower', status: 'not-recomputable', reason: 'no interval method', recomputed: undefined })])
    expect(v).toMatchObject({ kind: 'reproduced', notRecomputable: [{ field: 'ci.lower' }] })
  })

  it('shows what the predictions give instead when a claim does not reproduce, whatever else reproduced', () => {
    const bad = c({ status: 'not-reproduced', recomputed: 0.701234567 })
    const v = rowVerdict([c({ field: 'sampleSize' }), bad])
    expect(v).toEqual({ kind: 'not-reproduced', failing: [bad] })
    expect(recomputedText(bad)).toBe('0.701235')
    expect(recomputedText(c({ status: 'not-reproduced', recomputed: undefined }))).toBe('undefined')
    expect(claimLabel(c({ scope: 'slice', metric: 'ks' }))).toBe('ks')
    expect(claimLabel(c({ field: 'sampleSize' }))).toBe('n')
  })

  it('says n/a with the reason when nothing could be recomputed, and nothing without a section', () => {
    expect(rowVerdict([c({ status: 'not-recomputable', reason: 'the pack ships no predictions for dataset x, split oot' })])).toEqual({ kind: 'not-recomputable', reason: 'the pack ships no predictions for dataset x, split oot' })
    expect(rowVerdict([])).toEqual({ kind: 'none' })
  })

  it('finds a row’s claims by metric id or slice id', () => {
    const rep = { claims: [c({}), c({ metric: 'ks' }), c({ scope: 'slice', slice: 'young', metric: 'auc' }), c({ scope: 'slice', slice: 'young', field: 'sampleSize', metric: undefined })] } as unknown as Reproducibility
    expect(metricClaims(rep, 'auc')).toHaveLength(1)
    expect(sliceClaims(rep, 'young')).toHaveLength(2)
    expect(metricClaims(undefined, 'auc')).toEqual([])
  })
})
