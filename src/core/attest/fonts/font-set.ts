/**
 * The fonts of an attestation and per-character fallback: Latin, Greek, Cyrillic and symbols from
 * DejaVu; CJK from Noto Sans SC. A character no font has prints as a visible U+FFFD (never a crash,
 * never silently dropped). No shaping and no bidi: text is drawn left to right, glyph by glyph.
 */
import { readCmap, readMetrics, readSfnt, horizontalMetric, type Metrics, type Sfnt } from './sfnt'
import { subsetFont } from './subset'
import { safeText } from '../../text/safe-text'

/** Raw TTF bytes; `cjk` is optional (CJK then prints as U+FFFD). */
export interface FontBytes {
  readonly regular: Uint8Array
  readonly bold: Uint8Array
  readonly mono: Uint8Array
  readonly cjk?: Uint8Array
}

export type FontStyle = 'regular' | 'bold' | 'mono'
export type FaceKey = 'regular' | 'bold' | 'mono' | 'cjk'

export interface Face {
  readonly key: FaceKey
  readonly name: string
  readonly metrics: Metrics
  has(cp: number): boolean
  /** Advance width in font units. */
  advance(cp: number): number
  subset(codePoints: Iterable<number>): Uint8Array
}

export interface Run {
  readonly face: FaceKey
  readonly text: string
}

export const REPLACEMENT = 0xfffd

function makeFace(key: FaceKey, bytes: Uint8Array, name: string): Face {
  const sfnt: Sfnt = readSfnt(bytes, name)
  const metrics = readMetrics(sfnt)
  const cmap = readCmap(sfnt)
  const widths = new Map<number, number>()
  return {
    key,
    name,
    metrics,
    has: (cp) => cmap.has(cp),
    advance(cp) {
      let w = widths.get(cp)
      if (w === undefined) {
        const gid = cmap.get(cp) ?? 0
        w = horizontalMetric(sfnt, metrics, gid < metrics.numGlyphs ? gid : 0)[0]
        widths.set(cp, w)
      }
      return w
    },
    subset: (cps) => subsetFont(sfnt, metrics, cmap, cps)
  }
}

/**
 * Page text: tab and line breaks become spaces (a paragraph is flowed, not broken by the data);
 * controls, bidi overrides and invisible format characters are shown escaped (\u202e) by the one
 * sanitiser of pack-derived text (core/text), so a name cannot look like another one on paper;
 * private-use and unassigned code points, which no embedded font draws, become U+FFFD.
 */
export function sanitize(text: string): string {
  return safeText(text.normalize('NFC').replace(/\r\n|[\t\n\r]/g, ' ')).replace(/[\p{Co}\p{Cn}]/gu, '\ufffd')
}

export interface FontSet {
  readonly faces: ReadonlyMap<FaceKey, Face>
  /** Splits text (sanitized here) into runs of one face each, substituting unprintable characters. */
  runs(text: string, style: FontStyle): readonly Run[]
  width(text: string, style: FontStyle, size: number): number
  runWidth(run: Run, size: number): number
  /** Ascender and descender (points per 1 pt of size) of the style's main face. */
  readonly ascent: number
  readonly descent: number
}

const CHAINS: Readonly<Record<FontStyle, readonly FaceKey[]>> = {
  regular: ['regular', 'cjk'],
  bold: ['bold', 'regular', 'cjk'],
  mono: ['mono', 'regular', 'cjk']
}

export function makeFontSet(bytes: FontBytes): FontSet {
  const faces = new Map<FaceKey, Face>([
    ['regular', makeFace('regular', bytes.regular, 'DejaVuSans')],
    ['bold', makeFace('bold', bytes.bold, 'DejaVuSans-Bold')],
    ['mono', makeFace('mono', bytes.mono, 'DejaVuSansMono')]
  ])
  if (bytes.cjk) faces.set('cjk', makeFace('cjk', bytes.cjk, 'NotoSansSC-Regular'))
  const regular = faces.get('regular') as Face
  const replacement = regular.has(REPLACEMENT) ? String.fromCodePoint(REPLACEMENT) : '?'
  const cache = new Map<string, readonly Run[]>()

  function pick(cp: number, style: FontStyle): FaceKey | undefined {
    if (cp === 0x20) return CHAINS[style][0]
    for (const k of CHAINS[style]) if (faces.get(k)?.has(cp)) return k
    return undefined
  }

  function runs(text: string, style: FontStyle): readonly Run[] {
    const key = `${style}\u0000${text}`
    const hit = cache.get(key)
    if (hit) return hit
    const out: { face: FaceKey; text: string }[] = []
    for (const ch of sanitize(text)) {
      const cp = ch.codePointAt(0) as number
      let face = pick(cp, style)
      let glyph = ch
      if (face === undefined) {
        face = pick(REPLACEMENT, style) ?? 'regular'
        glyph = replacement
      }
      const last = out[out.length - 1]
      if (last && last.face === face) last.text += glyph
      else out.push({ face, text: glyph })
    }
    if (cache.size < 50_000) cache.set(key, out)
    return out
  }

  function runWidth(r: Run, size: number): number {
    const face = faces.get(r.face) as Face
    let units = 0
    for (const ch of r.text) units += face.advance(ch.codePointAt(0) as number)
    return (units * size) / face.metrics.unitsPerEm
  }

  function width(text: string, style: FontStyle, size: number): number {
    let w = 0
    for (const r of runs(text, style)) w += runWidth(r, size)
    return w
  }

  const m = regular.metrics
  return { faces, runs, width, runWidth, ascent: m.ascender / m.unitsPerEm, descent: -m.descender / m.unitsPerEm }
}
