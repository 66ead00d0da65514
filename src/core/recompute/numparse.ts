/**
 * Decimal numbers straight from CSV bytes, to the nearest double (as Python's float() and
 * JavaScript's Number() read them), without building a string per cell.
 * Fast path (Clinger 1990): up to 15 significant digits and a power of ten within 10^±22 are
 * both exact doubles, so one IEEE division or multiplication is correctly rounded. Anything
 * longer goes through Number() on the validated text, which is correctly rounded too.
 * Syntax: [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)? ; nothing else (no spaces,
 * no inf/nan, no hex, no thousands separators).
 */

const POW10 = Array.from({ length: 23 }, (_, i) => Number(`1e${i}`))

/** The value, or NaN when the bytes are not a number in the syntax above (empty included). */
export function parseDecimalBytes(b: Uint8Array, start: number, end: number): number {
  let i = start
  if (i >= end) return Number.NaN
  let neg = false
  let c = b[i] as number
  if (c === 0x2d || c === 0x2b) {
    neg = c === 0x2d
    i++
  }
  let mant = 0
  let sig = 0
  let intDigits = 0
  let fracDigits = 0
  let scale = 0
  while (i < end) {
    c = (b[i] as number) - 0x30
    if (c < 0 || c > 9) break
    if (sig > 0 || c !== 0) {
      mant = mant * 10 + c
      sig++
    }
    intDigits++
    i++
  }
  if (i < end && b[i] === 0x2e) {
    i++
    while (i < end) {
      c = (b[i] as number) - 0x30
      if (c < 0 || c > 9) break
      if (sig > 0 || c !== 0) {
        mant = mant * 10 + c
        sig++
      }
      scale--
      fracDigits++
      i++
    }
  }
  if (intDigits + fracDigits === 0) return Number.NaN
  let exp = 0
  if (i < end && (b[i] === 0x65 || b[i] === 0x45)) {
    i++
    let eneg = false
    if (i < end && (b[i] === 0x2d || b[i] === 0x2b)) {
      eneg = b[i] === 0x2d
      i++
    }
    const e0 = i
    while (i < end) {
      c = (b[i] as number) - 0x30
      if (c < 0 || c > 9) break
      if (exp < 100000) exp = exp * 10 + c
      i++
    }
    if (i === e0) return Number.NaN
    if (eneg) exp = -exp
  }
  if (i !== end) return Number.NaN
  if (mant === 0) return 0
  if (sig <= 15) {
    const k = scale + exp
    if (k === 0) return neg ? -mant : mant
    if (k < 0 && k >= -22) return (neg ? -mant : mant) / (POW10[-k] as number)
    if (k > 0 && k <= 22 && sig + k <= 15) return (neg ? -mant : mant) * (POW10[k] as number)
  }
  return slow(b, start, end)
}

/** Number() on the validated text (correctly rounded); NaN when it overflows to ±Infinity. */
function slow(b: Uint8Array, start: number, end: number): number {
  let s = ''
  for (let i = start; i < end; i++) s += String.fromCharCode(b[i] as number)
  const v = Number(s)
  return Number.isFinite(v) ? (v === 0 ? 0 : v) : Number.NaN
}
