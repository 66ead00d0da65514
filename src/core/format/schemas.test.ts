import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { exampleEvidence, exampleEvidenceFiles } from '../build/templates'
import { EVIDENCE_PATHS } from './evidence'
import { parseEvidence, parseEvidenceDoc } from './evidence-parse'
import { checkReferences } from './references'
import { renderSchemaFiles } from './schema-files'
import { isRfc3339 } from './schema-dsl'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const files = (mutate?: (ev: Record<string, unknown>) => void): Map<string, Uint8Array> => {
  const ev = structuredClone(exampleEvidence('tabular')) as unknown as Record<string, unknown>
  mutate?.(ev)
  return new Map([...exampleEvidenceFiles(ev as never)].map(([p, t]) => [p, enc(t)]))
}

describe('evidence schemas', () => {
  it.each(['tabular', 'vision', 'nlp'] as const)('accept the %s template with no finding', (t) => {
    const m = new Map([...exampleEvidenceFiles(exampleEvidence(t))].map(([p, s]) => [p, enc(s)]))
    const r = parseEvidence(m)
    expect(r.findings).toEqual([])
    expect(Object.keys(r.evidence).sort()).toEqual(Object.keys(EVIDENCE_PATHS).sort())
    expect(checkReferences(r.evidence)).toEqual([])
  })

  it('gives the JSON pointer, expected and actual of a bad field, and every problem', () => {
    const r = parseEvidence(
      files((ev) => {
        const m = ev.metrics as { metrics: Record<string, unknown>[] }
        m.metrics[1]!.value = '0.9'
        delete m.metrics[0]!.dataset
        m.metrics[0]!.sampleSize = 10.5
      })
    )
    const got = r.findings.map((f) => [f.code, f.path, f.pointer, f.expected])
    expect(got).toContainEqual(['schema-invalid', 'data/evaluation/metrics.json', '/metrics/1/value', 'number'])
    expect(got).toContainEqual(['schema-invalid', 'data/evaluation/metrics.json', '/metrics/0/dataset', 'required field "dataset"'])
    expect(got).toContainEqual(['schema-invalid', 'data/evaluation/metrics.json', '/metrics/0/sampleSize', 'integer'])
    expect(r.evidence.metrics).toBeUndefined()
    expect(r.evidence.pack).toBeDefined()
  })

  it('needs comparator with threshold, and flags unknown fields as warnings', () => {
    const r = parseEvidence(
      files((ev) => {
        const m = ev.metrics as { metrics: Record<string, unknown>[] }
        delete m.metrics[0]!.comparator
        ;(ev.pack as Record<string, unknown>).nmae = 'typo'
      })
    )
    expect(r.findings.map((f) => [f.code, f.severity, f.pointer])).toEqual([
      ['schema-unknown-field', 'warning', '/nmae'],
      ['schema-invalid', 'error', '/metrics/0/comparator']
    ])
  })

  it('reports bad JSON and duplicate keys with line:column, and missing documents', () => {
    const m = files()
    m.set(EVIDENCE_PATHS.risks, enc('{\n "schema": "vouch.risks/v1",\n "schema": "x", "risks": []}'))
    m.set(EVIDENCE_PATHS.guardrails, enc('{"schema": "vouch.guardrails/v1", "guardrails": [NaN]}'))
    m.delete(EVIDENCE_PATHS.failures)
    const r = parseEvidence(m)
    expect(r.findings.map((f) => [f.code, f.path, f.actual])).toEqual([
      ['evidence-missing', 'data/evaluation/failures.json', undefined],
      ['json-duplicate-key', 'data/risk/risks.json', 'line 3, column 2'],
      ['json-invalid', 'data/policy/guardrails.json', 'line 1, column 50']
    ])
  })

  it('keeps exact literals on metrics', () => {
    const m = files()
    const text = new TextDecoder().decode(m.get(EVIDENCE_PATHS.metrics)).replace('"value": 0.842', '"value": 0.84200').replace('"threshold": 0.8,', '"threshold": 8E-1,')
    const r = parseEvidenceDoc('metrics', enc(text))
    const doc = r.doc as { metrics: { valueLiteral: string; thresholdLiteral?: string; value: number }[] }
    expect(doc.metrics[0]).toMatchObject({ valueLiteral: '0.84200', thresholdLiteral: '8E-1', value: 0.842 })
  })

  it('leaves deferred traceability fields to the traceability checks', () => {
    const r = parseEvidence(files((ev) => {
      const t = ev.traceability as Record<string, unknown>
      t.commit = 'abc123'
      delete t.runId
    }))
    expect(r.findings).toEqual([])
    expect(r.evidence.traceability).toBeUndefined()
  })

  it('checks RFC 3339 strictly', () => {
    expect(isRfc3339('2026-11-20T04:12:00Z')).toBe(true)
    expect(isRfc3339('2026-11-20T04:12:00.123+05:30')).toBe(true)
    expect(isRfc3339('2026-02-29T00:00:00Z')).toBe(false)
    expect(isRfc3339('2026-11-20 04:12:00Z')).toBe(false)
    expect(isRfc3339('2026-11-20T04:12:00')).toBe(false)
    expect(isRfc3339('2026-13-01T00:00:00Z')).toBe(false)
  })
})

