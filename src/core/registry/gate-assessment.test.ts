import { describe, expect, it } from 'vitest'
import { assessReports, REQUIREMENTS } from '../assess'
import { fakeReport, OTHER, signer, signoff, trustOf } from '../signoff/testing'
import { assessPulledPack, splitRequirements, unavailableReason } from './gate-assessment'

const eng = signer('ana.eng', 1)
const own = signer('bob.owner', 2)
const trust = trustOf([
  { s: eng, roles: ['engineer'] },
  { s: own, roles: ['owner'] }
])
const PINNED = '127.0.0.1:5000/models/m@sha256:' + 'ef'.repeat(32)

describe('splitRequirements: what the gate asks of the one assessment', () => {
  it('passes a requirement core knows through to `require`', () => {
    expect(splitRequirements(['approval'])).toEqual({ require: { approval: true }, unavailable: [] })
    expect(splitRequirements([])).toEqual({ require: {}, unavailable: [] })
  })

  it('keeps a requirement core does not know out of `require` and reports it unavailable (fail closed)', () => {
    expect(splitRequirements(['approval', 'reproducible'], ['approval'])).toEqual({ require: { approval: true }, unavailable: ['reproducible'] })
  })

  it('passes reproducible through with no change here once core knows it (issue #12)', () => {
    expect(splitRequirements(['approval', 'reproducible'], ['approval', 'reproducible'])).toEqual({ require: { approval: true, reproducible: true }, unavailable: [] })
  })

  it('by default, knows exactly what core REQUIREMENTS lists', () => {
    expect(REQUIREMENTS.map((r) => r.kind)).toEqual(['approval', 'reproducible'])
    expect(splitRequirements(['approval', 'reproducible'])).toEqual({ require: { approval: true, reproducible: true }, unavailable: [] })
    expect(unavailableReason('reproducible')).toMatch(/^--require-reproducible: .*cannot evaluate .*\(fail closed\)/)
  })
})

describe('assessPulledPack: the one assessment, located in the registry', () => {
  it('is assessReports on the same report, with the pinned reference as location', () => {
    const report = fakeReport([signoff(eng, 'engineer'), signoff(own, 'owner')])
    const pulled = assessPulledPack(report, PINNED, { trust, required: ['approval'] })
    const direct = assessReports(report, { trust, require: { approval: true } })
    expect(pulled.assessment.status).toBe('approved')
    expect(pulled.assessment.pack.location).toBe(PINNED)
    expect({ ...pulled.assessment, pack: { ...pulled.assessment.pack, location: report.location } }).toEqual(direct)
    expect(pulled.unavailable).toEqual([])
  })

  it('gives the status words verify gives: not approved when one role is missing, verified when approval is not required', () => {
    const report = fakeReport([signoff(eng, 'engineer')])
    expect(assessPulledPack(report, PINNED, { trust, required: ['approval'] }).assessment.status).toBe('not-approved')
    expect(assessPulledPack(report, PINNED, { trust, required: [] }).assessment.status).toBe('verified')
    const tampered = { ...fakeReport([], undefined, false), findings: [{ code: 'hash-mismatch', severity: 'error' as const, message: 'differs', path: 'data/pack.json' }] }
    expect(assessPulledPack(tampered, PINNED, { trust, required: ['approval'] }).assessment.status).toBe('failed')
  })

  it('adds the release gate against the previous release, located by its pinned reference', () => {
    const prev = fakeReport([], OTHER)
    const pulled = assessPulledPack(fakeReport([]), PINNED, { trust, required: [], previous: { report: prev, location: `${PINNED.slice(0, -64)}${'12'.repeat(32)}` } })
    expect(pulled.assessment.gate?.previous).toMatchObject({ version: OTHER.version, location: expect.stringMatching(/@sha256:(12){32}$/) })
    expect(pulled.assessment.gate?.verdict).toBe(assessReports(fakeReport([]), { previous: { report: prev } }).gate?.verdict)
  })
})
