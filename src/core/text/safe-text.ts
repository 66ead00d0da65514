/**
 * The one sanitiser for text derived from a pack (or any other file Vouch did not write) before it
 * reaches a terminal, a PDF or a file. A pack name carrying ESC can retitle a terminal (OSC) or
 * repaint a verdict; U+202E can make "evil.zip" read as "piz.live"; NUL truncates strings in C
 * readers. Such characters are shown escaped, never passed through:
 *
 *   - C0 and C1 controls and DEL (general category Cc)                  -> \x1b, \x7f, \x9b
 *   - format characters (Cf): the bidi controls U+202A-U+202E and U+2066-U+2069, the marks
 *     U+200E/U+200F/U+061C, zero-width space, BOM, tag characters, ...  -> \u202e, \u{e0041}
 *     except U+200C and U+200D (zero-width non-joiner and joiner), which Persian, Indic scripts and
 *     emoji sequences need and which cannot reorder or hide text
 *   - the line and paragraph separators U+2028 and U+2029                -> \u2028
 *   - unpaired surrogates (not text at all)                              -> \ud800
 *
 * Everything else (any script, emoji, spaces) passes unchanged. A backslash is not escaped: the
 * output is for reading, and the exact value is in the pack (or in `--json`, see safeJson).
 */

/** What is escaped (see above). `u` flag: \p classes, and a lone surrogate is one code point. */
const UNSAFE = /(?!\u200c|\u200d)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu
const UNSAFE_TEST = /(?!\u200c|\u200d)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u
/** The same, less the newline: in JSON.stringify's output a raw newline is indentation, never inside a string. */
const UNSAFE_IN_JSON = /(?!\u200c|\u200d|\n)[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu

function escape(ch: string): string {
  const cp = ch.codePointAt(0) as number
  const hex = cp.toString(16)
  if (cp <= 0xff) return `\\x${hex.padStart(2, '0')}`
  if (cp <= 0xffff) return `\\u${hex.padStart(4, '0')}`
  return `\\u{${hex}}`
}

/** True when `s` holds a character safeText would escape. */
export function hasUnsafeText(s: string): boolean {
  return UNSAFE_TEST.test(s)
}

/** `s` with every control, format, separator and unpaired surrogate character shown escaped. */
export function safeText(s: string): string {
  return UNSAFE_TEST.test(s) ? s.replace(UNSAFE, escape) : s
}

/** JSON \u escapes of a character (a surrogate pair for code points above U+FFFF). */
function jsonEscape(ch: string): string {
  let out = ''
  for (let i = 0; i < ch.length; i++) out += `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`
  return out
}

/**
 * JSON text of `value` that parses to exactly the same value as JSON.stringify's, but carries no
 * raw control, format or separator character: JSON.stringify escapes C0 controls and unpaired
 * surrogates, not DEL, C1 or U+202E. Those can only occur inside strings, where a \u escape means
 * the same character, so `JSON.parse(safeJson(v))` deep-equals `JSON.parse(JSON.stringify(v))`.
 */
export function safeJson(value: unknown, space?: number): string {
  const text = (JSON.stringify(value, null, space) as string | undefined) ?? 'null'
  return UNSAFE_TEST.test(text) ? text.replace(UNSAFE_IN_JSON, jsonEscape) : text
}
