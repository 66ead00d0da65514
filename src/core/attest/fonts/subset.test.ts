import fontkit from '@pdf-lib/fontkit'
import { describe, expect, it } from 'vitest'
import { testFonts } from '../testing/pdf-tools'
import { makeFontSet, sanitize } from './font-set'
import { FontError, readCmap, readSfnt } from './sfnt'

const fonts = testFonts()
const set = makeFontSet(fonts)
const cps = (s: string): number[] => [...s].map((c) => c.codePointAt(0) as number)

/** Every glyph the subset maps must still have its outline (the bug that makes fontkit's own subsetter unusable). */
function expectOutlines(bytes: Uint8Array, original: Uint8Array, text: string): void {
  const sub = fontkit.create(bytes)
  const orig = fontkit.create(original)
  for (const ch of text) {
    if (ch === ' ') continue
    const g = sub.glyphForCodePoint(ch.codePointAt(0) as number)
    const o = orig.glyphForCodePoint(ch.codePointAt(0) as number)
    expect(g.id, ch).toBe(o.id)
    expect(g.id, ch).not.toBe(0)
    // The typings omit Path.commands; toSVG() is the same outline as text.
    expect(g.path.toSVG().length, ch).toBeGreaterThan(10)
    expect(g.path.toSVG(), ch).toBe(o.path.toSVG())
    expect(g.advanceWidth, ch).toBe(o.advanceWidth)
  }
}

describe('glyph-preserving subset', () => {
  it('keeps the outline, id and width of every CJK glyph used', () => {
    const text = '中文签名王小明日本語ひらがなカタカナ認証'
    const bytes = set.faces.get('cjk')?.subset(cps(text)) as Uint8Array
    expectOutlines(bytes, fonts.cjk as Uint8Array, text)
    // The 10 MB font shrinks to a few hundred KB: only used outlines stay.
    expect(bytes.length).toBeLessThan(400_000)
    expect(fontkit.create(bytes).characterSet.length).toBe(new Set(text).size)
  })

  it('keeps composite glyphs and their components (accented Latin, Greek, Cyrillic)', () => {
    const text = 'José Müller-Øberg Ελένη Παπαδοπούλου Дмитрий Иванов ǅ ṩ ắ'
    for (const key of ['regular', 'bold', 'mono'] as const) {
      const bytes = set.faces.get(key)?.subset(cps(text)) as Uint8Array
      expectOutlines(bytes, fonts[key], text.replace(/[ǅṩắ]/g, (c) => (set.faces.get(key)?.has(c.codePointAt(0) as number) ? c : '')))
    }
  })

  it('drops glyphs not used', () => {
    const bytes = set.faces.get('regular')?.subset(cps('abc')) as Uint8Array
    const f = fontkit.create(bytes)
    expect(f.glyphForCodePoint(0x64).id).toBe(0) // 'd' is not mapped any more
    expect(bytes.length).toBeLessThan(fonts.regular.length / 4)
  })

  it('maps the same code points as the original cmap', () => {
    const cmap = readCmap(readSfnt(fonts.regular, 'DejaVuSans'))
    expect(cmap.get(0x41)).toBe(fontkit.create(fonts.regular).glyphForCodePoint(0x41).id)
    expect(cmap.has(0xfffd)).toBe(true)
  })

  it('refuses non-TrueType input with a typed error', () => {
    expect(() => readSfnt(new TextEncoder().encode('OTTO and more bytes'), 'x.otf')).toThrow(FontError)
    expect(() => readSfnt(new Uint8Array(4), 'x')).toThrow(FontError)
  })
})

describe('fallback and sanitising', () => {
  it('sends Latin, Greek, Cyrillic to DejaVu and CJK to Noto Sans SC', () => {
    const runs = set.runs('Ab Ωω Жж 王小明', 'regular')
    expect(runs.map((r) => [r.face, r.text])).toEqual([
      ['regular', 'Ab Ωω Жж '],
      ['cjk', '王小明']
    ])
  })

  it('falls back from bold to regular to CJK', () => {
    expect(set.runs('王', 'bold')[0]?.face).toBe('cjk')
    expect(set.runs('王', 'mono')[0]?.face).toBe('cjk')
  })

  it('replaces characters no font has with U+FFFD, and shows invisible or bidi controls escaped', () => {
    expect(set.runs('한', 'regular').map((r) => r.text).join('')).toBe('\ufffd')
    expect(sanitize('a\u202eb\u200bc\u0000d\ue000')).toBe('a\\u202eb\\u200bc\\x00d\ufffd')
    expect(sanitize('x\ny\tz')).toBe('x y z')
    expect(sanitize('e\u0301')).toBe('é')
  })

  it('measures text as the sum of glyph advances', () => {
    const w = set.width('AV', 'regular', 10)
    expect(w).toBeCloseTo(set.width('A', 'regular', 10) + set.width('V', 'regular', 10), 6)
    expect(set.width('王', 'regular', 10)).toBeCloseTo(10, 1) // CJK ideographs are one em wide
  })
})
