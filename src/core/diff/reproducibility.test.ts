import { describe, expect, it } from 'vitest'
import { headlineClaim, reproducibility, sliceClaim } from '../recompute/testing/reproducibility'
import { diffPacks } from './diff'
import { failOn } from './verdict'
import { notReproducedIn } from './reproducibility'
import { report, slice, thr } from './test-builders'
import type { VerifyReport } from '../verify/report'

const base = { metrics: [thr('auc', '0.79', '>=', '0.75')], slices: [slice('young', { auc: 0.72 })] }
const good = reproducibility([headlineClaim('auc', '0.79'), sliceClaim('young', 'auc', '0.72')])
const forged = reproducibility([headlineClaim('auc', '0.81', { status: 'not-reproduced', recomputed: 0.79 }), sliceClaim('young', 'auc', '0.72')])
const none = reproducibility([headlineClaim('auc', '0.79'), sliceClaim('young', 'auc', '0.72')], { predictions: false })
const failedFinding = { code: 'metric-not-reproduced', severity: 'error' as const, path: 'data/evaluation/metrics.json', message: 'auc' }

function pack(version: string, r: VerifyReport['reproducibility'], failed = false): VerifyReport {
  const over: Partial<VerifyReport> = { ...(r ? { reproducibility: r } : {}), ...(failed ? { ok: false, status: 'failed', findings: [failedFinding] } : {}) }
  return report({ ...base, version, metrics: [thr('auc', version === '1.0.0' ? '0.79' : '0.81', '>=', '0.75')], over })
}

describe('the diff of two releases’ recomputed claims', () => {
  it('carries each side’s status, summary and every claim that does not reproduce', () => {
    const d = diffPacks(pack('1.0.0', good), pack('1.1.0', forged, true))
    expect(d.reproducibility.old).toEqual({ status: 'reproduced', summary: good.summary.text, notReproduced: [], notRecomputable: 0 })
    expect(d.reproducibility.new.status).toBe('not-reproduced')
    expect(d.reproducibility.new.notReproduced.map((c) => [c.metric, c.claimed, c.recomputed])).toEqual([['auc', '0.81', 0.79]])
    expect(Object.keys(d).indexOf('reproducibility')).toBe(Object.keys(d).indexOf('verdict') + 1)
  })

  it('a claim that does not reproduce in either release blocks, and says which release and which claim', () => {
    const inNew = diffPacks(pack('1.0.0', good), pack('1.1.0', forged, true))
    expect(inNew.verdict.level).toBe('blocked')
    expect(inNew.verdict.reasons).toContainEqual({ code: 'claims-not-reproduced', level: 'blocked', count: 1, message: '1 claim does not reproduce in the new release (auc)' })
    expect(failOn(inNew, 'critical')).toBe(true)
    const inOld = diffPacks(pack('1.0.0', forged, true), pack('1.1.0', good))
    expect(inOld.verdict.reasons).toContainEqual({ code: 'claims-not-reproduced', level: 'blocked', count: 1, message: '1 claim does not reproduce in the old release (auc)' })
  })

  it('marks which end of a comparison does not reproduce', () => {
    const d = diffPacks(pack('1.0.0', good), pack('1.1.0', forged, true))
    expect(notReproducedIn(d, 'auc')).toEqual(['new'])
    expect(notReproducedIn(d, 'auc', 'young')).toEqual([])
  })

  it('a release that stops shipping predictions needs review; one that never shipped any does not', () => {
    const lost = diffPacks(pack('1.0.0', good), pack('1.1.0', none))
    expect(lost.verdict.reasons).toContainEqual({ code: 'reproducibility-lost', level: 'review', count: 1, message: "the new release's claims can no longer be re-checked: it ships no predictions (the old release's reproduced)" })
    expect(lost.verdict.level).toBe('review')
    const never = diffPacks(pack('1.0.0', none), pack('1.1.0', none))
    expect(never.verdict.reasons.map((r) => r.code)).not.toContain('reproducibility-lost')
  })

  it('a side that was not recomputed (verification did not finish) is null, not "reproduced"', () => {
    const d = diffPacks(pack('1.0.0', undefined), pack('1.1.0', good))
    expect(d.reproducibility.old).toEqual({ status: null, summary: null, notReproduced: [], notRecomputable: 0 })
  })
})