describe('references', () => {
  it('reports duplicate ids and every unresolved reference with its pointer', () => {
    const r = parseEvidence(
      files((ev) => {
        const m = ev.metrics as { metrics: Record<string, unknown>[] }
        m.metrics[1]!.id = 'auc'
        m.metrics[0]!.dataset = 'undeclared'
        ;(ev.failures as { failures: Record<string, unknown>[] }).failures[0]!.slice = 'nope'
        ;(ev.monitoring as { signals: Record<string, unknown>[] }).signals[0]!.metric = 'gini'
        ;(ev.slices as { slices: { metrics: Record<string, number> }[] }).slices[1]!.metrics.brier = 0.1
        ;(ev.pack as { model: Record<string, unknown> }).model.files = ['data/model/model.onnx']
      })
    )
    expect(r.findings).toEqual([])
    const refs = checkReferences(r.evidence, new Set(['data/pack.json']))
    expect(refs.map((f) => [f.code, f.path, f.pointer])).toEqual([
      ['duplicate-id', 'data/evaluation/metrics.json', '/metrics/1/id'],
      ['reference-unresolved', 'data/evaluation/metrics.json', '/metrics/0/dataset'],
      ['reference-unresolved', 'data/evaluation/slices.json', '/slices/0/metrics/ece'],
      ['reference-unresolved', 'data/evaluation/slices.json', '/slices/1/metrics/brier'],
      ['reference-unresolved', 'data/monitoring/plan.json', '/signals/0/metric'],
      ['reference-unresolved', 'data/evaluation/failures.json', '/failures/0/slice'],
      ['reference-unresolved', 'data/pack.json', '/model/files/0']
    ])
  })

  it('flags a metric below its threshold as info, exactly', () => {
    const at = (value: string, threshold: string): string[] => {
      const m = files()
      const text = new TextDecoder()
        .decode(m.get(EVIDENCE_PATHS.metrics))
        .replace('"value": 0.842', `"value": ${value}`)
        .replace('"threshold": 0.8,', `"threshold": ${threshold},`)
      m.set(EVIDENCE_PATHS.metrics, enc(text))
      return checkReferences(parseEvidence(m).evidence).map((f) => `${f.code}:${f.severity}`)
    }
    expect(at('0.8', '0.80')).toEqual([])
    expect(at('0.79999999999999999', '0.8')).toEqual(['threshold-not-met:info'])
    expect(at('0.30000000000000004', '0.3')).toEqual([])
    expect(at('0.3', '0.30000000000000004')).toEqual(['threshold-not-met:info'])
  })
})

describe('published JSON Schema files', () => {
  it('match the definitions in schemas.ts', () => {
    const dir = join(__dirname, '../../../resources/schemas')
    const rendered = renderSchemaFiles()
    if (process.env.UPDATE_SCHEMAS === '1') {
      mkdirSync(dir, { recursive: true })
      for (const [name, text] of rendered) writeFileSync(join(dir, name), text)
    }
    for (const [name, text] of rendered) {
      expect(readFileSync(join(dir, name), 'utf8'), `${name} is stale: run UPDATE_SCHEMAS=1 npx vitest run src/core/format/schemas.test.ts`).toBe(text)
    }
    expect(rendered.size).toBe(9)
  })
})
