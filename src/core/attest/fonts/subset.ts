/**
 * A glyph-id-preserving TrueType subset: every glyph the document does not use is emptied, glyph
 * ids stay the same, and the cmap lists only the used code points. Why not @pdf-lib/fontkit's
 * subsetter: it silently loses CJK glyphs (pdf-lib issue #1232; checked here with pdftoppm), and
 * embedding the whole 10 MB CJK font is too big. Keeping ids means the widths Vouch measured are
 * exactly the widths drawn. Shaping tables (GSUB/GPOS/...) are dropped: no shaping is done anyway.
 */
import { componentGlyphs, glyphRange, horizontalMetric, table, tableBytes, type Metrics, type Sfnt } from './sfnt'

const COPIED = ['OS/2', 'name', 'cvt ', 'fpgm', 'prep', 'gasp'] as const

export function subsetFont(f: Sfnt, m: Metrics, cmap: ReadonlyMap<number, number>, codePoints: Iterable<number>): Uint8Array {
  const mapping: [number, number][] = []
  const used = new Set<number>([0])
  for (const cp of new Set(codePoints)) {
    const gid = cmap.get(cp)
    if (gid === undefined || gid === 0 || gid >= m.numGlyphs) continue
    mapping.push([cp, gid])
    used.add(gid)
  }
  mapping.sort((a, b) => a[0] - b[0])
  // Composite glyphs draw their components: keep those too (bounded walk, hostile fonts included).
  const queue = [...used]
  for (let steps = 0; queue.length > 0 && steps < 100_000; steps++) {
    const gid = queue.pop() as number
    for (const c of componentGlyphs(f, m, gid)) {
      if (c < m.numGlyphs && !used.has(c)) {
        used.add(c)
        queue.push(c)
      }
    }
  }

  const glyfBase = table(f, 'glyf').offset
  const pieces: Uint8Array[] = []
  const loca = new Uint8Array((m.numGlyphs + 1) * 4)
  const locaView = new DataView(loca.buffer)
  const hmtx = new Uint8Array(m.numGlyphs * 4)
  const hmtxView = new DataView(hmtx.buffer)
  let offset = 0
  for (let gid = 0; gid < m.numGlyphs; gid++) {
    locaView.setUint32(gid * 4, offset)
    if (!used.has(gid)) continue
    const [start, end] = glyphRange(f, m, gid)
    if (end > start) {
      const data = f.bytes.subarray(glyfBase + start, glyfBase + end)
      pieces.push(data)
      offset += data.length
      const pad = (4 - (data.length % 4)) % 4
      if (pad) {
        pieces.push(new Uint8Array(pad))
        offset += pad
      }
    }
    const [advance, lsb] = horizontalMetric(f, m, gid)
    hmtxView.setUint16(gid * 4, advance)
    hmtxView.setInt16(gid * 4 + 2, lsb)
  }
  locaView.setUint32(m.numGlyphs * 4, offset)
  const glyf = concat(pieces)

  const head = copy(tableBytes(f, 'head'))
  const headView = new DataView(head.buffer)
  headView.setUint32(8, 0)
  headView.setInt16(50, 1)
  const hhea = copy(tableBytes(f, 'hhea'))
  new DataView(hhea.buffer).setUint16(34, m.numGlyphs)
  const post = new Uint8Array(32)
  const origPost = tableBytes(f, 'post')
  if (origPost && origPost.length >= 32) post.set(origPost.subarray(0, 32))
  new DataView(post.buffer).setUint32(0, 0x00030000)

  const tables = new Map<string, Uint8Array>([
    ['head', head],
    ['hhea', hhea],
    ['maxp', copy(tableBytes(f, 'maxp'))],
    ['hmtx', hmtx],
    ['loca', loca],
    ['glyf', glyf],
    ['cmap', writeCmap(mapping)],
    ['post', post]
  ])
  for (const tag of COPIED) {
    const b = tableBytes(f, tag)
    if (b) tables.set(tag, copy(b))
  }
  return assemble(tables)
}

