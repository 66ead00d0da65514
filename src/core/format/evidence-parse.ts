/**
 * Evidence bytes -> typed, validated evidence documents plus findings.
 * A document that is missing, not strict JSON or schema-invalid is left undefined in Evidence
 * (consumers never see half-valid data); the findings say why, with line:column or a JSON pointer.
 */
import type { Finding } from '../findings'
import { formatFinding } from './codes'
import { EVIDENCE_PATHS, type Evidence, type Metric } from './evidence'
import { JsonParseError, member, parseStrictJsonBytes, toPlain, type JsonNode } from './json-strict'
import { validate } from './schema-dsl'
import { SCHEMAS, TRACEABILITY_DEFERRED, TRACEABILITY_DEFERRED_BOUNDS, type DocKey } from './schemas'

export const DOC_KEYS = Object.keys(EVIDENCE_PATHS) as readonly DocKey[]

/** Evidence JSON above this size is refused rather than parsed (memory stays bounded). */
export const MAX_EVIDENCE_BYTES = 16 * 1024 * 1024

export interface ParsedDoc {
  /** The syntax tree, when the bytes were strict JSON (even if schema-invalid). */
  readonly node?: JsonNode
  /** The typed document, when it is also schema-valid. */
  readonly doc?: unknown
  readonly findings: readonly Finding[]
}

export interface ParsedEvidence {
  readonly evidence: Evidence
  readonly nodes: Readonly<Partial<Record<DocKey, JsonNode>>>
  readonly findings: readonly Finding[]
}

export function parseEvidenceDoc(key: DocKey, bytes: Uint8Array): ParsedDoc {
  const path = EVIDENCE_PATHS[key]
  let node: JsonNode
  try {
    node = parseStrictJsonBytes(bytes)
  } catch (e) {
    if (!(e instanceof JsonParseError)) throw e
    const code = e.kind === 'duplicate-key' ? 'json-duplicate-key' : 'json-invalid'
    return { findings: [formatFinding(code, `${path}:${e.line}:${e.column}: ${e.detail}`, { path, actual: `line ${e.line}, column ${e.column}` })] }
  }
  const def = SCHEMAS[key]
  const issues = validate(node, def.schema, key === 'traceability' ? { deferred: TRACEABILITY_DEFERRED, deferredBounds: TRACEABILITY_DEFERRED_BOUNDS } : {})
  const findings = issues.map((i) =>
    formatFinding(i.kind === 'invalid' ? 'schema-invalid' : 'schema-unknown-field', `${path}: ${i.message}`, {
      path,
      pointer: i.pointer,
      expected: i.expected,
      actual: i.actual
    })
  )
  if (issues.some((i) => i.kind === 'invalid')) return { node, findings }
  if (key === 'traceability' && [...TRACEABILITY_DEFERRED].some((p) => member(node, p.slice(1))?.kind !== 'string')) return { node, findings }
  return { node, doc: typed(key, node), findings }
}

function typed(key: DocKey, node: JsonNode): unknown {
  const plain = toPlain(node) as Record<string, unknown>
  if (key !== 'metrics') return plain
  // Attach the exact literals (thresholds are compared on them, never on doubles).
  const arr = member(node, 'metrics')
  const metrics = (plain.metrics as Record<string, unknown>[]).map((m, i) => {
    const mn = arr?.kind === 'array' ? arr.items[i] : undefined
    const v = member(mn, 'value')
    const t = member(mn, 'threshold')
    return {
      ...m,
      valueLiteral: v?.kind === 'number' ? v.literal : String(m.value),
      ...(t?.kind === 'number' ? { thresholdLiteral: t.literal } : {})
    } as Metric
  })
  return { ...plain, metrics }
}

/**
 * Parses every evidence document. `contents` maps pack path -> bytes for the documents that were
 * read; `sizes` gives the size of those present but not read (too large).
 */
export function parseEvidence(contents: ReadonlyMap<string, Uint8Array>, present: ReadonlySet<string> = new Set(contents.keys())): ParsedEvidence {
  const evidence: Record<string, unknown> = {}
  const nodes: Partial<Record<DocKey, JsonNode>> = {}
  const findings: Finding[] = []
  for (const key of DOC_KEYS) {
    const path = EVIDENCE_PATHS[key]
    const bytes = contents.get(path)
    if (!bytes) {
      findings.push(
        present.has(path)
          ? formatFinding('evidence-too-large', `${path} is larger than ${MAX_EVIDENCE_BYTES} bytes and was not parsed`, { path, expected: `<= ${MAX_EVIDENCE_BYTES} bytes` })
          : formatFinding('evidence-missing', `${path} is missing: every Assurance Pack carries it`, { path })
      )
      continue
    }
    const r = parseEvidenceDoc(key, bytes)
    findings.push(...r.findings)
    if (r.node) nodes[key] = r.node
    if (r.doc !== undefined) evidence[key] = r.doc
  }
  return { evidence: evidence as Evidence, nodes, findings }
}
