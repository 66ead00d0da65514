import { describe, expect, it } from 'vitest'
import { JsonParseError, parseStrictJson, parseStrictJsonBytes, toPlain, type JsonNode } from './json-strict'

function err(text: string): JsonParseError {
  try {
    parseStrictJson(text)
  } catch (e) {
    if (e instanceof JsonParseError) return e
    throw e
  }
  throw new Error('expected a JsonParseError')
}

describe('parseStrictJson', () => {
  it('parses the same values as JSON.parse', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\ud83d\\ude00\\n"], "b": {}}'
    expect(toPlain(parseStrictJson(text))).toEqual(JSON.parse(text))
  })

  it('keeps the literal of every number', () => {
    const n = parseStrictJson('{"v": 0.80, "w": 1E-3}')
    const lit = (x: JsonNode): string[] => (x.kind === 'number' ? [x.literal] : x.kind === 'object' ? x.entries.flatMap(([, v]) => lit(v)) : [])
    expect(lit(n)).toEqual(['0.80', '1E-3'])
  })

  it('refuses duplicate keys with line and column', () => {
    const e = err('{\n  "a": 1,\n  "a": 2\n}')
    expect(e.kind).toBe('duplicate-key')
    expect([e.line, e.column]).toEqual([3, 3])
    expect(e.message).toContain('"a"')
  })

  it('refuses a BOM', () => {
    expect(err('\ufeff{}').kind).toBe('bom')
    expect(() => parseStrictJsonBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0x7b, 0x7d]))).toThrow(/BOM/)
  })

  it('refuses invalid UTF-8 and names the byte', () => {
    try {
      parseStrictJsonBytes(new Uint8Array([0x7b, 0x0a, 0x22, 0xff, 0x22]))
      expect.unreachable()
    } catch (e) {
      expect(e).toBeInstanceOf(JsonParseError)
      expect((e as JsonParseError).kind).toBe('encoding')
      expect((e as JsonParseError).line).toBe(2)
      expect((e as JsonParseError).detail).toContain('byte 3')
    }
  })

  it('refuses lone surrogates, escaped or raw', () => {
    expect(err('"\\ud800"').kind).toBe('surrogate')
    expect(err('"\\udc00"').kind).toBe('surrogate')
    expect(err('"\\ud800\\u0041"').kind).toBe('surrogate')
    expect(err('"\ud800"').kind).toBe('surrogate')
  })

  it('refuses NaN, Infinity and overflowing numbers', () => {
    expect(err('[NaN]').detail).toMatch(/NaN/)
    expect(err('[Infinity]').kind).toBe('syntax')
    expect(err('[-Infinity]').kind).toBe('syntax')
    expect(err('[1e400]').kind).toBe('number-range')
  })

  it('refuses trailing garbage, trailing commas and bad numbers with positions', () => {
    const e = err('{"a":1} x')
    expect([e.kind, e.line, e.column]).toEqual(['syntax', 1, 9])
    expect(err('[1,]').detail).toMatch(/trailing comma/)
    expect(err('{"a":1,}').detail).toMatch(/trailing comma/)
    expect(err('[01]').kind).toBe('syntax')
    expect(err('[1.]').kind).toBe('syntax')
    expect(err('["a\tb"]').detail).toMatch(/control character/)
    expect(err('').detail).toMatch(/end of input/)
    expect(err("{'a':1}").kind).toBe('syntax')
  })

  it('refuses absurd nesting without overflowing the stack', () => {
    expect(err('['.repeat(100_000)).kind).toBe('depth')
  })
})
