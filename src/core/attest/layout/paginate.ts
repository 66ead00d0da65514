/**
 * Flows blocks onto A4 pages: text wraps, tables repeat their header on every page they cross,
 * a row taller than what is left is split line by line, a heading never ends a page. The output
 * is a list of drawing operations per page (PDF coordinates, y up), so layout is testable without
 * a PDF and the renderer only paints.
 */
import type { FontSet, FontStyle } from '../fonts/font-set'
import type { Block, Cell, Column, FigureItem, Row, StatusBox, Tone } from './blocks'
import { fitText, wrapLines, wrapText } from './wrap'

export type Rgb = readonly [number, number, number]

export type Op =
  | { readonly kind: 'text'; readonly x: number; readonly y: number; readonly text: string; readonly style: FontStyle; readonly size: number; readonly color: Rgb }
  | { readonly kind: 'rect'; readonly x: number; readonly y: number; readonly w: number; readonly h: number; readonly fill?: Rgb; readonly stroke?: Rgb }
  | { readonly kind: 'line'; readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number; readonly color: Rgb; readonly width: number }
  /** A polyline (charts); `dash` as the PDF dash array. */
  | { readonly kind: 'path'; readonly points: readonly (readonly [number, number])[]; readonly color: Rgb; readonly width: number; readonly dash?: readonly number[] }
  | { readonly kind: 'circle'; readonly x: number; readonly y: number; readonly r: number; readonly color: Rgb; readonly filled: boolean }
  /** A bookmark target (not drawn): the PDF outline links here. */
  | { readonly kind: 'mark'; readonly title: string; readonly y: number }

export const PAGE = { width: 595.28, height: 841.89, left: 50, right: 50, top: 62, bottom: 66 } as const
export const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right

export const COLORS = {
  ink: [0.12, 0.13, 0.15],
  muted: [0.38, 0.41, 0.45],
  accent: [0.1, 0.22, 0.4],
  rule: [0.84, 0.86, 0.89],
  headFill: [0.92, 0.94, 0.96],
  ok: [0.1, 0.45, 0.22],
  bad: [0.7, 0.13, 0.1],
  warn: [0.62, 0.38, 0.0],
  okFill: [0.9, 0.96, 0.91],
  badFill: [0.99, 0.91, 0.9],
  warnFill: [0.99, 0.95, 0.86],
  plainFill: [0.95, 0.96, 0.97]
} as const satisfies Record<string, Rgb>

export function toneColor(t: Tone | undefined): Rgb {
  switch (t) {
    case 'ok':
      return COLORS.ok
    case 'bad':
      return COLORS.bad
    case 'warn':
      return COLORS.warn
    case 'muted':
      return COLORS.muted
    default:
      return COLORS.ink
  }
}

const BODY = 9
const LEAD = 1.38
const CELL = 8.2
const PAD_X = 4
const PAD_Y = 3.2

