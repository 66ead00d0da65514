/**
 * Traceability completeness and consistency: can a reviewer trace this evidence back to the exact
 * code, data and run that produced it? One status per field, with why it matters.
 */
import type { Finding } from '../findings'
import { bagInfoValue, type BagInfo } from '../format/bagit'
import { formatFinding } from '../format/codes'
import { EVIDENCE_PATHS, type PackDoc } from '../format/evidence'
import { member, type JsonNode } from '../format/json-strict'
import { isRfc3339 } from '../format/schema-dsl'
import { COMMIT_PATTERN, LINE_PATTERN, SHA256_DIGEST_PATTERN } from '../format/schemas'
import type { TraceabilityCheck, TraceabilityField } from './report'

export const WHY: Readonly<Record<TraceabilityField, string>> = {
  commit: 'Without the full commit hash nobody can rebuild or audit the exact code that produced this evidence.',
  repository: 'The commit only means something together with the repository it lives in.',
  dataVersion: 'Metrics are only comparable across releases when the data version they were measured on is known.',
  dataDigest: 'A digest pins the exact data snapshot; a version label alone can be reused for different data.',
  runId: 'The run ID links the pack to the pipeline logs and artefacts of the run that produced it.',
  pipeline: 'Names the process that produced the evidence, so a reviewer can check how it was made.',
  started: 'Start time dates the evidence (EU AI Act Annex IV asks for dated test reports).',
  finished: 'End time dates the evidence and orders releases; it must not precede the start.',
  environment: 'Library and platform versions explain differences between runs and let a validator reproduce them.',
  datasets: 'Every metric must name a declared dataset, or a reader cannot tell what it was measured on.'
}

const FIELDS = Object.keys(WHY) as TraceabilityField[]
const LINE_RE = new RegExp(LINE_PATTERN, 'u')
const LINE_EXPECTED = 'one line without control or bidi characters, without leading or trailing spaces (it is copied to bag-info.txt)'
const T = EVIDENCE_PATHS.traceability

interface Input {
  /** Syntax tree of traceability.json (undefined: missing or not JSON). */
  readonly node: JsonNode | undefined
  /** True when traceability.json exists in the pack. */
  readonly present: boolean
  readonly bagInfo: BagInfo | undefined
  readonly pack: PackDoc | undefined
  /** Datasets referenced by metrics that are not declared (found by checkReferences). */
  readonly undeclaredDatasets: number
  /** Findings already emitted (schema): a field with one there gets no second finding. */
  readonly prior: readonly Finding[]
}

