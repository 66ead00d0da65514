/**
 * The coverage requirement (`--require-coverage`): its section, its status and its precedence.
 */
import { describe, expect, it } from 'vitest'
import { coverageFindings, riskCoverage } from '../coverage/coverage'
import type { Evidence } from '../format/evidence'
import { answers, fakeReport, PACK, signer, signoff, trustOf } from '../signoff/testing'
import type { VerifyReport } from '../verify/report'
import { assessReports } from './assess-reports'
import { exitCodeOf, precedence } from './status'

const NOW = Date.parse('2026-12-01T00:00:00Z')
const watcher = { signal: 'AUC', metric: 'auc', threshold: 0.7, comparator: '>=' as const, window: '30d', action: 'review', owner: 'Dana', escalation: 'MRC' }

function report(watched: boolean, extra: Partial<VerifyReport> = {}): VerifyReport {
  const evidence: Evidence = {
    risks: { schema: 'vouch.risks/v1', risks: [{ id: 'R-1', hazard: 'drift', severity: 'high', likelihood: 'likely', mitigation: 'm', owner: 'o', monitoredBy: watched ? ['MON-1'] : [] }] },
    failures: { schema: 'vouch.failures/v1', failures: [{ id: 'FM-1', title: 'leaks', severity: 'critical', status: 'open', evidence: 'e', monitoredBy: ['MON-1'] }] },
    monitoring: { schema: 'vouch.monitoring/v1', signals: [{ id: 'MON-1', ...watcher }] }
  }
  const coverage = riskCoverage(evidence)
  return { ...fakeReport([]), evidence, coverage, findings: coverageFindings(coverage), ...extra }
}

describe('the coverage requirement', () => {
  it('is met when every serious item is watched, and the section says how many', () => {
    const a = assessReports(report(true), { now: NOW, require: { coverage: true } })
    expect(a.coverage).toEqual({ required: 2, covered: 2, uncovered: [] })
    expect(a.requirements).toEqual([{ kind: 'coverage', met: true, reason: 'every high or critical risk and open failure mode (2) is watched by a signal of the monitoring plan', unmetStatus: 'not-covered' }])
    expect(a.status).toBe('verified')
  })

  it('a gap is a warning without the requirement and NOT COVERED (exit 1) with it', () => {
    const loose = assessReports(report(false), { now: NOW })
    expect(loose.status).toBe('verified')
    expect(loose.integrity.counts.warning).toBe(1)
    expect(loose.coverage?.uncovered).toEqual([{ kind: 'risk', id: 'R-1', severity: 'high', status: 'open', why: 'it names no monitoring signal (monitoredBy)' }])
    const strict = assessReports(report(false), { now: NOW, require: { coverage: true } })
    expect(strict.status).toBe('not-covered')
    expect(exitCodeOf(strict)).toBe(1)
    expect(strict.reasons).toEqual(['coverage required: 1 of 2 high or critical risks and open failure modes not watched by any monitoring signal: R-1'])
  })

  it('comes after failed and rejected and before not-approved and approved', () => {
    expect(precedence('failed')).toBeLessThan(precedence('not-covered'))
    expect(precedence('rejected')).toBeLessThan(precedence('not-covered'))
    expect(precedence('not-covered')).toBeLessThan(precedence('not-approved'))
    const eng = signer('ana.eng', 1)
    const own = signer('bob.owner', 2)
    const trust = trustOf([
      { s: eng, roles: ['engineer'] },
      { s: own, roles: ['owner'] }
    ])
    const signoffs = [signoff(eng, 'engineer', { checklist: answers() }), signoff(own, 'owner', { checklist: answers() })]
    const approved = report(false, { signoffs, pack: { name: PACK.name, version: PACK.version, digest: PACK.digest } })
    expect(assessReports(approved, { now: NOW, trust }).status).toBe('approved')
    expect(assessReports(approved, { now: NOW, trust, require: { coverage: true, approval: true } }).status).toBe('not-covered')
    const broken = report(false, { ok: false, status: 'failed', findings: [...report(false).findings, { code: 'hash-mismatch', severity: 'error', message: 'x', path: 'data/a' }] })
    expect(assessReports(broken, { now: NOW, require: { coverage: true } }).status).toBe('failed')
  })

  it('cannot be met when coverage was not assessed (no monitoring plan)', () => {
    const a = assessReports(fakeReport([]), { now: NOW, require: { coverage: true } })
    expect(a.coverage).toBeNull()
    expect(a.status).toBe('not-covered')
    expect(a.requirements[0]?.reason).toBe('coverage could not be assessed: the pack has no valid monitoring plan')
  })
})
