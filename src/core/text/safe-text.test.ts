import { describe, expect, it } from 'vitest'
import { hasUnsafeText, safeJson, safeText } from './safe-text'
import { findRawUnsafe, RAW_UNSAFE } from './testing'

describe('safeText', () => {
  it('escapes C0, DEL and C1 controls as \\xNN', () => {
    expect(safeText('a\u0000b\u0007c\u001b]0;pwned\u0007d\u007fe\u009bf')).toBe('a\\x00b\\x07c\\x1b]0;pwned\\x07d\\x7fe\\x9bf')
    expect(safeText('line\nnext\ttab\r')).toBe('line\\x0anext\\x09tab\\x0d')
  })

  it('escapes bidi controls, marks, separators and invisible format characters as \\uNNNN', () => {
    for (const cp of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069, 0x200e, 0x200f, 0x061c, 0x200b, 0x2028, 0x2029, 0xfeff, 0x2060]) {
      const ch = String.fromCodePoint(cp)
      expect(safeText(`x${ch}y`)).toBe(`x\\u${cp.toString(16).padStart(4, '0')}y`)
    }
    expect(safeText('evil\u202egnp.exe')).toBe('evil\\u202egnp.exe')
  })

  it('escapes tag characters and unpaired surrogates, keeps surrogate pairs', () => {
    expect(safeText('a\u{e0041}b')).toBe('a\\u{e0041}b')
    expect(safeText('a\ud800b\udc00c')).toBe('a\\ud800b\\udc00c')
    expect(safeText('😀 \u{1f600}')).toBe('😀 😀')
  })

  it('passes every script, emoji joiners, spaces and backslashes unchanged', () => {
    const s = 'Crédit — 信用 모델 кредит مدل‌ها नमस्ते 👩‍💻 a\\x1b  end'
    expect(safeText(s)).toBe(s)
    expect(hasUnsafeText(s)).toBe(false)
  })

  it('never lets a raw unsafe character through, for every BMP code point', () => {
    let all = ''
    for (let cp = 0; cp <= 0xffff; cp++) all += String.fromCharCode(cp)
    expect(findRawUnsafe(safeText(all))).toBeUndefined()
    expect(findRawUnsafe(safeText('tag \u{e0041}'))).toBeUndefined()
    expect(RAW_UNSAFE.test(all)).toBe(true)
  })
})

describe('safeJson', () => {
  it('parses to the same value as JSON.stringify, with no raw unsafe character', () => {
    let all = ''
    for (let cp = 0; cp <= 0xffff; cp++) all += String.fromCharCode(cp)
    const v = { name: `x\u202ey\u0085\u007f\u2028\u{e0041}`, all, nested: [{ 'k\u202e': 1 }] }
    for (const space of [undefined, 2]) {
      const text = safeJson(v, space)
      // Newlines between members are the indentation, never a character of a value.
      expect(findRawUnsafe(text, true)).toBeUndefined()
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)))
    }
    expect(safeJson({ a: 'plain' }, 2)).toBe(JSON.stringify({ a: 'plain' }, null, 2))
    expect(safeJson('\u202e')).toBe('"\\u202e"')
  })
})
