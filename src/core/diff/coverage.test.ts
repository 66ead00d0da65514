import { describe, expect, it } from 'vitest'
import { diffPacks, failOn } from './index'
import { failure, report, risk, signal } from './test-builders'

describe('risk coverage across releases', () => {
  it('reports lost, gained and changed coverage, and a loss needs review', () => {
    const d = diffPacks(
      report({
        risks: [risk('R1', { severity: 'high', monitoredBy: ['M1'] }), risk('R2', { severity: 'critical' }), risk('R3', { severity: 'high', monitoredBy: ['M1'] }), risk('R4', { severity: 'high' }), risk('R5', { severity: 'high' })],
        failures: [failure('F1', 'leaks PII', { severity: 'high', monitoredBy: ['M2'] })],
        monitoring: [signal('M1'), signal('M2')]
      }),
      report({
        risks: [risk('R1', { severity: 'high', monitoredBy: ['M1'] }), risk('R2', { severity: 'critical', monitoredBy: ['M3'] }), risk('R3', { severity: 'high', monitoredBy: ['M1', 'M3'] }), risk('R4', { severity: 'high', status: 'closed' }), risk('R5', { severity: 'high' })],
        failures: [failure('F1', 'leaks PII', { severity: 'high', monitoredBy: ['M2'] }), failure('F2', 'toxic replies', { severity: 'critical', monitoredBy: ['M3'] })],
        monitoring: [signal('M1', { owner: ' ' }), signal('M2', { action: '' }), signal('M3')]
      })
    )
    expect(d.coverage.entries.map((e) => [e.kind, e.item, e.id, e.why])).toEqual([
      ['lost', 'risk', 'R1', 'was watched by M1; now M1 has no owner'],
      ['lost', 'failure', 'F1', 'was watched by M2; now M2 has no action'],
      ['gained', 'risk', 'R2', 'now watched by M3'],
      ['gained', 'risk', 'R4', 'no longer needs watching (high, closed)'],
      ['gained', 'failure', 'F2', 'new in this release, watched by M3'],
      ['changed', 'risk', 'R3', 'watched by M3 (was M1)']
    ])
    expect(d.coverage).toMatchObject({ stillUncovered: 1, old: { required: 6, covered: 3 }, new: { required: 6, covered: 3 } })
    expect(d.coverage.entries[0]).toMatchObject({ old: { required: true, covered: true, signals: ['M1'] }, new: { required: true, covered: false, signals: [] } })
    const lost = d.verdict.reasons.find((r) => r.code === 'coverage-lost')
    expect(lost).toEqual({ code: 'coverage-lost', level: 'review', count: 2, message: 'coverage lost: R1, F1 (not watched by any monitoring signal)' })
    expect(d.verdict.reasons.find((r) => r.code === 'coverage-gained')).toMatchObject({ level: 'info', count: 3 })
    expect(d.verdict.level).toBe('blocked') // F2 is a new critical failure mode
    // monitoredBy changes show among the record changes too.
    const r2 = d.risks.entries.find((e) => e.id === 'R2')
    expect(r2?.kind === 'changed' && r2.changes).toEqual([{ field: 'monitoredBy', old: null, new: 'M3' }])
    expect(failOn(d, 'critical')).toBe(true)
  })

  it('a release whose coverage did not change reports nothing; without a plan on a side nothing is compared', () => {
    const same = report({ risks: [risk('R1', { severity: 'high', monitoredBy: ['M1'] })], monitoring: [signal('M1')] })
    const d = diffPacks(same, same)
    expect(d.coverage).toEqual({ entries: [], stillUncovered: 0, old: { required: 1, covered: 1 }, new: { required: 1, covered: 1 } })
    expect(d.verdict.level).toBe('acceptable')
    const none = diffPacks(report({ risks: [risk('R1', { severity: 'high' })], monitoring: null }), same)
    expect(none.coverage).toEqual({ entries: [], stillUncovered: 0, old: null, new: { required: 1, covered: 1 } })
  })
})
