import { describe, expect, it } from 'vitest'
import { report } from '../diff/test-builders'
import { headlineClaim, reproducibility, sliceClaim } from '../recompute/testing/reproducibility'
import type { Reproducibility } from '../recompute/report'
import { PACK, signer, signoff, trustOf } from '../signoff/testing'
import type { VerifyReport } from '../verify/report'
import { assessReports, type AssessInputs } from './assess-reports'
import { exitCodeOf, statusInfo } from './status'

const NOW = Date.parse('2026-12-01T00:00:00Z')
const eng = signer('ana.eng', 1)
const trust = trustOf([{ s: eng, roles: ['engineer', 'owner'] }])

function pack(r: Reproducibility | undefined, over: Partial<VerifyReport> = {}): VerifyReport {
  return report({ name: PACK.name, version: PACK.version, over: { pack: { name: PACK.name, version: PACK.version, digest: PACK.digest }, ...(r ? { reproducibility: r } : {}), ...over } })
}
const assess = (r: VerifyReport, opts: AssessInputs = {}) => assessReports(r, { now: NOW, ...opts })

const ALL_GOOD = reproducibility([headlineClaim('auc', '0.7958'), sliceClaim('young', 'auc', '0.7171'), sliceClaim('young', 'auc', '1533', { field: 'sampleSize', metric: undefined, tolerance: 0 })])

describe('the reproducibility section', () => {
  it('is the report’s section as is, and null when verification did not finish', () => {
    expect(assess(pack(ALL_GOOD)).reproducibility).toEqual(ALL_GOOD)
    expect(assess(pack(ALL_GOOD, { status: 'incomplete', ok: false })).reproducibility).toBeNull()
    expect(assess(pack(undefined)).reproducibility).toBeNull()
  })
})

describe('the reproducible requirement', () => {
  it('is met when every claim reproduced; nothing changes when it is not required', () => {
    const a = assess(pack(ALL_GOOD), { require: { reproducible: true } })
    expect(a.requirements).toEqual([{ kind: 'reproducible', met: true, reason: ALL_GOOD.summary.text, unmetStatus: 'not-reproducible' }])
    expect(a.status).toBe('verified')
    expect(assess(pack(ALL_GOOD)).requirements).toEqual([])
  })

  it('a pack with no predictions is NOT REPRODUCIBLE (exit 1) when required, verified otherwise', () => {
    const none = reproducibility([headlineClaim('auc', '0.7958'), headlineClaim('ks', '0.45')], { predictions: false })
    expect(assess(pack(none)).status).toBe('verified')
    const a = assess(pack(none), { require: { reproducible: true } })
    expect(a.status).toBe('not-reproducible')
    expect(exitCodeOf(a)).toBe(1)
    expect(statusInfo(a.status).cli).toBe('NOT REPRODUCIBLE')
    expect(a.requirements[0]?.reason).toBe('the pack ships no predictions (data/evaluation/predictions.json): none of its 2 claims can be re-checked')
    expect(a.reasons).toEqual([`reproducible required: ${a.requirements[0]?.reason}`])
  })

  it('claims that cannot be recomputed leave it unmet, naming the metrics and the reason', () => {
    const oot = 'the pack ships no predictions for dataset oot, split test'
    const partly = reproducibility([
      headlineClaim('auc', '0.7958'),
      headlineClaim('auc_oot', '0.78', { status: 'not-recomputable', reason: oot, recomputed: undefined }),
      headlineClaim('psi_oot', '0.04', { status: 'not-recomputable', reason: oot, recomputed: undefined }),
      headlineClaim('custom', '3', { status: 'not-recomputable', reason: 'metric "custom" is not in Vouch\'s metric registry', recomputed: undefined })
    ])
    const r = assess(pack(partly), { require: { reproducible: true } }).requirements[0]
    expect(r?.met).toBe(false)
    expect(r?.reason).toBe(`3 of 4 claims cannot be recomputed: auc_oot, psi_oot (${oot}); custom (metric "custom" is not in Vouch's metric registry)`)
    const nothing = reproducibility([headlineClaim('auc', '0.7958', { status: 'not-recomputable', reason: 'predictions file x could not be read', recomputed: undefined })])
    expect(nothing.status).toBe('not-recomputable')
    expect(assess(pack(nothing), { require: { reproducible: true } }).requirements[0]?.reason).toBe('none of the 1 claim could be recomputed: auc (predictions file x could not be read)')
  })

  it('a claim that does not reproduce fails the pack (its error finding); the requirement names metric, slice, claimed and recomputed', () => {
    const forged = reproducibility([headlineClaim('auc', '0.8158', { status: 'not-reproduced', recomputed: 0.79581234567 }), sliceClaim('young', 'recall', '0.61', { status: 'not-reproduced', recomputed: 0.5, tolerance: 0.0050001 })])
    const a = assess(pack(forged, { ok: false, status: 'failed', findings: [{ code: 'metric-not-reproduced', severity: 'error', path: 'data/evaluation/metrics.json', message: 'x' }] }), { require: { reproducible: true } })
    expect(a.status).toBe('failed')
    expect(a.integrity.failing.files[0]?.plain).toBe('a claimed number differs from the one recomputed from the predictions the pack ships')
    expect(a.requirements[0]?.reason).toBe('2 of 2 claims do not reproduce: auc: claimed 0.8158, recomputed 0.7958123457 (tolerance ±0.00005), recall on slice young: claimed 0.61, recomputed 0.5 (tolerance ±0.005)')
  })

  it('precedence: rejected outranks not reproducible, which outranks not approved', () => {
    const none = reproducibility([headlineClaim('auc', '0.7958')], { predictions: false })
    const both = assess(pack(none), { trust, require: { reproducible: true, approval: true } })
    expect(both.status).toBe('not-reproducible')
    expect(both.reasons.map((r) => r.split(':')[0])).toEqual(['approval required', 'reproducible required'])
    const rejected = pack(none, { signoffs: [signoff(eng, 'owner', { decision: 'reject' })] })
    expect(assess(rejected, { trust, require: { reproducible: true } }).status).toBe('rejected')
  })
})
