import { describe, expect, it } from 'vitest'
import { diffPacks, failOn } from './index'
import { failure, guardrail, metric, report, risk, signal, trace } from './test-builders'

describe('failure modes', () => {
  it('new, resolved (gone or by status), persisting, severity changed', () => {
    const d = diffPacks(
      report({ failures: [failure('F1', 'Thin-file applicants'), failure('F2', 'Drift on income'), failure('F3', 'Stale bureau data', { severity: 'low' }), failure('F4', 'Old, fixed', { status: 'resolved' })] }),
      report({ failures: [failure('F2', 'Drift on income', { status: 'resolved' }), failure('F3', 'Stale bureau data', { severity: 'high' }), failure('F5', 'Self-employed under-approval', { severity: 'high' })] })
    )
    expect(d.failures.map((f) => [f.kind, f.id])).toEqual([
      ['new', 'F5'],
      ['resolved', 'F1'],
      ['resolved', 'F2'],
      ['persisting', 'F3']
    ])
    expect(d.failures[1]).toMatchObject({ how: 'removed' })
    expect(d.failures[2]).toMatchObject({ how: 'status' })
    expect(d.failures[3]).toMatchObject({ severity: { old: 'low', new: 'high', direction: 'increased' } })
    expect(d.counts).toMatchObject({ failuresNew: 1, failuresResolved: 2, failuresPersisting: 1 })
    // F5 arrives high and F3 becomes high, and no signal watches either: coverage lost too.
    expect(d.verdict.summary).toBe('1 new failure mode, 1 failure mode more severe, coverage lost: F3, F5 (not watched by any monitoring signal)')
    expect(failOn(d, 'regression')).toBe(true)
    expect(failOn(d, 'critical')).toBe(false)
  })

  it('matches by title (case and spacing ignored) when ids were renumbered', () => {
    const d = diffPacks(
      report({ failures: [failure('FM-001', 'Thin-file  applicants', { severity: 'high' })] }),
      report({ failures: [failure('FM-7', 'thin-file applicants', { severity: 'medium' })] })
    )
    expect(d.failures).toHaveLength(1)
    expect(d.failures[0]).toMatchObject({ kind: 'persisting', id: 'FM-7', matchedBy: 'title', severity: { direction: 'decreased' } })
    expect(d.failures[0]?.kind === 'persisting' && d.failures[0].changes.map((c) => c.field)).toEqual(['id', 'title'])
    expect(d.verdict.level).toBe('acceptable')
  })

  it('a resolved failure mode that comes back is reopened; a new critical one blocks', () => {
    const d = diffPacks(
      report({ failures: [failure('F1', 'x', { status: 'resolved' })] }),
      report({ failures: [failure('F1', 'x', { status: 'open' }), failure('F9', 'Catastrophic', { severity: 'critical' })] })
    )
    expect(d.failures.map((f) => f.kind)).toEqual(['new', 'reopened'])
    expect(d.verdict.level).toBe('blocked')
    expect(d.verdict.reasons.slice(0, 2).map((r) => r.message)).toEqual(['1 new failure mode (1 critical)', '1 failure mode reopened'])
  })

  it('a new failure mode already resolved on arrival is listed but not counted against the release', () => {
    const d = diffPacks(report({ failures: [] }), report({ failures: [failure('F1', 'found and fixed', { status: 'resolved' })] }))
    expect(d.failures[0]?.kind).toBe('new')
    expect(d.verdict.level).toBe('acceptable')
  })
})

