/**
 * The coverage map draws core's coverage result: unwatched serious items first and named in the
 * summary, each watching signal with its threshold and owner, a signal the plan lacks flagged, and
 * no map at all (rather than one of its own) when core computed none.
 */
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { riskCoverage } from '../../../../../core/coverage/coverage'
import type { Evidence, Failure, MonitoringSignal, Risk } from '../../../../../core/format/evidence'
import type { VerifyReport } from '../../../../../core/verify/report'
import { CoverageMap } from './CoverageMap'

const signal = (id: string, extra: Partial<MonitoringSignal> = {}): MonitoringSignal => ({
  id, signal: `watch ${id}`, metric: 'auc', threshold: 0.8, comparator: '>=', window: '30d', action: 'Open a review', owner: 'Dana Ruiz', escalation: 'Head of Model Risk', ...extra
})
const risk = (id: string, severity: Risk['severity'], extra: Partial<Risk> = {}): Risk => ({ id, hazard: `hazard ${id}`, severity, likelihood: 'possible', mitigation: 'm', owner: 'o', ...extra })
const failure = (id: string, severity: Failure['severity'], extra: Partial<Failure> = {}): Failure => ({ id, title: `failure ${id}`, severity, status: 'open', evidence: 'e', ...extra })

function report(evidence: Evidence, withCoverage = true): VerifyReport {
  return { evidence, ...(withCoverage ? { coverage: riskCoverage(evidence) } : {}) } as unknown as VerifyReport
}

/** Row order and each row's text, from the static markup. */
function rows(html: string): { id: string; text: string }[] {
  return [...html.matchAll(/<tr[^>]*data-testid="coverage-([^"]+)"[^>]*>(.*?)<\/tr>/g)].map((m) => ({ id: m[1]!, text: m[2]!.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() }))
}

const ev: Evidence = {
  risks: {
    schema: 'vouch.risks/v1',
    risks: [risk('R-1', 'medium'), risk('R-2', 'high', { monitoredBy: ['MON-1'] }), risk('R-3', 'critical', { monitoredBy: ['MON-9'] })]
  },
  failures: { schema: 'vouch.failures/v1', failures: [failure('FM-1', 'high')] },
  monitoring: { schema: 'vouch.monitoring/v1', signals: [signal('MON-1', { slice: 'age<25' })] }
}

describe('CoverageMap', () => {
  it('puts unwatched serious items first, names them in the summary, and shows signal → owner', () => {
    const html = renderToStaticMarkup(<CoverageMap report={report(ev)} />)
    expect(rows(html).map((r) => r.id)).toEqual(['R-3', 'FM-1', 'R-2', 'R-1'])
    const summary = /data-testid="coverage-summary">(.*?)<\/p>/.exec(html)?.[1]?.replace(/<[^>]+>/g, '') ?? ''
    expect(summary).toContain('1 of 3 high or critical')
    expect(summary).toContain('Not watched: R-3, FM-1.')
    const [r3, fm1, r2, r1] = rows(html)
    expect(r3!.text).toContain('not watched')
    expect(r3!.text).toContain('MON-9')
    expect(r3!.text).toContain('not in the monitoring plan')
    expect(fm1!.text).toContain('names no monitoring signal')
    expect(r2!.text).toContain('✓ watched')
    expect(r2!.text).toContain('auc (age&lt;25) &gt;= 0.8 over 30d')
    expect(r2!.text).toContain('→ Dana Ruiz')
    expect(r1!.text).toContain('not required')
  })

  it('says a signal without an owner has none', () => {
    const e: Evidence = { ...ev, monitoring: { schema: 'vouch.monitoring/v1', signals: [signal('MON-1', { owner: ' ' })] } }
    const r2 = rows(renderToStaticMarkup(<CoverageMap report={report(e)} />)).find((r) => r.id === 'R-2')!
    expect(r2.text).toContain('not watched')
    expect(r2.text).toContain('MON-1 has no owner')
    expect(r2.text).toContain('no owner')
  })

  it('draws no map of its own when core assessed none', () => {
    const noPlan: Evidence = { risks: ev.risks!, failures: ev.failures! }
    expect(renderToStaticMarkup(<CoverageMap report={report(noPlan)} />)).toContain('no valid monitoring plan')
    const incomplete = renderToStaticMarkup(<CoverageMap report={report(ev, false)} />)
    expect(incomplete).toContain('verification did not complete')
    expect(incomplete).not.toContain('coverage-map"')
  })
})