export function paginate(blocks: readonly Block[], fonts: FontSet): Op[][] {
  const pages: Op[][] = []
  let ops: Op[] = []
  let y = 0
  const bottom = PAGE.bottom
  const newPage = (): void => {
    ops = []
    pages.push(ops)
    y = PAGE.height - PAGE.top
  }
  newPage()
  const ensure = (h: number): void => {
    if (y - h < bottom && y < PAGE.height - PAGE.top) newPage()
  }
  const baseline = (top: number, size: number): number => top - fonts.ascent * size
  const text = (x: number, top: number, t: string, style: FontStyle, size: number, color: Rgb): void => {
    if (t) ops.push({ kind: 'text', x, y: baseline(top, size), text: t, style, size, color })
  }

  const paragraph = (t: string, style: FontStyle, size: number, color: Rgb, x = PAGE.left, width = TEXT_WIDTH): void => {
    const lh = size * LEAD
    for (const line of wrapText(fonts, t, style, size, width)) {
      ensure(lh)
      text(x, y, line, style, size, color)
      y -= lh
    }
  }

  const table = (columns: readonly Column[], rows: readonly Row[], header: boolean): void => {
    const total = columns.reduce((n, c) => n + c.width, 0)
    const widths = columns.map((c) => (c.width / total) * TEXT_WIDTH)
    const xs = widths.map((_, i) => PAGE.left + widths.slice(0, i).reduce((n, w) => n + w, 0))
    const lh = CELL * LEAD
    const headLines = header ? columns.map((c, i) => wrapText(fonts, c.title, 'bold', CELL, (widths[i] as number) - 2 * PAD_X)) : []
    const headerHeight = header ? Math.max(...headLines.map((l) => l.length)) * lh + 2 * PAD_Y : 0
    const drawHeader = (): void => {
      if (!header) return
      ops.push({ kind: 'rect', x: PAGE.left, y: y - headerHeight, w: TEXT_WIDTH, h: headerHeight, fill: COLORS.headFill })
      headLines.forEach((ls, i) => ls.forEach((l, k) => text(cellX(i, l, 'bold', columns[i]?.align), y - PAD_Y - k * lh, l, 'bold', CELL, COLORS.accent)))
      y -= headerHeight
    }
    const cellX = (i: number, line: string, style: FontStyle, align: 'left' | 'right' | undefined): number => {
      const x0 = xs[i] as number
      if (align !== 'right') return x0 + PAD_X
      return x0 + (widths[i] as number) - PAD_X - fonts.width(line, style, CELL)
    }
    const fullRoom = Math.floor((PAGE.height - PAGE.top - bottom - headerHeight - 2 * PAD_Y) / lh)
    ensure(headerHeight + lh + 2 * PAD_Y)
    drawHeader()
    for (const row of rows) {
      const cells: Cell[] = columns.map((_, i) => toCell(row.cells[i] ?? ''))
      const styles = cells.map((c, i) => c.style ?? columns[i]?.style ?? 'regular')
      const lines = cells.map((c, i) => wrapText(fonts, c.text, styles[i] as FontStyle, CELL, (widths[i] as number) - 2 * PAD_X))
      const n = Math.max(...lines.map((l) => l.length))
      let done = 0
      while (done < n) {
        const room = Math.floor((y - bottom - 2 * PAD_Y) / lh)
        const fresh = y >= PAGE.height - PAGE.top - headerHeight - 1
        // A row that fits on a fresh page moves there whole; only a row taller than a page is split.
        if (room < 1 || (!fresh && done === 0 && n > room && n <= fullRoom)) {
          newPage()
          drawHeader()
          continue
        }
        const take = Math.min(room, n - done)
        const h = take * lh + 2 * PAD_Y
        cells.forEach((c, i) => {
          const part = (lines[i] as string[]).slice(done, done + take)
          part.forEach((l, k) => text(cellX(i, l, styles[i] as FontStyle, columns[i]?.align), y - PAD_Y - k * lh, l, styles[i] as FontStyle, CELL, toneColor(c.tone)))
        })
        y -= h
        ops.push({ kind: 'line', x1: PAGE.left, y1: y, x2: PAGE.left + TEXT_WIDTH, y2: y, color: COLORS.rule, width: 0.5 })
        done += take
        if (done < n) {
          newPage()
          drawHeader()
        }
      }
    }
    y -= 8
  }

  const status = (boxes: readonly StatusBox[]): void => {
    const gap = 8
    const w = (TEXT_WIDTH - gap * (boxes.length - 1)) / boxes.length
    const dl = 7.6 * LEAD
    const values = boxes.map((b) => wrapText(fonts, b.value, 'bold', 12, w - 16))
    const details = boxes.map((b) => (b.detail ? wrapText(fonts, b.detail, 'regular', 7.6, w - 16) : []))
    const valueLines = Math.max(1, ...values.map((v) => v.length))
    const h = 30 + valueLines * 15 + Math.max(0, ...details.map((d) => d.length)) * dl
    ensure(h + 10)
    boxes.forEach((b, i) => {
      const x = PAGE.left + i * (w + gap)
      const fill = b.tone === 'ok' ? COLORS.okFill : b.tone === 'bad' ? COLORS.badFill : b.tone === 'warn' ? COLORS.warnFill : COLORS.plainFill
      ops.push({ kind: 'rect', x, y: y - h, w, h, fill })
      ops.push({ kind: 'rect', x, y: y - h, w: 3, h, fill: b.tone === 'plain' || b.tone === 'muted' ? COLORS.muted : toneColor(b.tone) })
      text(x + 10, y - 8, fitText(fonts, b.label.toUpperCase(), 'bold', 7, w - 16), 'bold', 7, COLORS.muted)
      ;(values[i] ?? []).forEach((l, k) => text(x + 10, y - 20 - k * 15, l, 'bold', 12, toneColor(b.tone)))
      const top = y - 25 - valueLines * 15
      ;(details[i] ?? []).forEach((l, k) => text(x + 10, top - k * dl, l, 'regular', 7.6, COLORS.ink))
    })
    y -= h + 14
  }

  for (const [i, b] of blocks.entries()) {
    switch (b.kind) {
      case 'title': {
        ops.push({ kind: 'mark', title: `${fitText(fonts, b.title, 'regular', 10, 400)}: summary`, y })
        text(PAGE.left, y, b.eyebrow.toUpperCase(), 'bold', 8, COLORS.muted)
        y -= 14
        // The title stays in its box: smaller type for a long name, at most four lines, then an
        // ellipsis (the Pack row below prints the whole name).
        const { size, lines } = titleLines(fonts, b.title)
        for (const line of lines) {
          text(PAGE.left, y, line, 'bold', size, COLORS.accent)
          y -= size * 1.3
        }
        if (b.subtitle) paragraph(b.subtitle, 'regular', 9.5, COLORS.muted)
        y -= 4
        ops.push({ kind: 'line', x1: PAGE.left, y1: y, x2: PAGE.left + TEXT_WIDTH, y2: y, color: COLORS.accent, width: 1.2 })
        y -= 14
        break
      }
      case 'heading': {
        const size = b.level === 1 ? 13 : 10.5
        // Keep a heading with at least a few lines of what follows it.
        ensure(size * LEAD + 60)
        y -= b.level === 1 ? 6 : 4
        if (b.level === 1) ops.push({ kind: 'mark', title: b.text, y })
        text(PAGE.left, y, b.text, 'bold', size, COLORS.accent)
        y -= size * LEAD + (b.level === 1 ? 2 : 1)
        if (b.level === 1) {
          ops.push({ kind: 'line', x1: PAGE.left, y1: y + 3, x2: PAGE.left + TEXT_WIDTH, y2: y + 3, color: COLORS.rule, width: 0.8 })
          y -= 5
        }
        break
      }
      case 'para':
        paragraph(b.text, b.style ?? 'regular', b.size ?? BODY, toneColor(b.tone))
        y -= 4
        break
      case 'code': {
        const lh = BODY * LEAD
        const lines = wrapText(fonts, b.text, 'mono', BODY, TEXT_WIDTH - 16)
        // A short block (a command to copy) is never cut by a page break.
        if (lines.length <= CODE_KEEP_LINES) ensure(lines.length * (lh + 2) + 6)
        for (const line of lines) {
          ensure(lh + 6)
          ops.push({ kind: 'rect', x: PAGE.left, y: y - lh - 2, w: TEXT_WIDTH, h: lh + 2, fill: COLORS.plainFill })
          text(PAGE.left + 8, y - 1, line, 'mono', BODY, COLORS.ink)
          y -= lh + 2
        }
        y -= 8
        break
      }
      case 'table':
        table(b.columns, b.rows, b.header ?? true)
        break
      case 'fields':
        table(
          [
            { title: '', width: 22, style: 'bold' },
            { title: '', width: 78 }
          ],
          b.rows.map(([k, v]) => ({ cells: [cell(k, 'muted'), v] })),
          false
        )
        break
      case 'status':
        status(b.boxes)
        break
      case 'space':
        y -= b.height
        break
      case 'figure': {
        // The paragraphs it keeps with it (its captions) start on the same page when they fit on one.
        const kept = blocks.slice(i + 1, i + 1 + (b.keepNext ?? 0))
        const after = kept.reduce((h, k) => h + (k.kind === 'para' ? wrapText(fonts, k.text, k.style ?? 'regular', k.size ?? BODY, TEXT_WIDTH).length * (k.size ?? BODY) * LEAD + 4 : 0), 0)
        ensure(b.height + 6 + Math.min(after, (PAGE.height - PAGE.top - bottom) / 3))
        ops.push(...placeFigure(b.items, y, fonts))
        y -= b.height + 6
        break
      }
    }
  }
  return pages
}