describe('risks, monitoring, guardrails, traceability, files', () => {
  it('reports risks added, removed and changed with severity/likelihood direction', () => {
    const d = diffPacks(
      report({ risks: [risk('R1'), risk('R2'), risk('R3')] }),
      report({ risks: [risk('R1', { severity: 'high', likelihood: 'rare', owner: 'cro' }), risk('R3'), risk('R4')] })
    )
    expect(d.risks.unchanged).toBe(1)
    expect(d.risks.entries.map((e) => [e.kind, e.id])).toEqual([
      ['changed', 'R1'],
      ['removed', 'R2'],
      ['added', 'R4']
    ])
    const r1 = d.risks.entries[0]
    expect(r1?.kind === 'changed' && r1.changes.map((c) => c.field)).toEqual(['severity', 'likelihood', 'owner'])
    expect(r1).toMatchObject({ severity: { direction: 'increased' }, likelihood: { direction: 'decreased' } })
    // R1 turns high with no signal watching it.
    expect(d.verdict.summary).toBe('coverage lost: R1 (not watched by any monitoring signal), risks changed (1 added, 1 removed, 1 changed)')
  })

  it('reports monitoring signal changes field by field', () => {
    const d = diffPacks(
      report({ monitoring: [signal('psi-income'), signal('auc-30d')] }),
      report({ monitoring: [signal('psi-income', { threshold: 0.2, window: '7d', escalation: 'CRO' }), signal('default-rate')] })
    )
    expect(d.monitoring.entries.map((e) => [e.kind, e.id])).toEqual([
      ['removed', 'auc-30d'],
      ['added', 'default-rate'],
      ['changed', 'psi-income']
    ])
    const c = d.monitoring.entries[2]
    expect(c?.kind === 'changed' && c.changes).toEqual([
      { field: 'threshold', old: 0.75, new: 0.2 },
      { field: 'window', old: '30d', new: '7d' },
      { field: 'escalation', old: 'head of MRM', new: 'CRO' }
    ])
    expect(d.verdict.reasons.map((r) => r.code)).toEqual(['monitoring-changed'])
  })

  it('reports guardrail setting changes', () => {
    const d = diffPacks(report({ guardrails: [guardrail('g1', { value: 0.5 })] }), report({ guardrails: [guardrail('g1', { value: 0.6 })] }))
    expect(d.guardrails.entries[0]).toMatchObject({ kind: 'changed', changes: [{ field: 'value', old: 0.5, new: 0.6 }] })
    expect(d.verdict).toMatchObject({ level: 'review', summary: 'guardrails changed (1 changed)' })
  })

  it('reports traceability changes (info) including environment keys and datasets', () => {
    const d = diffPacks(
      report({ traceability: trace() }),
      report({ traceability: trace({ commit: 'f'.repeat(40), runId: 'run-2', environment: { python: '3.12', torch: '2.5' }, datasets: [] }) })
    )
    expect(d.traceability.changes.map((c) => c.field)).toEqual(['commit', 'runId', 'environment.python', 'environment.torch'])
    expect(d.traceability.datasets.entries).toMatchObject([{ kind: 'removed', id: 'holdout' }])
    const proto = diffPacks(report({ traceability: trace({ environment: { constructor: 'x' } }) }), report({ traceability: trace({ environment: {} }) }))
    expect(proto.traceability.changes).toEqual([{ field: 'environment.constructor', old: 'x', new: null }])
    expect(d.verdict.level).toBe('acceptable')
    expect(d.verdict.reasons[0]?.code).toBe('traceability-changed')
  })

  it('reports files added, removed, modified by hash; sign-off envelopes are left out', () => {
    const f = (path: string, sha: string, status: 'ok' | 'signoff' = 'ok') => ({ path, size: 10, sha256: sha.repeat(64), status })
    const d = diffPacks(
      report({ files: [f('data/a.json', 'a'), f('data/b.json', 'b'), f('data/c.json', 'c')] }),
      report({ files: [f('data/a.json', 'a'), f('data/b.json', 'e'), f('data/d.json', 'd'), f('signoffs/x.json', '0', 'signoff')] })
    )
    expect(d.files.entries.map((e) => [e.kind, e.path])).toEqual([
      ['modified', 'data/b.json'],
      ['removed', 'data/c.json'],
      ['added', 'data/d.json']
    ])
    expect(d.files.unchanged).toBe(1)
  })
})

describe('verification and documents', () => {
  it('a failed verification is never hidden: the verdict is blocked and says which pack', () => {
    const bad = report({ over: { ok: false, status: 'failed', findings: [{ code: 'hash-mismatch', severity: 'error', message: 'x', path: 'data/a.json' }] } })
    const d = diffPacks(report(), bad)
    expect(d.verification.new.errors).toHaveLength(1)
    expect(d.verdict).toMatchObject({ level: 'blocked', summary: 'new pack failed verification (1 error)' })
    expect(failOn(d, 'critical')).toBe(true)
    expect(failOn(d, 'regression')).toBe(true)
    const inc = diffPacks(report({ over: { ok: false, status: 'incomplete' } }), report())
    expect(inc.verdict.summary).toBe('old pack could not be fully verified')
  })

  it('a missing evidence document is reported, not diffed as if everything vanished', () => {
    const d = diffPacks(report({ failures: [failure('F1', 'x')] }), report({ failures: null }))
    expect(d.failures).toEqual([])
    expect(d.documents).toEqual([{ doc: 'failures', state: 'missing-new' }])
    expect(d.verdict.reasons[0]).toMatchObject({ code: 'evidence-missing', level: 'review' })
  })

  it('flags a comparison of two different packs and a non-consecutive release', () => {
    const d = diffPacks(report({ name: 'credit', version: '1.0.0' }), report({ name: 'fraud', version: '2.0.0', previousVersion: '1.9.0' }))
    expect(d.consecutive).toBe('no')
    expect(d.verdict.reasons.map((r) => [r.code, r.level])).toEqual([
      ['different-pack', 'review'],
      ['not-previous-version', 'info']
    ])
    expect(diffPacks(report({ version: '1.0.0' }), report({ version: '1.1.0', previousVersion: '1.0.0' })).consecutive).toBe('yes')
  })

  it('non-finite values (refused by validation, json-strict.test.ts) still cannot poison the diff', () => {
    const bad = { id: 'x', value: Number.NaN, valueLiteral: 'NaN', better: 'higher' as const, dataset: 'd', split: 's', sampleSize: 1 }
    const d = diffPacks(
      report({ metrics: [bad], slices: [{ id: 's', definition: 'd', sampleSize: 500, critical: true, metrics: { x: Number.POSITIVE_INFINITY } }] }),
      report({ metrics: [{ ...bad, value: 1, valueLiteral: '1' }], slices: [{ id: 's', definition: 'd', sampleSize: 500, critical: true, metrics: { x: 0.5 } }] })
    )
    // Treated as absent on the side where it is not finite.
    expect(d.metrics.map((m) => m.kind)).toEqual(['added'])
    const s = d.slices[0]
    expect(s?.kind === 'compared' && s.metrics.map((m) => m.kind)).toEqual(['added'])
    expect(JSON.stringify(d)).not.toMatch(/NaN|Infinity/)
  })

  it('the whole diff is plain JSON with no NaN or Infinity', () => {
    const d = diffPacks(report({ metrics: [metric('a', '0'), metric('b', '1e-300')] }), report({ metrics: [metric('a', '5'), metric('b', '1e300')] }))
    const json = JSON.stringify(d)
    expect(json).not.toMatch(/NaN|Infinity|null,"relative"/)
    expect(JSON.parse(json)).toEqual(d)
  })
})