function writeCmap(mapping: readonly (readonly [number, number])[]): Uint8Array {
  const groups: [number, number, number][] = []
  for (const [cp, gid] of mapping) {
    const last = groups[groups.length - 1]
    if (last && cp === last[1] + 1 && gid === last[2] + (cp - last[0])) last[1] = cp
    else groups.push([cp, cp, gid])
  }
  const f12 = new Uint8Array(16 + groups.length * 12)
  const v12 = new DataView(f12.buffer)
  v12.setUint16(0, 12)
  v12.setUint32(4, f12.length)
  v12.setUint32(12, groups.length)
  groups.forEach(([s, e, g], i) => {
    v12.setUint32(16 + i * 12, s)
    v12.setUint32(20 + i * 12, e)
    v12.setUint32(24 + i * 12, g)
  })
  // Format 4 (BMP) for older readers, when it fits in its 16-bit length.
  const bmp = groups.filter(([s, e]) => s <= 0xfffe && e <= 0xfffe)
  const segCount = bmp.length + 1
  const f4Length = 16 + segCount * 8
  const subtables: [number, Uint8Array][] = []
  if (f4Length < 0xffff) {
    const f4 = new Uint8Array(f4Length)
    const v4 = new DataView(f4.buffer)
    const entrySelector = Math.floor(Math.log2(segCount))
    const searchRange = 2 * 2 ** entrySelector
    v4.setUint16(0, 4)
    v4.setUint16(2, f4Length)
    v4.setUint16(6, segCount * 2)
    v4.setUint16(8, searchRange)
    v4.setUint16(10, entrySelector)
    v4.setUint16(12, segCount * 2 - searchRange)
    const ends = 14
    const starts = ends + segCount * 2 + 2
    const deltas = starts + segCount * 2
    const all: [number, number, number][] = [...bmp, [0xffff, 0xffff, 0]]
    all.forEach(([s, e, g], i) => {
      v4.setUint16(ends + i * 2, e)
      v4.setUint16(starts + i * 2, s)
      v4.setUint16(deltas + i * 2, s === 0xffff ? 1 : (g - s) & 0xffff)
      // idRangeOffset stays 0.
    })
    subtables.push([1, f4])
  }
  subtables.push([10, f12])
  const headerLen = 4 + subtables.length * 8
  const out = new Uint8Array(headerLen + subtables.reduce((n, [, t]) => n + t.length, 0))
  const v = new DataView(out.buffer)
  v.setUint16(2, subtables.length)
  let p = headerLen
  subtables.forEach(([encoding, t], i) => {
    v.setUint16(4 + i * 8, 3)
    v.setUint16(6 + i * 8, encoding)
    v.setUint32(8 + i * 8, p)
    out.set(t, p)
    p += t.length
  })
  return out
}

function assemble(tables: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort()
  const n = tags.length
  const dirLen = 12 + n * 16
  let total = dirLen
  for (const t of tags) total += align4((tables.get(t) as Uint8Array).length)
  const out = new Uint8Array(total)
  const v = new DataView(out.buffer)
  const entrySelector = Math.floor(Math.log2(n))
  v.setUint32(0, 0x00010000)
  v.setUint16(4, n)
  v.setUint16(6, 16 * 2 ** entrySelector)
  v.setUint16(8, entrySelector)
  v.setUint16(10, n * 16 - 16 * 2 ** entrySelector)
  let p = dirLen
  let headAt = -1
  tags.forEach((tag, i) => {
    const data = tables.get(tag) as Uint8Array
    const r = 12 + i * 16
    for (let k = 0; k < 4; k++) out[r + k] = tag.charCodeAt(k)
    out.set(data, p)
    v.setUint32(r + 4, checksum(out, p, align4(data.length)))
    v.setUint32(r + 8, p)
    v.setUint32(r + 12, data.length)
    if (tag === 'head') headAt = p
    p += align4(data.length)
  })
  if (headAt >= 0) v.setUint32(headAt + 8, (0xb1b0afba - checksum(out, 0, out.length)) >>> 0)
  return out
}

function checksum(b: Uint8Array, start: number, len: number): number {
  const v = new DataView(b.buffer, b.byteOffset)
  let sum = 0
  for (let i = start; i < start + len; i += 4) sum = (sum + v.getUint32(i)) >>> 0
  return sum
}

const align4 = (n: number): number => (n + 3) & ~3

function copy(b: Uint8Array | undefined): Uint8Array {
  if (!b) throw new Error('font table missing')
  return b.slice()
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let p = 0
  for (const part of parts) {
    out.set(part, p)
    p += part.length
  }
  return out
}