export function checkTraceability(inp: Input): { checks: TraceabilityCheck[]; findings: Finding[] } {
  const findings: Finding[] = []
  if (!inp.node) {
    const status = inp.present ? 'invalid' : 'missing'
    return { checks: FIELDS.map((field) => ({ field, status, why: WHY[field] })), findings }
  }
  const node = inp.node
  const already = new Set(inp.prior.filter((f) => f.path === T && f.pointer).map((f) => f.pointer))
  const statuses = new Map<TraceabilityField, TraceabilityCheck>()
  const set = (field: TraceabilityField, status: TraceabilityCheck['status'], value?: string, finding?: Finding): void => {
    if (!statuses.has(field) || statuses.get(field)?.status === 'ok') statuses.set(field, { field, status, why: WHY[field], ...(value !== undefined ? { value } : {}) })
    if (finding && !already.has(`/${field}`)) findings.push(finding)
  }
  const str = (field: TraceabilityField): string | undefined => {
    const n = member(node, field)
    if (n === undefined || (n.kind === 'string' && n.value.trim() === '')) {
      set(field, 'missing', undefined, formatFinding('traceability-missing', `${T}: ${field} is missing or empty. ${WHY[field]}`, { path: T, pointer: `/${field}` }))
      return undefined
    }
    if (n.kind !== 'string') {
      set(field, 'invalid', undefined, formatFinding('traceability-invalid', `${T}: ${field} must be a string`, { path: T, pointer: `/${field}`, expected: 'string', actual: n.kind }))
      return undefined
    }
    return n.value
  }
  const invalid = (field: TraceabilityField, value: string, expected: string): void => {
    set(field, 'invalid', value, formatFinding('traceability-invalid', `${T}: ${field} ${JSON.stringify(value)} is not ${expected}. ${WHY[field]}`, { path: T, pointer: `/${field}`, expected, actual: value }))
  }
  const inconsistent = (field: TraceabilityField, value: string, message: string, expected: string): void => {
    set(field, 'inconsistent', value, formatFinding('traceability-inconsistent', message, { path: T, pointer: `/${field}`, expected, actual: value }))
  }
  const bag = (label: string): string | undefined => (inp.bagInfo ? bagInfoValue(inp.bagInfo, label) : undefined)
  const agree = (field: TraceabilityField, value: string, label: string, caseInsensitive = false): void => {
    const b = bag(label)
    if (b === undefined) return
    const same = caseInsensitive ? b.toLowerCase() === value.toLowerCase() : b === value
    if (!same) inconsistent(field, value, `bag-info.txt ${label} ${JSON.stringify(b)} differs from ${T} ${field} ${JSON.stringify(value)}`, b)
  }

  const commit = str('commit')
  if (commit !== undefined) {
    if (!new RegExp(COMMIT_PATTERN).test(commit)) invalid('commit', commit, 'a full 40- or 64-hex commit hash (abbreviated hashes are ambiguous)')
    else agree('commit', commit, 'Source-Commit', true)
  }
  str('repository')
  const dv = str('dataVersion')
  if (dv !== undefined && !LINE_RE.test(dv)) invalid('dataVersion', dv, LINE_EXPECTED)
  else if (dv !== undefined) agree('dataVersion', dv, 'Data-Version')
  const dd = str('dataDigest')
  if (dd !== undefined && !new RegExp(SHA256_DIGEST_PATTERN).test(dd)) invalid('dataDigest', dd, '"sha256:" followed by 64 lowercase hex digits')
  const run = str('runId')
  if (run !== undefined && !LINE_RE.test(run)) invalid('runId', run, LINE_EXPECTED)
  else if (run !== undefined) agree('runId', run, 'Run-ID')
  str('pipeline')
  const started = str('started')
  if (started !== undefined && !isRfc3339(started)) invalid('started', started, 'an RFC 3339 date-time (e.g. 2026-11-20T04:12:00Z)')
  const finished = str('finished')
  if (finished !== undefined && !isRfc3339(finished)) invalid('finished', finished, 'an RFC 3339 date-time (e.g. 2026-11-20T05:47:31Z)')
  if (started !== undefined && finished !== undefined && isRfc3339(started) && isRfc3339(finished) && Date.parse(started) > Date.parse(finished)) {
    inconsistent('finished', finished, `${T}: finished ${finished} is before started ${started}`, `>= ${started}`)
  }

  const env = member(node, 'environment')
  if (env === undefined || (env.kind === 'object' && env.entries.length === 0)) {
    set('environment', 'missing', undefined, formatFinding('traceability-missing', `${T}: environment is missing or empty. ${WHY.environment}`, { path: T, pointer: '/environment' }))
  } else if (env.kind !== 'object') set('environment', 'invalid')
  else set('environment', 'ok', env.entries.map(([k, v]) => `${k} ${v.kind === 'string' ? v.value : ''}`.trim()).join(', '))

  const ds = member(node, 'datasets')
  if (ds === undefined || (ds.kind === 'array' && ds.items.length === 0)) {
    set('datasets', 'missing', undefined, formatFinding('traceability-missing', `${T}: datasets is missing or empty. ${WHY.datasets}`, { path: T, pointer: '/datasets' }))
  } else if (ds.kind !== 'array') set('datasets', 'invalid')
  else if (inp.undeclaredDatasets > 0) set('datasets', 'inconsistent', `${ds.items.length} declared; ${inp.undeclaredDatasets} metric(s) name an undeclared dataset`)
  else set('datasets', 'ok', ds.items.map((d) => { const id = member(d, 'id'); return id?.kind === 'string' ? id.value : '?' }).join(', '))

  const values: Partial<Record<TraceabilityField, string | undefined>> = { commit, repository: undefined, dataVersion: dv, dataDigest: dd, runId: run, started, finished }
  for (const f of FIELDS) {
    if (!statuses.has(f)) {
      const n = member(node, f)
      statuses.set(f, { field: f, status: 'ok', why: WHY[f], ...(n?.kind === 'string' ? { value: n.value } : values[f] !== undefined ? { value: values[f] } : {}) })
    }
  }

  // pack.json <-> bag-info (not traceability fields, but the same question: do the files agree?)
  if (inp.pack) {
    const pairs: [string, string | undefined][] = [
      ['Pack-Name', inp.pack.name],
      ['Pack-Version', inp.pack.version],
      ['Previous-Version', inp.pack.previousVersion]
    ]
    for (const [label, want] of pairs) {
      const b = bag(label)
      if (inp.bagInfo === undefined) continue
      if (want === undefined && b === undefined) continue
      // A missing required label is already a bag-info-label-missing finding.
      if (b === undefined && label !== 'Previous-Version') continue
      if (b !== want) {
        findings.push(formatFinding('traceability-inconsistent', `bag-info.txt ${label} ${b === undefined ? 'is absent' : JSON.stringify(b)} but ${EVIDENCE_PATHS.pack} says ${want === undefined ? 'nothing' : JSON.stringify(want)}`, { path: 'bag-info.txt', expected: want ?? '(absent)', actual: b ?? '(absent)' }))
      }
    }
  }
  return { checks: FIELDS.map((f) => statuses.get(f) as TraceabilityCheck), findings }
}
