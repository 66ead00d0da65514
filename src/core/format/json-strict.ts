/**
 * Strict JSON for evidence files. JSON.parse is too lenient for evidence a bank relies on:
 * it keeps the last of two duplicate keys (a forged pack can hide a value behind another),
 * accepts lone surrogates, and loses each number's literal (thresholds are compared exactly,
 * see decimal.ts). This parser produces a small syntax tree that keeps literals and positions.
 * Refused: BOM, invalid UTF-8, duplicate keys, lone surrogates, NaN/Infinity (not JSON anyway),
 * numbers that overflow to Infinity, trailing garbage, nesting deeper than MAX_DEPTH.
 */

export type JsonNode = JsonNull | JsonBool | JsonString | JsonNumber | JsonArray | JsonObject

interface Pos {
  /** 1-based line and column (column in UTF-16 code units) of the value's first character. */
  readonly line: number
  readonly column: number
}
export interface JsonNull extends Pos {
  readonly kind: 'null'
}
export interface JsonBool extends Pos {
  readonly kind: 'boolean'
  readonly value: boolean
}
export interface JsonString extends Pos {
  readonly kind: 'string'
  readonly value: string
}
export interface JsonNumber extends Pos {
  readonly kind: 'number'
  readonly value: number
  /** The number exactly as written, e.g. "0.80" or "1e-3". */
  readonly literal: string
}
export interface JsonArray extends Pos {
  readonly kind: 'array'
  readonly items: readonly JsonNode[]
}
export interface JsonObject extends Pos {
  readonly kind: 'object'
  /** Members in file order; keys are unique (duplicates are a parse error). */
  readonly entries: readonly (readonly [string, JsonNode])[]
}

export type JsonErrorKind = 'syntax' | 'duplicate-key' | 'bom' | 'encoding' | 'surrogate' | 'number-range' | 'depth'

/** Why a document is not strict JSON, with the 1-based line:column where it happened. */
export class JsonParseError extends Error {
  constructor(
    readonly kind: JsonErrorKind,
    readonly line: number,
    readonly column: number,
    readonly detail: string
  ) {
    super(`${line}:${column}: ${detail}`)
    this.name = 'JsonParseError'
  }
}

export const MAX_DEPTH = 128

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Parses UTF-8 bytes. Throws JsonParseError. */
export function parseStrictJsonBytes(bytes: Uint8Array): JsonNode {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    throw new JsonParseError('bom', 1, 1, 'byte order mark (BOM) at start of file: save as UTF-8 without BOM')
  }
  let text: string
  try {
    text = decoder.decode(bytes)
  } catch {
    const at = firstInvalidUtf8(bytes)
    const prefix = decoder.decode(bytes.subarray(0, at))
    const { line, column } = lineCol(prefix, prefix.length)
    throw new JsonParseError('encoding', line, column, `invalid UTF-8 at byte ${at}`)
  }
  return parseStrictJson(text)
}

/** Parses a string. Throws JsonParseError. */
export function parseStrictJson(text: string): JsonNode {
  if (text.charCodeAt(0) === 0xfeff) {
    throw new JsonParseError('bom', 1, 1, 'byte order mark (BOM) at start of file: save as UTF-8 without BOM')
  }
  const p = new Parser(text)
  p.ws()
  const v = p.value(0)
  p.ws()
  if (p.i < text.length) p.fail('syntax', p.i, `unexpected ${describe(text, p.i)} after the JSON value`)
  return v
}

/** Converts a node to plain JS values (numbers lose their literal). */
export function toPlain(n: JsonNode): unknown {
  switch (n.kind) {
    case 'null':
      return null
    case 'boolean':
    case 'string':
    case 'number':
      return n.value
    case 'array':
      return n.items.map(toPlain)
    case 'object': {
      const o: Record<string, unknown> = {}
      for (const [k, v] of n.entries) Object.defineProperty(o, k, { value: toPlain(v), enumerable: true, writable: true, configurable: true })
      return o
    }
  }
}

/** Looks up a member of an object node (undefined when absent or not an object). */
export function member(n: JsonNode | undefined, key: string): JsonNode | undefined {
  if (n?.kind !== 'object') return undefined
  for (const [k, v] of n.entries) if (k === key) return v
  return undefined
}

