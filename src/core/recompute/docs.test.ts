import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parsePredictionsDoc, PREDICTIONS_SCHEMA } from '../format/predictions'
import type { Schema } from '../format/schema-dsl'
import { RECOMPUTE_CODES } from './codes'
import { METRICS } from './metrics/registry'

const docs = join(__dirname, '..', '..', '..', 'docs')
const recompute = readFileSync(join(docs, 'recompute.md'), 'utf8')
const format = readFileSync(join(docs, 'pack-format.md'), 'utf8')
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)

function fields(s: Schema, prefix: string, out: string[]): string[] {
  if (s.type === 'array') return fields(s.items, `${prefix}[]`, out)
  if (s.type === 'object') {
    for (const [k, v] of Object.entries(s.properties)) {
      const name = prefix ? `${prefix}.${k}` : k
      out.push(name)
      fields(v, name, out)
    }
  }
  return out
}

describe('docs for recomputation', () => {
  it('docs/recompute.md lists every finding code with its severity and description', () => {
    for (const c of RECOMPUTE_CODES) expect(recompute, c.code).toContain(`| \`${c.code}\` | ${c.severity} | ${c.description}`)
  })

  it('docs/recompute.md defines every registry metric', () => {
    const missing = [...METRICS.keys()].filter((id) => !new RegExp(`^\\| \`${id}\` \\|`, 'm').test(recompute))
    expect(missing).toEqual([])
  })

  it('docs/pack-format.md documents every field of predictions.json and its example validates', () => {
    expect(fields(PREDICTIONS_SCHEMA, '', []).filter((f) => !format.includes(`| \`${f}\` |`))).toEqual([])
    const m = /### `data\/evaluation\/predictions.json`[\s\S]*?Example:\n\n```json\n([\s\S]*?)```/.exec(format)
    const r = parsePredictionsDoc(enc(m?.[1] ?? ''))
    expect(r.findings).toEqual([])
    expect(r.doc?.files[0]?.columns.score).toBe('pd')
  })
})

describe('predictions descriptor', () => {
  const doc = (file: Record<string, unknown>): string => JSON.stringify({ schema: 'vouch.predictions/v1', files: [{ path: 'data/p.csv', format: 'csv', dataset: 'd', split: 's', columns: { label: 'y', score: 'p' }, ...file }] })
  it('needs the positive class for a binary task, a predicted column for multiclass, a score or predicted column otherwise', () => {
    const bad = (file: Record<string, unknown>): string[] => parsePredictionsDoc(enc(doc(file))).findings.map((f) => `${f.code} ${f.pointer ?? ''}`)
    expect(bad({ positive: '1' })).toEqual([])
    expect(bad({})).toEqual(['schema-invalid /files/0/positive'])
    expect(bad({ task: 'multiclass' })).toEqual(['schema-invalid /files/0/columns/predicted'])
    expect(bad({ task: 'regression', columns: { label: 'y' } })).toEqual(['schema-invalid /files/0/columns/score'])
    expect(bad({ positive: '1', format: 'parquet', extra: 1 })).toEqual(['schema-invalid /files/0/format', 'schema-unknown-field /files/0/extra'])
    expect(parsePredictionsDoc(enc('{"schema": "vouch.predictions/v1", "files": [], "files": []}')).findings.map((f) => f.code)).toEqual(['json-duplicate-key'])
  })
})
