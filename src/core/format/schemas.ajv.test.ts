/**
 * The published JSON Schemas (resources/schemas) against the verifier, over one corpus of evidence
 * documents: ajv (an independent JSON Schema 2020-12 validator) must accept exactly the documents
 * the verifier accepts at the schema level. The corpus is every template document with every field
 * deleted or replaced by each value of a pool of awkward values (wrong types, empty, blank, padded,
 * control and bidi characters, too long, calendar edge cases), plus random multi-field mutations.
 *
 * Schema level means: findings about one document alone. Left out, because JSON Schema cannot say
 * them: duplicate ids and references across documents (duplicate-id, reference-unresolved), and the
 * order of two fields (traceability-inconsistent: finished before started).
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import { exampleEvidence } from '../build/examples'
import { rng } from '../diff/test-builders'
import { checkTraceability } from '../verify/traceability'
import { EVIDENCE_PATHS } from './evidence'
import { parseEvidenceDoc } from './evidence-parse'
import { SCHEMAS, schemaFileName, type DocKey } from './schemas'

const SCHEMA_DIR = join(__dirname, '../../../resources/schemas')
const ajv = new Ajv2020({ strict: true, allErrors: true, validateFormats: false })
const validators = new Map((Object.keys(SCHEMAS) as DocKey[]).map((k) => [k, ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, schemaFileName(k)), 'utf8')) as object)]))

const NOT_SCHEMA_LEVEL = new Set(['traceability-inconsistent'])

/** The verifier's verdict on one document alone: the error codes it reports. */
function verifierErrors(key: DocKey, text: string): string[] {
  const r = parseEvidenceDoc(key, new TextEncoder().encode(text))
  const findings = [...r.findings]
  if (key === 'traceability') {
    findings.push(...checkTraceability({ node: r.node, present: true, bagInfo: undefined, pack: undefined, undeclaredDatasets: 0, prior: r.findings }).findings)
  }
  return findings.filter((f) => f.severity === 'error' && !NOT_SCHEMA_LEVEL.has(f.code)).map((f) => `${f.code} ${f.pointer ?? ''}`)
}

function ajvErrors(key: DocKey, text: string): string[] {
  const v = validators.get(key)
  if (!v) throw new Error(`no schema for ${key}`)
  return v(JSON.parse(text)) ? [] : (v.errors ?? []).map((e) => `${e.keyword} ${e.instancePath}`)
}

const POOL: readonly unknown[] = [
  null, true, false, 0, -1, 1, 1.5, 0.5, 1e3, 2 ** 53, '', ' ', '\t', 'x', 'x ', ' x', 'a b', 'a  b', 'a\u00a0', '\u3000a', '\ufeffa',
  'evil\u202egnp', 'a\u0000b', 'a\u001b]0;t\u0007', 'a\u0085b', 'a\u2028b', 'a\nb', 'a\u200db', 'a\u200bb', 'a\u00adb', 'a\u2060b', 'a\u{e0041}b', '1.0.0', '1.0.0-rc.1+b.7', 'v 1',
  'x'.repeat(100), 'x'.repeat(101), '😀'.repeat(40), '😀'.repeat(41), '信'.repeat(100),
  '2026-11-20T04:12:00Z', '2024-02-29T00:00:00Z', '2026-02-29T00:00:00Z', '2000-02-29T00:00:00+01:00', '1900-02-29T00:00:00Z',
  '2026-11-20 04:12:00Z', '2026-11-20T24:00:00Z', '2026-12-31T23:59:60Z', '2026-11-20T04:12:00+0530', '2026-11-20',
  'sha256:' + 'ab'.repeat(32), 'sha256:' + 'AB'.repeat(32), 'ab'.repeat(32), '4b825dc642cb6eb9a060e54bf8d69288fbee4904', '4b825dc',
  'data/model/weights.onnx', 'data/', 'MET-1', '-bad-id', 'open', 'high', 'higher', '>=', 'tabular',
  [], ['x'], [1], [''], {}, { a: 'b' }, { a: 1 }, { a: '' }
]

type Json = null | boolean | number | string | Json[] | { [k: string]: Json }

/** Every pointer (as a key path) of a JSON value. */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at]
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])))
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]))
  return out
}

function mutate(doc: Json, path: readonly (string | number)[], value: unknown | typeof DELETE): Json {
  const copy = structuredClone(doc)
  if (path.length === 0) return value === DELETE ? copy : (structuredClone(value) as Json)
  let parent: Json = copy
  for (const k of path.slice(0, -1)) parent = (parent as Record<string | number, Json>)[k] as Json
  const last = path[path.length - 1] as string | number
  if (value === DELETE) {
    if (Array.isArray(parent)) parent.splice(last as number, 1)
    else delete (parent as Record<string, Json>)[last]
  } else (parent as Record<string | number, Json>)[last] = structuredClone(value) as Json
  return copy
}
const DELETE = Symbol('delete')

function corpus(): { key: DocKey; text: string; label: string }[] {
  const out: { key: DocKey; text: string; label: string }[] = []
  for (const t of ['tabular', 'vision', 'nlp'] as const) {
    const ev = exampleEvidence(t) as unknown as Record<DocKey, Json>
    for (const key of Object.keys(EVIDENCE_PATHS) as DocKey[]) {
      const doc = ev[key]
      out.push({ key, text: JSON.stringify(doc), label: `${t} ${key} as is` })
      if (t !== 'tabular') continue
      for (const p of paths(doc)) {
        const at = `/${p.join('/')}`
        out.push({ key, text: JSON.stringify(mutate(doc, p, DELETE)), label: `${key} delete ${at}` })
        for (const v of POOL) out.push({ key, text: JSON.stringify(mutate(doc, p, v)), label: `${key} ${at} = ${JSON.stringify(v)}` })
      }
      const next = rng(0x5eed + key.length)
      const all = paths(doc)
      for (let i = 0; i < 300; i++) {
        let d = doc
        const labels: string[] = []
        for (let j = 0; j < 1 + Math.floor(next() * 3); j++) {
          const p = all[Math.floor(next() * all.length)] as (string | number)[]
          const v = next() < 0.1 ? DELETE : POOL[Math.floor(next() * POOL.length)]
          try {
            d = mutate(d, p, v)
          } catch {
            continue // the path no longer exists after an earlier mutation
          }
          labels.push(`/${p.join('/')}=${v === DELETE ? 'deleted' : JSON.stringify(v)}`)
        }
        out.push({ key, text: JSON.stringify(d), label: `${key} random ${labels.join(', ')}` })
      }
    }
  }
  return out
}

describe('published JSON Schemas and the verifier', () => {
  it('accept and reject the same documents, for every schema-level rule', () => {
    const docs = corpus()
    const disagree: string[] = []
    let rejected = 0
    for (const d of docs) {
      const v = verifierErrors(d.key, d.text)
      const a = ajvErrors(d.key, d.text)
      if (v.length > 0) rejected++
      if ((v.length === 0) !== (a.length === 0)) disagree.push(`${d.label}: verifier [${v.join(', ')}] ajv [${a.join(', ')}]`)
    }
    expect(disagree.slice(0, 20)).toEqual([])
    // The corpus exercises both verdicts in earnest.
    expect(docs.length).toBeGreaterThan(5000)
    expect(rejected).toBeGreaterThan(docs.length / 3)
    expect(docs.length - rejected).toBeGreaterThan(500)
  })
})
