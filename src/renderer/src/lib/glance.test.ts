import { describe, expect, it } from 'vitest'
import { assessReports } from '../../../core/assess'
import { diffPacks } from '../../../core/diff'
import { failure, report, slice, thr } from '../../../core/diff/test-builders'
import { glanceLines } from './glance'

const metrics = [thr('auc', '0.80', '>=', '0.70')]
const critical = [slice('young', { auc: 0.65 }, { critical: true, name: 'Young applicants' }), slice('old', { auc: 0.8 }, { critical: true })]

describe('the glance card renders the assessment in words', () => {
  it('a verified pack with a critical slice below threshold and an open high failure mode, blocked against its previous release', () => {
    const prev = report({ version: '1.0.0', metrics, slices: [slice('young', { auc: 0.8 }, { critical: true, name: 'Young applicants' }), slice('old', { auc: 0.8 }, { critical: true })] })
    const cur = report({
      version: '1.1.0',
      previousVersion: '1.0.0',
      metrics,
      slices: critical,
      failures: [failure('FM-4', 'Rank ordering degraded for the young', { severity: 'high', status: 'open', slice: 'young' })]
    })
    const a = assessReports(cur, { previous: { report: prev, diff: diffPacks(prev, cur) } })
    const lines = glanceLines(a)
    expect(lines.map((l) => [l.id, l.tone])).toEqual([
      ['integrity', 'ok'],
      ['approval', 'neutral'],
      ['gate', 'bad'],
      ['critical-slices', 'bad'],
      ['failure-modes', 'bad'],
      ['traceability', 'warn']
    ])
    const byId = new Map(lines.map((l) => [l.id, l]))
    expect(byId.get('gate')).toMatchObject({ text: 'Blocked against credit 1.0.0', items: ['blocks: 1 regression (1 in a critical slice, 1 crossing a threshold)', '1 new failure mode', 'coverage lost: FM-4 (not watched by any monitoring signal)'] })
    expect(byId.get('critical-slices')).toMatchObject({
      text: '1 of 2 critical slices below threshold',
      items: ['Young applicants (young): auc\u00a00.65 (needs\u00a0>=\u00a00.70)'],
      link: { section: 'evaluation', anchor: 'slice-young' }
    })
    expect(byId.get('failure-modes')).toMatchObject({ text: '1 open with high or critical severity', items: ['FM-4 Rank ordering degraded for the young (high)'], link: { anchor: 'failure-FM-4' } })
    expect(byId.get('approval')?.text).toBe('Not assessed: no trust file (no sign-off yet)')
  })

  it('a failed pack: the evidence lines are never green and say they come from files that did not verify', () => {
    const r = report({
      metrics,
      slices: [slice('old', { auc: 0.8 }, { critical: true })],
      failures: [],
      over: {
        status: 'failed',
        ok: false,
        findings: [{ code: 'hash-mismatch', severity: 'error', message: 'changed', path: 'data/x.csv' }],
        traceability: [{ field: 'commit', status: 'ok', why: '' }]
      }
    })
    const lines = glanceLines(assessReports(r))
    expect(lines[0]).toMatchObject({ id: 'integrity', tone: 'bad', text: 'Failed: 1 error in 1 file; do not rely on the evidence', link: { section: 'findings' } })
    for (const l of lines.slice(3)) {
      expect(l.tone, l.id).not.toBe('ok')
      expect(l.text, l.id).toMatch(/\(from files that did not verify\)$/)
    }
  })

  it('no previous release named, missing documents, and an incomplete verification', () => {
    const a = assessReports(report({ slices: null, failures: null }))
    const byId = new Map(glanceLines(a).map((l) => [l.id, l]))
    expect(byId.get('gate')).toMatchObject({ tone: 'neutral', text: 'No previous release: this pack names none (Previous-Version)' })
    expect(byId.get('critical-slices')?.text).toBe('Not known: the pack has no valid slices.json')
    expect(byId.get('failure-modes')?.text).toBe('Not known: the pack has no valid failures.json')
    const named = assessReports(report({ previousVersion: '0.9.0' }))
    expect(glanceLines(named).find((l) => l.id === 'gate')).toMatchObject({ tone: 'warn', text: 'Not checked: the previous release (0.9.0) is not known; choose it below' })
    const incomplete = assessReports(report({ over: { status: 'incomplete', ok: false } }))
    expect(glanceLines(incomplete).map((l) => l.id)).toEqual(['integrity'])
  })

  it('reproducibility, after the gate, in the words of core: a claim that does not reproduce is named, no predictions is not a pass', () => {
    const a = assessReports(report({ version: '1.1.0', metrics, slices: critical }))
    expect(glanceLines(a).map((l) => l.id)).not.toContain('reproducibility')
    const counts = { claims: 2, reproduced: 1, notReproduced: 1, notRecomputable: 0 }
    const none = { claims: 0, reproduced: 0, notReproduced: 0, notRecomputable: 0 }
    const text = '1 of 2 headline metrics reproduced from 1,000 predictions; 1 not reproduced'
    const withR = (r: object): ReturnType<typeof assessReports> => ({ ...a, reproducibility: r }) as ReturnType<typeof assessReports>
    const notReproduced = withR({
      status: 'not-reproduced',
      predictions: [],
      rows: 1000,
      summary: { headline: counts, slices: none, sampleSizes: none, intervals: none, text },
      claims: [
        { scope: 'headline', metric: 'auc', field: 'value', claimed: '0.80', recomputed: 0.8, status: 'reproduced', path: 'data/evaluation/metrics.json', pointer: '/metrics/0/value' },
        { scope: 'slice', metric: 'auc', slice: 'young', field: 'value', claimed: '0.75', recomputed: 0.65, status: 'not-reproduced', path: 'data/evaluation/slices.json', pointer: '/slices/0/metrics/auc' }
      ]
    })
    const lines = glanceLines(notReproduced)
    expect(lines.map((l) => l.id).slice(0, 4)).toEqual(['integrity', 'approval', 'gate', 'reproducibility'])
    expect(lines[3]).toMatchObject({ tone: 'bad', text, items: ['auc · young value: claimed 0.75, recomputed 0.65'], link: { section: 'evaluation' } })
    const noPredictions = withR({ status: 'no-predictions', predictions: [], rows: 0, summary: { headline: none, slices: none, sampleSizes: none, intervals: none, text: '' }, claims: [] })
    expect(glanceLines(noPredictions).find((l) => l.id === 'reproducibility')).toMatchObject({ tone: 'neutral', text: 'Not checked: the pack ships no predictions to recompute its numbers from' })
  })
})
