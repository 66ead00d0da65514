/**
 * A small schema language: one definition per evidence document drives both the validator
 * (findings with the JSON pointer of the bad field) and the JSON Schema files published in
 * resources/schemas (so the two cannot drift; a test compares them).
 * Deliberately tiny: the evidence model needs types, required fields, enums, patterns, bounds,
 * maps, dependent fields and one union. Unknown fields are a warning, not an error, so newer
 * producers stay readable by older verifiers.
 */
import type { JsonNode } from './json-strict'

interface Base {
  readonly description?: string
}
export interface StringSchema extends Base {
  readonly type: 'string'
  readonly minLength?: number
  /** In Unicode code points, as JSON Schema counts (not UTF-16 units). */
  readonly maxLength?: number
  /** ECMAScript-compatible regular expression, anchored by the author (^...$). */
  readonly pattern?: string
  /** What the pattern means, for messages (e.g. "a full 40- or 64-hex commit"). */
  readonly patternHint?: string
  readonly enum?: readonly string[]
  readonly format?: 'date-time'
}
export interface NumberSchema extends Base {
  readonly type: 'number' | 'integer'
  readonly minimum?: number
  readonly maximum?: number
  readonly exclusiveMinimum?: number
  readonly exclusiveMaximum?: number
}
export interface BooleanSchema extends Base {
  readonly type: 'boolean'
}
export interface ConstSchema extends Base {
  readonly type: 'const'
  readonly value: string
}
export interface ArraySchema extends Base {
  readonly type: 'array'
  readonly items: Schema
  readonly minItems?: number
}
export interface ObjectSchema extends Base {
  readonly type: 'object'
  readonly properties: Readonly<Record<string, Schema>>
  readonly required: readonly string[]
  /** When set, the object is a map: every member not in `properties` must match this. */
  readonly additional?: Schema
  readonly minProperties?: number
  /** If the key is present, these must be present too. */
  readonly dependentRequired?: Readonly<Record<string, readonly string[]>>
}
export interface AnyOfSchema extends Base {
  readonly type: 'anyOf'
  readonly of: readonly Schema[]
}
export type Schema = StringSchema | NumberSchema | BooleanSchema | ConstSchema | ArraySchema | ObjectSchema | AnyOfSchema

export interface SchemaIssue {
  readonly kind: 'invalid' | 'unknown-field'
  /** RFC 6901 JSON pointer ("" is the document root). */
  readonly pointer: string
  readonly expected: string
  readonly actual: string
  readonly message: string
}

export interface ValidateOptions {
  /** Pointers whose presence and string form are checked elsewhere (traceability); only their JSON type is checked here. */
  readonly deferred?: ReadonlySet<string>
  /** Objects whose minProperties is reported elsewhere (an empty traceability environment is traceability-missing). */
  readonly deferredBounds?: ReadonlySet<string>
}

export function pointerJoin(base: string, key: string | number): string {
  return `${base}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`
}

const patternCache = new Map<string, RegExp>()
function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern)
  if (!re) patternCache.set(pattern, (re = new RegExp(pattern, 'u')))
  return re
}

/**
 * RFC 3339 date-time (section 5.6) as one regular expression, calendar included: months 01-12, days
 * up to the month's length, 29 February only in leap years (divisible by 4, centuries by 400),
 * hours 00-23, minutes 00-59, seconds 00-60 (a leap second is not checked against the table),
 * offsets Z or +-hh:mm. A regular expression so that the published JSON Schemas carry it as
 * `pattern` and any validator decides exactly as Vouch does (`format` alone is an annotation
 * in JSON Schema 2020-12, and validators differ on it).
 */
const DATE_PART =
  '(?:\\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\\d|30)|02-(?:0[1-9]|1\\d|2[0-8]))' +
  '|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)'
const TIME_PART = '(?:[01]\\d|2[0-3]):[0-5]\\d:(?:[0-5]\\d|60)(?:\\.\\d+)?(?:[Zz]|[+-](?:[01]\\d|2[0-3]):[0-5]\\d)'
export const DATE_TIME_PATTERN = `^${DATE_PART}[Tt]${TIME_PART}$`
const DATE_TIME_RE = new RegExp(DATE_TIME_PATTERN, 'u')

/** RFC 3339 date-time (JSON Schema "date-time"), with calendar and range checks. */
export function isRfc3339(s: string): boolean {
  return DATE_TIME_RE.test(s)
}

/** Length in Unicode code points (JSON Schema's measure). */
function codePoints(s: string): number {
  let n = 0
  for (const _ of s) n++
  return n
}

function typeName(n: JsonNode): string {
  return n.kind === 'number' ? `number ${n.literal}` : n.kind === 'string' ? `string ${JSON.stringify(n.value.length > 40 ? n.value.slice(0, 40) + '…' : n.value)}` : n.kind
}