function describe(text: string, i: number): string {
  if (i >= text.length) return 'end of input'
  const c = text.codePointAt(i) ?? 0
  return c < 0x20 || c === 0x7f ? `control character U+${c.toString(16).padStart(4, '0').toUpperCase()}` : `'${String.fromCodePoint(c)}'`
}

function lineCol(text: string, offset: number): { line: number; column: number } {
  let line = 1
  let lineStart = 0
  for (let k = 0; k < offset && k < text.length; k++) {
    if (text.charCodeAt(k) === 10) {
      line++
      lineStart = k + 1
    }
  }
  return { line, column: offset - lineStart + 1 }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  // Binary search on the longest valid prefix; fatal decoding of a prefix may fail only by truncation at the end.
  let lo = 0
  let hi = bytes.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    let ok = true
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true })
    } catch {
      ok = false
    }
    if (ok) lo = mid
    else hi = mid - 1
  }
  return lo
}

const NUMBER_RE = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

class Parser {
  i = 0
  /** Offsets where each line starts, for O(log n) positions. */
  private readonly lineStarts: number[] = [0]
  constructor(readonly s: string) {
    for (let k = 0; k < s.length; k++) if (s.charCodeAt(k) === 10) this.lineStarts.push(k + 1)
  }

  fail(kind: JsonErrorKind, at: number, detail: string): never {
    const { line, column } = this.pos(at)
    throw new JsonParseError(kind, line, column, detail)
  }

