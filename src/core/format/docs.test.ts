import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTAINER_CODES, PACK_READ_ERROR_CODES } from '../io/codes'
import { FORMAT_CODES } from './codes'
import { EVIDENCE_PATHS } from './evidence'
import { parseEvidenceDoc } from './evidence-parse'
import type { Schema } from './schema-dsl'
import { SCHEMAS, type DocKey } from './schemas'

const doc = readFileSync(join(__dirname, '../../../docs/pack-format.md'), 'utf8')

function fieldNames(s: Schema, prefix: string, out: string[]): string[] {
  if (s.type === 'array') return fieldNames(s.items, `${prefix}[]`, out)
  if (s.type === 'object') {
    for (const [k, v] of Object.entries(s.properties)) {
      const name = prefix ? `${prefix}.${k}` : k
      out.push(name)
      fieldNames(v, name, out)
    }
  }
  return out
}

describe('docs/pack-format.md', () => {
  it('documents every finding code and read-error code', () => {
    const all = [...FORMAT_CODES.map((c) => c.code), ...CONTAINER_CODES.map((c) => c.code), ...Object.keys(PACK_READ_ERROR_CODES)]
    expect(all.filter((c) => !doc.includes(`\`${c}\``))).toEqual([])
  })

  it('documents every field of every evidence document', () => {
    const missing: string[] = []
    for (const [key, def] of Object.entries(SCHEMAS)) {
      for (const f of fieldNames(def.schema, '', [])) if (!doc.includes(`| \`${f}\` |`)) missing.push(`${key}: ${f}`)
    }
    expect(missing).toEqual([])
  })

  it('gives a complete example of every evidence document that validates', () => {
    for (const [key, path] of Object.entries(EVIDENCE_PATHS)) {
      const m = new RegExp(`### \`${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}\`[\\s\\S]*?Example:\\n\\n\`\`\`json\\n([\\s\\S]*?)\`\`\``).exec(doc)
      expect(m, `no example for ${path}`).not.toBeNull()
      const r = parseEvidenceDoc(key as DocKey, new TextEncoder().encode(m?.[1] ?? ''))
      expect(r.findings, path).toEqual([])
      expect(r.doc).toBeDefined()
    }
  })

  it('keeps the Sign-offs section heading for the sign-off envelope spec', () => {
    expect(doc).toMatch(/^## Sign-offs$/m)
  })
})