function expectedOf(s: Schema): string {
  switch (s.type) {
    case 'const':
      return JSON.stringify(s.value)
    case 'anyOf':
      return s.of.map(expectedOf).join(' or ')
    case 'string':
      return s.enum ? `one of ${s.enum.join(', ')}` : 'string'
    default:
      return s.type === 'integer' ? 'integer' : s.type
  }
}

export function validate(node: JsonNode, schema: Schema, opts: ValidateOptions = {}): SchemaIssue[] {
  const out: SchemaIssue[] = []
  walk(node, schema, '', out, { strings: opts.deferred ?? new Set(), bounds: opts.deferredBounds ?? new Set() })
  return out
}

function bad(out: SchemaIssue[], pointer: string, expected: string, actual: string, message: string): void {
  out.push({ kind: 'invalid', pointer, expected, actual, message })
}

interface Deferred {
  readonly strings: ReadonlySet<string>
  readonly bounds: ReadonlySet<string>
}

function walk(n: JsonNode, s: Schema, ptr: string, out: SchemaIssue[], deferred: Deferred): void {
  const where = ptr === '' ? 'document' : ptr
  switch (s.type) {
    case 'const':
      if (n.kind !== 'string' || n.value !== s.value) bad(out, ptr, JSON.stringify(s.value), typeName(n), `${where}: must be ${JSON.stringify(s.value)}`)
      return
    case 'boolean':
      if (n.kind !== 'boolean') bad(out, ptr, 'boolean', typeName(n), `${where}: expected true or false, got ${typeName(n)}`)
      return
    case 'number':
    case 'integer': {
      if (n.kind !== 'number') return bad(out, ptr, s.type, typeName(n), `${where}: expected a number, got ${typeName(n)}`)
      const v = n.value
      if (s.type === 'integer' && !Number.isInteger(v)) return bad(out, ptr, 'integer', n.literal, `${where}: expected an integer, got ${n.literal}`)
      if (s.minimum !== undefined && v < s.minimum) bad(out, ptr, `>= ${s.minimum}`, n.literal, `${where}: ${n.literal} is below the minimum ${s.minimum}`)
      if (s.maximum !== undefined && v > s.maximum) bad(out, ptr, `<= ${s.maximum}`, n.literal, `${where}: ${n.literal} is above the maximum ${s.maximum}`)
      if (s.exclusiveMinimum !== undefined && v <= s.exclusiveMinimum) bad(out, ptr, `> ${s.exclusiveMinimum}`, n.literal, `${where}: ${n.literal} must be greater than ${s.exclusiveMinimum}`)
      if (s.exclusiveMaximum !== undefined && v >= s.exclusiveMaximum) bad(out, ptr, `< ${s.exclusiveMaximum}`, n.literal, `${where}: ${n.literal} must be less than ${s.exclusiveMaximum}`)
      return
    }
    case 'string': {
      if (n.kind !== 'string') return bad(out, ptr, expectedOf(s), typeName(n), `${where}: expected ${expectedOf(s)}, got ${typeName(n)}`)
      if (deferred.strings.has(ptr)) return
      const v = n.value
      if (s.enum && !s.enum.includes(v)) return bad(out, ptr, `one of ${s.enum.join(', ')}`, JSON.stringify(v), `${where}: ${JSON.stringify(v)} is not one of ${s.enum.join(', ')}`)
      if (s.minLength !== undefined && codePoints(v) < s.minLength) bad(out, ptr, s.minLength === 1 ? 'a non-empty string' : `at least ${s.minLength} characters`, JSON.stringify(v), `${where}: must not be empty`)
      if (s.maxLength !== undefined && codePoints(v) > s.maxLength) {
        const n = codePoints(v)
        bad(out, ptr, `at most ${s.maxLength} characters`, `${n} characters`, `${where}: ${n} characters, more than the ${s.maxLength} allowed`)
      }
      if (s.pattern !== undefined && !compiled(s.pattern).test(v)) {
        bad(out, ptr, s.patternHint ?? `match ${s.pattern}`, JSON.stringify(v), `${where}: ${JSON.stringify(v)} is not ${s.patternHint ?? `matching ${s.pattern}`}`)
      }
      if (s.format === 'date-time' && !isRfc3339(v)) bad(out, ptr, 'RFC 3339 date-time', JSON.stringify(v), `${where}: ${JSON.stringify(v)} is not an RFC 3339 date-time (e.g. 2026-11-26T10:00:00Z)`)
      return
    }
    case 'array':
      if (n.kind !== 'array') return bad(out, ptr, 'array', typeName(n), `${where}: expected an array, got ${typeName(n)}`)
      if (s.minItems !== undefined && n.items.length < s.minItems) bad(out, ptr, `at least ${s.minItems} item(s)`, `${n.items.length}`, `${where}: needs at least ${s.minItems} item(s)`)
      n.items.forEach((it, i) => walk(it, s.items, pointerJoin(ptr, i), out, deferred))
      return
    case 'anyOf': {
      for (const alt of s.of) {
        const sub: SchemaIssue[] = []
        walk(n, alt, ptr, sub, deferred)
        if (!sub.some((x) => x.kind === 'invalid')) {
          out.push(...sub)
          return
        }
      }
      return bad(out, ptr, expectedOf(s), typeName(n), `${where}: expected ${expectedOf(s)}, got ${typeName(n)}`)
    }
    case 'object': {
      if (n.kind !== 'object') return bad(out, ptr, 'object', typeName(n), `${where}: expected an object, got ${typeName(n)}`)
      const present = new Set(n.entries.map(([k]) => k))
      if (s.minProperties !== undefined && !deferred.bounds.has(ptr) && present.size < s.minProperties) bad(out, ptr, `at least ${s.minProperties} member(s)`, `${present.size}`, `${where}: needs at least ${s.minProperties} member(s)`)
      for (const r of s.required) {
        const p = pointerJoin(ptr, r)
        if (!present.has(r) && !deferred.strings.has(p)) bad(out, p, `required field "${r}"`, 'absent', `${where}: required field "${r}" is missing`)
      }
      for (const [k, deps] of Object.entries(s.dependentRequired ?? {})) {
        if (!present.has(k)) continue
        for (const d of deps) if (!present.has(d)) bad(out, pointerJoin(ptr, d), `"${d}" (because "${k}" is present)`, 'absent', `${where}: "${d}" is required when "${k}" is present`)
      }
      for (const [k, v] of n.entries) {
        const p = pointerJoin(ptr, k)
        const sub = Object.prototype.hasOwnProperty.call(s.properties, k) ? s.properties[k] : s.additional
        if (sub) walk(v, sub, p, out, deferred)
        else out.push({ kind: 'unknown-field', pointer: p, expected: 'a field defined by the schema', actual: k, message: `${p}: unknown field "${k}" is ignored` })
      }
      return
    }
  }
}

