import { describe, expect, it } from 'vitest'
import { cmpDec, decOfNumber, formatDec, mulDec, parseDec, subDec } from './decimal'

const d = (s: string) => {
  const x = parseDec(s)
  if (!x) throw new Error(`not a decimal: ${s}`)
  return x
}

describe('decimal', () => {
  it('subtracts exactly where floats do not', () => {
    expect(0.79 - 0.8).not.toBe(-0.01)
    expect(formatDec(subDec(d('0.79'), d('0.80'))!)).toBe('-0.01')
    expect(formatDec(subDec(d('0.3'), d('0.1'))!)).toBe('0.2')
  })
  it('parses exponents and signs, formats canonically', () => {
    expect(formatDec(d('1e-7'))).toBe('0.0000001')
    expect(formatDec(d('1.5e+3'))).toBe('1500')
    expect(formatDec(d('-0.500'))).toBe('-0.5')
    expect(formatDec(d('-0'))).toBe('0')
    expect(formatDec(decOfNumber(1e-7)!)).toBe('0.0000001')
    expect(parseDec('abc')).toBeUndefined()
    expect(parseDec('1.2.3')).toBeUndefined()
    expect(decOfNumber(Number.NaN)).toBeUndefined()
    expect(decOfNumber(Number.POSITIVE_INFINITY)).toBeUndefined()
  })
  it('compares exactly, across signs and scales', () => {
    expect(cmpDec(d('0.80'), d('0.8'))).toBe(0)
    expect(cmpDec(d('0.7999999999999999999'), d('0.8'))).toBe(-1)
    expect(cmpDec(d('-1'), d('0'))).toBe(-1)
    expect(cmpDec(d('0'), d('-0.0001'))).toBe(1)
    expect(cmpDec(d('-2'), d('-1'))).toBe(-1)
    expect(cmpDec(d('1e2'), d('99.9'))).toBe(1)
  })
  it('multiplies exactly (relative tolerance bounds)', () => {
    expect(formatDec(mulDec(d('0.005'), d('0.8')))).toBe('0.004')
  })
})
