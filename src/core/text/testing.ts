/**
 * For tests: the characters that must never reach an output raw (an independent list, written out
 * by hand rather than derived from safe-text.ts, so a mistake there does not hide here).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const RAW_UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\udb40[\udc01-\udc7f]/

/** The first raw unsafe character in `text` with some context, or undefined. Newlines count as safe when `allowNewlines`. */
export function findRawUnsafe(text: string, allowNewlines = false): string | undefined {
  const t = allowNewlines ? text.replace(/\n/g, ' ') : text
  const m = RAW_UNSAFE.exec(t)
  if (!m) return undefined
  const cp = (m[0].codePointAt(0) as number).toString(16)
  return `U+${cp.padStart(4, '0')} at ${m.index}: ${JSON.stringify(t.slice(Math.max(0, m.index - 30), m.index + 10))}`
}