/** The JSON Schema (draft 2020-12) text for a definition. */
export function toJsonSchema(id: string, title: string, s: Schema): Record<string, unknown> {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: id, title, ...emit(s) }
}

function emit(s: Schema): Record<string, unknown> {
  const d = s.description !== undefined ? { description: s.description } : {}
  switch (s.type) {
    case 'const':
      return { ...d, const: s.value }
    case 'boolean':
      return { ...d, type: 'boolean' }
    case 'number':
    case 'integer': {
      const o: Record<string, unknown> = { ...d, type: s.type }
      if (s.minimum !== undefined) o.minimum = s.minimum
      if (s.maximum !== undefined) o.maximum = s.maximum
      if (s.exclusiveMinimum !== undefined) o.exclusiveMinimum = s.exclusiveMinimum
      if (s.exclusiveMaximum !== undefined) o.exclusiveMaximum = s.exclusiveMaximum
      return o
    }
    case 'string': {
      const o: Record<string, unknown> = { ...d, type: 'string' }
      if (s.enum) o.enum = [...s.enum]
      if (s.minLength !== undefined) o.minLength = s.minLength
      if (s.maxLength !== undefined) o.maxLength = s.maxLength
      if (s.pattern !== undefined) o.pattern = s.pattern
      // `format` is only an annotation in 2020-12: the pattern is what every validator enforces.
      else if (s.format === 'date-time') o.pattern = DATE_TIME_PATTERN
      if (s.format !== undefined) o.format = s.format
      return o
    }
    case 'array': {
      const o: Record<string, unknown> = { ...d, type: 'array', items: emit(s.items) }
      if (s.minItems !== undefined) o.minItems = s.minItems
      return o
    }
    case 'anyOf':
      return { ...d, anyOf: s.of.map(emit) }
    case 'object': {
      const o: Record<string, unknown> = { ...d, type: 'object' }
      const props = Object.entries(s.properties)
      if (props.length > 0) o.properties = Object.fromEntries(props.map(([k, v]) => [k, emit(v)]))
      if (s.required.length > 0) o.required = [...s.required]
      if (s.minProperties !== undefined) o.minProperties = s.minProperties
      if (s.dependentRequired) o.dependentRequired = Object.fromEntries(Object.entries(s.dependentRequired).map(([k, v]) => [k, [...v]]))
      if (s.additional) o.additionalProperties = emit(s.additional)
      return o
    }
  }
}