/** Code blocks of at most this many wrapped lines stay on one page. */
const CODE_KEEP_LINES = 6
/** A figure's items on the page: x from the left margin, y flipped below `top`. */
function placeFigure(items: readonly FigureItem[], top: number, fonts: FontSet): Op[] {
  const X = (x: number): number => PAGE.left + x
  const Y = (y: number): number => top - y
  return items.map((it): Op => {
    switch (it.kind) {
      case 'text': {
        const t = it.maxWidth !== undefined ? fitText(fonts, it.text, it.style, it.size, it.maxWidth) : it.text
        const w = it.anchor === 'end' || it.anchor === 'middle' ? fonts.width(t, it.style, it.size) : 0
        return { kind: 'text', x: X(it.x) - (it.anchor === 'end' ? w : w / 2), y: Y(it.y), text: t, style: it.style, size: it.size, color: it.color }
      }
      case 'path':
        return { kind: 'path', points: it.points.map(([x, y]) => [X(x), Y(y)] as const), color: it.color, width: it.width, ...(it.dash ? { dash: it.dash } : {}) }
      case 'circle':
        return { kind: 'circle', x: X(it.x), y: Y(it.y), r: it.r, color: it.color, filled: it.filled }
      case 'rect':
        return { kind: 'rect', x: X(it.x), y: Y(it.y + it.h), w: it.w, h: it.h, ...(it.fill ? { fill: it.fill } : {}), ...(it.stroke ? { stroke: it.stroke } : {}) }
    }
  })
}

/** Title sizes tried in turn; the last one is clamped to TITLE_MAX_LINES. */
const TITLE_SIZES = [20, 16] as const
const TITLE_SMALL = 13
export const TITLE_MAX_LINES = 4

export function titleLines(fonts: FontSet, title: string): { size: number; lines: string[] } {
  for (const size of TITLE_SIZES) {
    const lines = wrapText(fonts, title, 'bold', size, TEXT_WIDTH)
    if (lines.length <= 2) return { size, lines }
  }
  const size = TITLE_SMALL
  return { size, lines: wrapLines(fonts, title, 'bold', size, TEXT_WIDTH, TITLE_MAX_LINES) }
}

/** A cell longer than this is cut with an ellipsis (the attached JSON holds the whole text). */
export const MAX_CELL_CHARS = 3000

function toCell(c: string | Cell): Cell {
  const cell = typeof c === 'string' ? { text: c } : c
  return cell.text.length > MAX_CELL_CHARS ? { ...cell, text: `${[...cell.text.slice(0, MAX_CELL_CHARS)].slice(0, -1).join('')}…` } : cell
}

function cell(text: string, tone: Tone): Cell {
  return { text, tone, style: 'bold' }
}
