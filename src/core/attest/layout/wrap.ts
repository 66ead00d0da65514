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
