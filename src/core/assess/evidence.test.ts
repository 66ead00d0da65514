import { describe, expect, it } from 'vitest'
import { failure, report, slice, thr } from '../diff/test-builders'
import { sliceLabel } from '../format/slice-label'
import { assessReports } from './assess-reports'

const metrics = [thr('auc', '0.80', '>=', '0.70'), thr('brier', '0.05', '<=', '0.06')]

describe('the assessment says what the evidence needs looked at', () => {
  it('critical slices below a metric threshold, named as everywhere, exact at the boundary', () => {
    const a = assessReports(
      report({
        metrics,
        slices: [
          slice('age-18-24-thin-file', { auc: 0.6999, brier: 0.07 }, { critical: true, name: 'Thin-file applicants aged 18-24' }),
          slice('edge', { auc: 0.7 }, { critical: true }),
          slice('not-critical', { auc: 0.5 })
        ]
      })
    )
    expect(a.evidence?.criticalSlices).toEqual({
      total: 2,
      belowThreshold: [
        {
          id: 'age-18-24-thin-file',
          name: 'Thin-file applicants aged 18-24',
          label: 'Thin-file applicants aged 18-24 (age-18-24-thin-file)',
          metrics: [
            { metric: 'auc', value: 0.6999, comparator: '>=', threshold: '0.70' },
            { metric: 'brier', value: 0.07, comparator: '<=', threshold: '0.06' }
          ]
        }
      ]
    })
  })

  it('open high or critical failure modes only, most severe first; missing documents are null, not "none"', () => {
    const a = assessReports(
      report({
        failures: [
          failure('FM-2', 'High, open', { severity: 'high', status: 'open', slice: 's' }),
          failure('FM-1', 'Critical, open', { severity: 'critical', status: 'open' }),
          failure('FM-3', 'High, mitigated', { severity: 'high', status: 'mitigated' }),
          failure('FM-4', 'Medium, open', { severity: 'medium', status: 'open' })
        ]
      })
    )
    expect(a.evidence?.openFailureModes?.map((f) => [f.id, f.severity, f.slice])).toEqual([
      ['FM-1', 'critical', null],
      ['FM-2', 'high', 's']
    ])
    const none = assessReports(report({ slices: null, failures: null }))
    expect(none.evidence).toMatchObject({ criticalSlices: null, openFailureModes: null })
  })

  it('traceability completeness with its gaps; no evidence facts for an incomplete verification', () => {
    const r = report({ over: { traceability: [{ field: 'commit', status: 'ok', why: '' }, { field: 'runId', status: 'missing', why: 'ties the run' }] } })
    expect(assessReports(r).evidence?.traceability).toEqual({ complete: false, ok: 1, total: 2, gaps: [{ field: 'runId', status: 'missing' }] })
    expect(assessReports(report({ over: { status: 'incomplete', ok: false } })).evidence).toBeNull()
  })

  it('a slice is "Name (id)", or its id alone', () => {
    expect(sliceLabel({ id: 'channel-telesales', name: 'Telesales applications' })).toBe('Telesales applications (channel-telesales)')
    expect(sliceLabel({ id: 'x' })).toBe('x')
    expect(sliceLabel({ id: 'x', name: 'x' })).toBe('x')
  })
})