  pos(at: number): Pos {
    const ls = this.lineStarts
    let lo = 0
    let hi = ls.length - 1
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1
      if ((ls[mid] ?? 0) <= at) lo = mid
      else hi = mid - 1
    }
    return { line: lo + 1, column: at - (ls[lo] ?? 0) + 1 }
  }

  ws(): void {
    const s = this.s
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i)
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) this.i++
      else break
    }
  }

  value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) this.fail('depth', this.i, `nesting deeper than ${MAX_DEPTH} levels`)
    const s = this.s
    const at = this.i
    const c = s[at]
    switch (c) {
      case '{':
        return this.object(depth)
      case '[':
        return this.array(depth)
      case '"':
        return { kind: 'string', value: this.string(), ...this.pos(at) }
      case 't':
        return this.word('true', { kind: 'boolean', value: true, ...this.pos(at) })
      case 'f':
        return this.word('false', { kind: 'boolean', value: false, ...this.pos(at) })
      case 'n':
        return this.word('null', { kind: 'null', ...this.pos(at) })
      default:
        if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number()
        if (s.startsWith('NaN', at) || s.startsWith('Infinity', at) || s.startsWith('-Infinity', at)) {
          this.fail('syntax', at, 'NaN and Infinity are not JSON numbers')
        }
        return this.fail('syntax', at, `unexpected ${describe(s, at)}, expected a value`)
    }
  }

  word<T extends JsonNode>(w: string, node: T): T {
    if (!this.s.startsWith(w, this.i)) this.fail('syntax', this.i, `unexpected ${describe(this.s, this.i)}, expected a value`)
    this.i += w.length
    return node
  }

  number(): JsonNumber {
    const at = this.i
    NUMBER_RE.lastIndex = at
    const m = NUMBER_RE.exec(this.s)
    if (!m) {
      if (this.s.startsWith('-Infinity', at)) this.fail('syntax', at, 'NaN and Infinity are not JSON numbers')
      return this.fail('syntax', at, 'malformed number')
    }
    const literal = m[0]
    this.i = at + literal.length
    const next = this.s[this.i]
    if (next !== undefined && /[0-9.eE+-]/.test(next)) this.fail('syntax', this.i, `malformed number '${literal}${next}'`)
    const value = Number(literal)
    if (!Number.isFinite(value)) this.fail('number-range', at, `number ${literal} is out of range (not a finite double)`)
    return { kind: 'number', value, literal, ...this.pos(at) }
  }

  string(): string {
    const s = this.s
    const start = this.i
    this.i++ // opening quote
    let out = ''
    let chunk = this.i
    for (;;) {
      if (this.i >= s.length) this.fail('syntax', start, 'unterminated string')
      const c = s.charCodeAt(this.i)
      if (c === 0x22) {
        out += s.slice(chunk, this.i)
        this.i++
        return out
      }
      if (c < 0x20) this.fail('syntax', this.i, `${describe(s, this.i)} in string must be escaped`)
      if (c >= 0xd800 && c <= 0xdfff) {
        // Raw surrogates can only come from a JS string (UTF-8 input cannot carry them): check pairing.
        const hi = c <= 0xdbff
        const lo2 = s.charCodeAt(this.i + 1)
        if (!hi || !(lo2 >= 0xdc00 && lo2 <= 0xdfff)) this.fail('surrogate', this.i, 'lone surrogate in string')
        this.i += 2
        continue
      }
      if (c === 0x5c) {
        out += s.slice(chunk, this.i)
        out += this.escape()
        chunk = this.i
        continue
      }
      this.i++
    }
  }

  escape(): string {
    const s = this.s
    const at = this.i
    const e = s[at + 1]
    this.i += 2
    switch (e) {
      case '"':
        return '"'
      case '\\':
        return '\\'
      case '/':
        return '/'
      case 'b':
        return '\b'
      case 'f':
        return '\f'
      case 'n':
        return '\n'
      case 'r':
        return '\r'
      case 't':
        return '\t'
      case 'u': {
        const u = this.hex4(at)
        if (u >= 0xd800 && u <= 0xdbff) {
          if (s[this.i] === '\\' && s[this.i + 1] === 'u') {
            const save = this.i
            this.i += 2
            const l = this.hex4(save)
            if (l >= 0xdc00 && l <= 0xdfff) return String.fromCharCode(u, l)
          }
          this.fail('surrogate', at, `lone surrogate \\u${u.toString(16).padStart(4, '0')} in string`)
        }
        if (u >= 0xdc00 && u <= 0xdfff) this.fail('surrogate', at, `lone surrogate \\u${u.toString(16).padStart(4, '0')} in string`)
        return String.fromCharCode(u)
      }
      default:
        return this.fail('syntax', at, `invalid escape '\\${e ?? ''}' in string`)
    }
  }

  hex4(escAt: number): number {
    const h = this.s.slice(this.i, this.i + 4)
    if (!/^[0-9a-fA-F]{4}$/.test(h)) this.fail('syntax', escAt, 'invalid \\u escape: expected 4 hex digits')
    this.i += 4
    return parseInt(h, 16)
  }

  array(depth: number): JsonArray {
    const at = this.i
    this.i++
    const items: JsonNode[] = []
    this.ws()
    if (this.s[this.i] === ']') {
      this.i++
      return { kind: 'array', items, ...this.pos(at) }
    }
    for (;;) {
      this.ws()
      items.push(this.value(depth + 1))
      this.ws()
      const c = this.s[this.i]
      if (c === ',') {
        this.i++
        this.ws()
        if (this.s[this.i] === ']') this.fail('syntax', this.i, 'trailing comma in array')
        continue
      }
      if (c === ']') {
        this.i++
        return { kind: 'array', items, ...this.pos(at) }
      }
      this.fail('syntax', this.i, `unexpected ${describe(this.s, this.i)}, expected ',' or ']'`)
    }
  }

  object(depth: number): JsonObject {
    const at = this.i
    this.i++
    const entries: (readonly [string, JsonNode])[] = []
    const seen = new Set<string>()
    this.ws()
    if (this.s[this.i] === '}') {
      this.i++
      return { kind: 'object', entries, ...this.pos(at) }
    }
    for (;;) {
      this.ws()
      const keyAt = this.i
      if (this.s[keyAt] !== '"') this.fail('syntax', keyAt, `unexpected ${describe(this.s, keyAt)}, expected a string key`)
      const key = this.string()
      if (seen.has(key)) this.fail('duplicate-key', keyAt, `duplicate key "${key}"`)
      seen.add(key)
      this.ws()
      if (this.s[this.i] !== ':') this.fail('syntax', this.i, `unexpected ${describe(this.s, this.i)}, expected ':'`)
      this.i++
      this.ws()
      entries.push([key, this.value(depth + 1)])
      this.ws()
      const c = this.s[this.i]
      if (c === ',') {
        this.i++
        this.ws()
        if (this.s[this.i] === '}') this.fail('syntax', this.i, 'trailing comma in object')
        continue
      }
      if (c === '}') {
        this.i++
        return { kind: 'object', entries, ...this.pos(at) }
      }
      this.fail('syntax', this.i, `unexpected ${describe(this.s, this.i)}, expected ',' or '}'`)
    }
  }
}
