/**
 * Numbers in a column line up on the decimal point: each value is split into the part before the
 * point (right-aligned) and the point with what follows (left-aligned in a box as wide as the
 * column's widest), set in tabular figures. Pure, so the split is tested without a browser.
 */

export interface SplitNumber {
  readonly int: string
  /** The decimal point and everything after it (digits, %, unit), or '' for a whole number. */
  readonly frac: string
}

export function splitDecimal(text: string): SplitNumber {
  const m = /^(.*?\d)(\.\d.*)$/.exec(text)
  return m ? { int: m[1] ?? text, frac: m[2] ?? '' } : { int: text, frac: '' }
}

/** The width, in characters, of the widest fraction part in a column (0 when none has one). */
export function fracWidth(values: readonly (string | undefined)[]): number {
  let w = 0
  for (const v of values) if (v !== undefined) w = Math.max(w, splitDecimal(v).frac.length)
  return w
}
