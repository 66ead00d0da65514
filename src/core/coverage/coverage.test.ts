/**
 * The coverage rule on evidence built to break it in each way, and through the verifier and the
 * builder on a real pack: warnings name the item and the signals, dangling ids are unresolved references.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { exampleEvidence } from '../build/examples'
import type { Evidence, Failure, MonitoringSignal, Risk } from '../format/evidence'
import { checkReferences } from '../format/references'
import { makePack, type TestPack } from '../verify/testing/make-pack'
import { verifyPack } from '../verify/verify'
import { buildPack } from '../build/build'
import { coverageFindings, riskCoverage, uncoveredItems } from './coverage'

const signal = (id: string, extra: Partial<MonitoringSignal> = {}): MonitoringSignal => ({
  id, signal: `watch ${id}`, metric: 'auc', threshold: 0.8, comparator: '>=', window: '30d', action: 'Open a review', owner: 'Dana', escalation: 'Head of Model Risk', ...extra
})
const risk = (id: string, severity: Risk['severity'], extra: Partial<Risk> = {}): Risk => ({ id, hazard: `hazard ${id}`, severity, likelihood: 'possible', mitigation: 'm', owner: 'o', ...extra })
const failure = (id: string, severity: Failure['severity'], extra: Partial<Failure> = {}): Failure => ({ id, title: `failure ${id}`, severity, status: 'open', evidence: 'e', ...extra })

function evidence(risks: Risk[], failures: Failure[], signals: MonitoringSignal[] | undefined): Evidence {
  return {
    risks: { schema: 'vouch.risks/v1', risks },
    failures: { schema: 'vouch.failures/v1', failures },
    ...(signals ? { monitoring: { schema: 'vouch.monitoring/v1', signals } } : {})
  }
}

describe('riskCoverage', () => {
  it('requires serious, active items to be watched by a complete signal of the plan', () => {
    const ev = evidence(
      [
        risk('R-1', 'high', { monitoredBy: ['MON-1'] }),
        risk('R-2', 'critical', { status: 'accepted' }),
        risk('R-3', 'high', { status: 'closed' }),
        risk('R-4', 'medium'),
        risk('R-5', 'critical', { monitoredBy: ['MON-9', 'MON-2'] }),
        risk('R-6', 'high', { monitoredBy: ['MON-2', 'MON-1'] })
      ],
      [failure('FM-1', 'high'), failure('FM-2', 'critical', { status: 'mitigated' }), failure('FM-3', 'high', { monitoredBy: ['MON-3'] })],
      [signal('MON-1'), signal('MON-2', { owner: '  ' }), signal('MON-3', { action: '' })]
    )
    const c = riskCoverage(ev)
    expect(c.assessed).toBe(true)
    expect(c.items.map((x) => [x.id, x.required, x.covered])).toEqual([
      ['R-1', true, true],
      ['R-2', true, false],
      ['R-3', false, false],
      ['R-4', false, false],
      ['R-5', true, false],
      ['R-6', true, true],
      ['FM-1', true, false],
      ['FM-2', false, false],
      ['FM-3', true, false]
    ])
    expect([c.required, c.covered]).toEqual([6, 2])
    const f = coverageFindings(c)
    expect(f.map((x) => [x.code, x.severity, x.path, x.pointer, x.actual])).toEqual([
      ['risk-not-monitored', 'warning', 'data/risk/risks.json', '/risks/1', 'none'],
      ['risk-not-monitored', 'warning', 'data/risk/risks.json', '/risks/4/monitoredBy', 'MON-9, MON-2'],
      ['risk-not-monitored', 'warning', 'data/evaluation/failures.json', '/failures/0', 'none'],
      ['risk-not-monitored', 'warning', 'data/evaluation/failures.json', '/failures/2/monitoredBy', 'MON-3']
    ])
    // Each names the item and the signals it names, and why none of them counts.
    expect(f[0]?.message).toBe('data/risk/risks.json: risk R-2 (critical, accepted) is not watched by any monitoring signal: it names no monitoring signal (monitoredBy)')
    expect(f[1]?.message).toContain('risk R-5 (critical, open) is not watched by any monitoring signal: MON-9 is not in data/monitoring/plan.json; MON-2 has no owner')
    expect(f[3]?.message).toContain('failure mode FM-3 (high, open) is not watched by any monitoring signal: MON-3 has no action')
  })

  it('says nothing when the plan is missing (another finding says so), and counts an absent register as nothing to watch', () => {
    const c = riskCoverage(evidence([risk('R-1', 'high')], [], undefined))
    expect(c.assessed).toBe(false)
    expect(uncoveredItems(c)).toEqual([])
    expect(coverageFindings(c)).toEqual([])
    expect(riskCoverage({ monitoring: { schema: 'vouch.monitoring/v1', signals: [] } })).toEqual({ assessed: true, items: [], required: 0, covered: 0 })
  })

  it('a monitoredBy id that names no signal of the plan is an unresolved reference, for any severity', () => {
    const ev = evidence([risk('R-1', 'low', { monitoredBy: ['MON-1', 'NOPE'] })], [failure('FM-1', 'low', { monitoredBy: ['GONE'] })], [signal('MON-1')])
    expect(checkReferences(ev).map((f) => [f.code, f.path, f.pointer, f.actual])).toEqual([
      ['reference-unresolved', 'data/risk/risks.json', '/risks/0/monitoredBy/1', 'NOPE'],
      ['reference-unresolved', 'data/evaluation/failures.json', '/failures/0/monitoredBy/0', 'GONE']
    ])
  })

  it('the example evidence every test pack is built from is fully covered', () => {
    const ev = exampleEvidence('tabular') as unknown as Evidence
    const c = riskCoverage(ev)
    expect(c.required).toBeGreaterThan(0)
    expect(c.covered).toBe(c.required)
  })
})

describe('coverage through the builder and the verifier', () => {
  let pack: TestPack | undefined
  afterEach(async () => {
    await pack?.cleanup()
    pack = undefined
  })

  it('a pack built to break the rule verifies with a risk-not-monitored warning, and its report carries the coverage', async () => {
    pack = await makePack({
      evidence: (ev) => {
        ev.risks.risks[0]!.monitoredBy = []
        ev.failures.failures.push({ id: 'FM-009', title: 'Leaks card numbers in summaries', severity: 'critical', status: 'open', evidence: 'data/reports/slice-analysis.md', monitoredBy: ['MON-002'] })
        ev.monitoring.signals[1]!.owner = ' '
      }
    })
    const build = await buildPack(pack.dir)
    expect(build.ok).toBe(true)
    expect(build.findings.map((f) => [f.code, f.actual])).toEqual([
      ['risk-not-monitored', 'none'],
      ['risk-not-monitored', 'MON-002']
    ])
    const r = await verifyPack(pack.dir)
    expect(r.status).toBe('verified')
    expect(r.findings.filter((f) => f.code === 'risk-not-monitored').map((f) => f.message)).toEqual([
      'data/risk/risks.json: risk R-001 (high, mitigated) is not watched by any monitoring signal: it names no monitoring signal (monitoredBy)',
      'data/evaluation/failures.json: failure mode FM-009 (critical, open) is not watched by any monitoring signal: MON-002 has no owner'
    ])
    expect(r.coverage).toMatchObject({ assessed: true, required: 2, covered: 0 })
  })

  it('a dangling monitoredBy id is refused by the builder and fails verification', async () => {
    pack = await makePack()
    const risks = JSON.parse(await pack.readText('data/risk/risks.json')) as { risks: Risk[] }
    risks.risks[0] = { ...risks.risks[0]!, monitoredBy: ['MON-404'] }
    await pack.write('data/risk/risks.json', JSON.stringify(risks))
    const build = await buildPack(pack.dir)
    expect(build.ok).toBe(false)
    expect(build.findings.map((f) => [f.code, f.pointer])).toEqual([['reference-unresolved', '/risks/0/monitoredBy/0'], ['risk-not-monitored', '/risks/0/monitoredBy']])
    await pack.rehashAll()
    const r = await verifyPack(pack.dir)
    expect(r.status).toBe('failed')
    expect(r.findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual(['reference-unresolved'])
  })
})
