/**
 * A small reader for TrueType (glyf) fonts: the tables Vouch needs to measure text, map code
 * points to glyphs and cut a subset. Pure over bytes. CFF-outline fonts are refused on purpose:
 * @pdf-lib/fontkit mishandles CID-keyed CFF (viewers drop the font), see docs/attestation.md.
 */

export class FontError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FontError'
  }
}

export interface TableRecord {
  readonly tag: string
  readonly offset: number
  readonly length: number
}

export interface Sfnt {
  readonly bytes: Uint8Array
  readonly view: DataView
  readonly tables: ReadonlyMap<string, TableRecord>
}

export function readSfnt(bytes: Uint8Array, label: string): Sfnt {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length < 12) throw new FontError(`${label}: not a font (too short)`)
  const version = view.getUint32(0)
  if (version === 0x4f54544f) throw new FontError(`${label}: CFF-outline (OTTO) fonts are not supported; use a TrueType (glyf) font`)
  if (version !== 0x00010000 && version !== 0x74727565) throw new FontError(`${label}: not a TrueType font`)
  const numTables = view.getUint16(4)
  const tables = new Map<string, TableRecord>()
  for (let i = 0; i < numTables; i++) {
    const p = 12 + i * 16
    if (p + 16 > bytes.length) throw new FontError(`${label}: truncated table directory`)
    const tag = String.fromCharCode(bytes[p] ?? 0, bytes[p + 1] ?? 0, bytes[p + 2] ?? 0, bytes[p + 3] ?? 0)
    const offset = view.getUint32(p + 8)
    const length = view.getUint32(p + 12)
    if (offset + length > bytes.length) throw new FontError(`${label}: table ${tag} runs past the end of the file`)
    tables.set(tag, { tag, offset, length })
  }
  for (const t of ['head', 'hhea', 'maxp', 'hmtx', 'loca', 'glyf', 'cmap']) {
    if (!tables.has(t)) throw new FontError(`${label}: missing required table '${t}'`)
  }
  return { bytes, view, tables }
}

export function table(f: Sfnt, tag: string): TableRecord {
  const t = f.tables.get(tag)
  if (!t) throw new FontError(`missing table '${tag}'`)
  return t
}

export function tableBytes(f: Sfnt, tag: string): Uint8Array | undefined {
  const t = f.tables.get(tag)
  return t ? f.bytes.subarray(t.offset, t.offset + t.length) : undefined
}

/** cmap -> Map(code point -> glyph id), from the best Unicode subtable (format 12, else 4). */
export function readCmap(f: Sfnt): Map<number, number> {
  const { view } = f
  const base = table(f, 'cmap').offset
  const n = view.getUint16(base + 2)
  let best: { offset: number; format: number; rank: number } | undefined
  for (let i = 0; i < n; i++) {
    const p = base + 4 + i * 8
    const platform = view.getUint16(p)
    const encoding = view.getUint16(p + 2)
    const offset = base + view.getUint32(p + 4)
    const format = view.getUint16(offset)
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10))
    if (!unicode || (format !== 4 && format !== 12)) continue
    const rank = format === 12 ? 2 : 1
    if (!best || rank > best.rank) best = { offset, format, rank }
  }
  if (!best) throw new FontError('no Unicode cmap (format 4 or 12)')
  const map = new Map<number, number>()
  const o = best.offset
  if (best.format === 12) {
    const groups = view.getUint32(o + 12)
    for (let g = 0; g < groups; g++) {
      const p = o + 16 + g * 12
      const start = view.getUint32(p)
      const end = view.getUint32(p + 4)
      const glyph = view.getUint32(p + 8)
      for (let c = start; c <= end && c <= 0x10ffff; c++) map.set(c, glyph + (c - start))
    }
    return map
  }
  const segX2 = view.getUint16(o + 6)
  const ends = o + 14
  const starts = ends + segX2 + 2
  const deltas = starts + segX2
  const ranges = deltas + segX2
  for (let s = 0; s < segX2; s += 2) {
    const end = view.getUint16(ends + s)
    const start = view.getUint16(starts + s)
    const delta = view.getInt16(deltas + s)
    const rangeOffset = view.getUint16(ranges + s)
    for (let c = start; c <= end && c !== 0xffff; c++) {
      let glyph: number
      if (rangeOffset === 0) glyph = (c + delta) & 0xffff
      else {
        const p = ranges + s + rangeOffset + (c - start) * 2
        glyph = p + 2 <= f.bytes.length ? view.getUint16(p) : 0
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff
      }
      if (glyph !== 0) map.set(c, glyph)
    }
  }
  return map
}

export interface Metrics {
  readonly unitsPerEm: number
  readonly ascender: number
  readonly descender: number
  readonly numGlyphs: number
  readonly numberOfHMetrics: number
  readonly longLoca: boolean
}

export function readMetrics(f: Sfnt): Metrics {
  const { view } = f
  const head = table(f, 'head').offset
  const hhea = table(f, 'hhea').offset
  return {
    unitsPerEm: view.getUint16(head + 18),
    longLoca: view.getInt16(head + 50) === 1,
    ascender: view.getInt16(hhea + 4),
    descender: view.getInt16(hhea + 6),
    numberOfHMetrics: view.getUint16(hhea + 34),
    numGlyphs: view.getUint16(table(f, 'maxp').offset + 4)
  }
}

/** [advance, lsb] of a glyph, per the hmtx rules (glyphs past numberOfHMetrics reuse the last advance). */
export function horizontalMetric(f: Sfnt, m: Metrics, gid: number): readonly [number, number] {
  const base = table(f, 'hmtx').offset
  const { view } = f
  if (gid < m.numberOfHMetrics) return [view.getUint16(base + gid * 4), view.getInt16(base + gid * 4 + 2)]
  const lastAdvance = view.getUint16(base + (m.numberOfHMetrics - 1) * 4)
  return [lastAdvance, view.getInt16(base + m.numberOfHMetrics * 4 + (gid - m.numberOfHMetrics) * 2)]
}

/** Byte range of a glyph inside glyf, from loca. */
export function glyphRange(f: Sfnt, m: Metrics, gid: number): readonly [number, number] {
  const loca = table(f, 'loca').offset
  const { view } = f
  const at = (i: number): number => (m.longLoca ? view.getUint32(loca + i * 4) : view.getUint16(loca + i * 2) * 2)
  return [at(gid), at(gid + 1)]
}

/** Glyph ids a composite glyph refers to (empty for a simple or empty glyph). */
export function componentGlyphs(f: Sfnt, m: Metrics, gid: number): number[] {
  const [start, end] = glyphRange(f, m, gid)
  if (end - start < 10) return []
  const glyf = table(f, 'glyf').offset
  const { view } = f
  let p = glyf + start
  if (view.getInt16(p) >= 0) return []
  p += 10
  const out: number[] = []
  const limit = glyf + end
  for (;;) {
    if (p + 4 > limit) break
    const flags = view.getUint16(p)
    out.push(view.getUint16(p + 2))
    p += 4 + (flags & 0x0001 ? 4 : 2)
    if (flags & 0x0008) p += 2
    else if (flags & 0x0040) p += 4
    else if (flags & 0x0080) p += 8
    if (!(flags & 0x0020)) break
  }
  return out
}
