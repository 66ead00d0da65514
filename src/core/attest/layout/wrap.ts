/**
 * Greedy line breaking: at spaces, around CJK characters (which break anywhere), and inside a
 * token that is wider than the line (digests, long paths) character by character, so nothing is
 * ever cut at a page edge. Widths are additive because no shaping or kerning is applied.
 */
import type { FontSet, FontStyle } from '../fonts/font-set'

const CJK = /[\u1100-\u11ff\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]|[\u{20000}-\u{3ffff}]/u

function tokens(text: string): string[] {
  const out: string[] = []
  let cur = ''
  for (const ch of text) {
    if (ch === ' ' || CJK.test(ch)) {
      if (cur) out.push(cur)
      out.push(ch)
      cur = ''
    } else {
      cur += ch
      // A break opportunity after these keeps paths and identifiers readable when they wrap.
      if ((ch === '/' || ch === ',' || ch === ';' || ch === '-' || ch === '_') && cur.length > 1) {
        out.push(cur)
        cur = ''
      }
    }
  }
  if (cur) out.push(cur)
  return out
}

export function wrapText(fonts: FontSet, text: string, style: FontStyle, size: number, maxWidth: number): string[] {
  const lines: string[] = []
  let line = ''
  let lineW = 0
  const spaceW = fonts.width(' ', style, size)
  const push = (): void => {
    lines.push(line.replace(/ +$/, ''))
    line = ''
    lineW = 0
  }
  for (const tok of tokens(text)) {
    if (tok === ' ') {
      if (line) {
        line += ' '
        lineW += spaceW
      }
      continue
    }
    const w = fonts.width(tok, style, size)
    if (lineW + w <= maxWidth) {
      line += tok
      lineW += w
      continue
    }
    if (line.trim()) push()
    else {
      line = ''
      lineW = 0
    }
    if (w <= maxWidth) {
      line = tok
      lineW = w
      continue
    }
    for (const ch of tok) {
      const cw = fonts.width(ch, style, size)
      if (lineW + cw > maxWidth && line) push()
      line += ch
      lineW += cw
    }
  }
  if (line.trim() || lines.length === 0) push()
  return lines
}

/** `text` on one line of at most `maxWidth`, cut with an ellipsis when it is wider. */
export function fitText(fonts: FontSet, text: string, style: FontStyle, size: number, maxWidth: number): string {
  if (fonts.width(text, style, size) <= maxWidth) return text
  const chars = [...text]
  let lo = 0
  let hi = chars.length
  // The longest prefix that fits with the ellipsis (widths are additive: no kerning, no shaping).
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (fonts.width(`${chars.slice(0, mid).join('')}…`, style, size) <= maxWidth) lo = mid
    else hi = mid - 1
  }
  return `${chars.slice(0, lo).join('').trimEnd()}…`
}

/** wrapText, at most `maxLines` lines: the last one shown is cut with an ellipsis when text remains. */
export function wrapLines(fonts: FontSet, text: string, style: FontStyle, size: number, maxWidth: number, maxLines: number): string[] {
  const lines = wrapText(fonts, text, style, size, maxWidth)
  if (lines.length <= maxLines) return lines
  const kept = lines.slice(0, maxLines)
  kept[maxLines - 1] = fitText(fonts, `${kept[maxLines - 1] ?? ''}…`, style, size, maxWidth)
  return kept
}
