/**
 * The risk register's Controls column: the signals a risk names in monitoredBy (what the coverage
 * map draws) and those its text mentions, then the guardrails it mentions; an id the monitoring
 * plan lacks is not offered as a link (the coverage map flags it instead).
 */
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it, vi } from 'vitest'
import { riskCoverage } from '../../../../../core/coverage/coverage'
import type { Evidence, MonitoringSignal, Risk } from '../../../../../core/format/evidence'
import type { VerifyReport } from '../../../../../core/verify/report'

// The links only read the store's navigation action; the real store needs a window.
vi.mock('../../../store', () => ({ useAppStore: (select: (s: Record<string, unknown>) => unknown) => select({ showSection: () => undefined }) }))
const { RisksSection } = await import('./RisksSection')

const signal = (id: string): MonitoringSignal => ({ id, signal: `watch ${id}`, metric: 'auc', threshold: 0.8, comparator: '>=', window: '30d', action: 'Open a review', owner: 'Dana Ruiz', escalation: 'Head of Model Risk' })
const risk = (id: string, extra: Partial<Risk> = {}): Risk => ({ id, hazard: `hazard ${id}`, severity: 'high', likelihood: 'possible', mitigation: 'm', owner: 'o', ...extra })

const ev: Evidence = {
  risks: {
    schema: 'vouch.risks/v1',
    risks: [risk('R-1', { monitoredBy: ['MON-2', 'MON-9'], mitigation: 'Watched monthly (MON-1); the cutoff is capped by GR-1.' }), risk('R-2', { severity: 'low' })]
  },
  monitoring: { schema: 'vouch.monitoring/v1', signals: [signal('MON-1'), signal('MON-2')] },
  guardrails: { schema: 'vouch.guardrails/v1', guardrails: [{ id: 'GR-1', setting: 'max_cutoff', value: 0.4, rationale: 'r' }] }
} as unknown as Evidence

const html = renderToStaticMarkup(<RisksSection report={{ evidence: ev, coverage: riskCoverage(ev) } as unknown as VerifyReport} />)
const row = (id: string): string => new RegExp(`<tr[^>]*data-testid="risk-${id}"[^>]*>(.*?)</tr>`).exec(html)?.[1] ?? ''
const links = (s: string): string[] => [...s.matchAll(/aria-label="([^"]+)"/g)].map((m) => m[1]!)

describe('RisksSection', () => {
  it('links a risk to the signals of its monitoredBy first, then those and the guardrails its text names; never to a signal the plan lacks', () => {
    expect(links(row('R-1'))).toEqual(['Monitoring signal MON-2', 'Monitoring signal MON-1', 'Guardrail GR-1'])
    expect(row('R-1')).not.toContain('MON-9')
    expect(links(row('R-2'))).toEqual([])
  })

  it('opens with the coverage map, then the register', () => {
    expect(html.indexOf('data-testid="coverage-')).toBeGreaterThan(-1)
    expect(html.indexOf('data-testid="coverage-')).toBeLessThan(html.indexOf('data-testid="risks-table"'))
  })
})
