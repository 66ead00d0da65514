import { describe, expect, it } from 'vitest'
import { exactDelta, slowDelta, tolCtx } from './compare'
import { parseSmall } from './decimal'
import { rng } from './test-builders'

function literal(r: () => number): string {
  const digits = 1 + Math.floor(r() * 15)
  let s = ''
  for (let i = 0; i < digits; i++) s += String(Math.floor(r() * 10))
  const scale = Math.floor(r() * (digits + 1))
  const body = scale === 0 ? s : scale === digits ? `0.${s}` : `${s.slice(0, digits - scale)}.${s.slice(digits - scale)}`
  return r() < 0.3 ? `-${body}` : body
}

const side = (l: string) => ({ value: Number(l), literal: l, threshold: undefined })

describe('exact delta: fast path agrees with the BigInt path', () => {
  it('parses only plain literals of at most 15 digits', () => {
    expect(parseSmall('0.7643')).toEqual({ m: 7643, s: 4 })
    expect(parseSmall('-12')).toEqual({ m: -12, s: 0 })
    expect(parseSmall('1e-7')).toBeUndefined()
    expect(parseSmall('1.')).toBeUndefined()
    expect(parseSmall('1234567890123456')).toBeUndefined()
    expect(parseSmall('')).toBeUndefined()
    expect(parseSmall('1.2.3')).toBeUndefined()
  })

  it('on 20,000 random pairs and tolerances, including exact boundaries', () => {
    const r = rng(7)
    const tols = [tolCtx({ absolute: 0.005, relative: 0.005 }), tolCtx({ absolute: 0, relative: 0 }), tolCtx({ absolute: 1.25, relative: 0.1 }), tolCtx({ absolute: 0.0001, relative: 0.333 })]
    let fastUsed = 0
    for (let i = 0; i < 20_000; i++) {
      const a = literal(r)
      // Every fourth pair sits exactly on the absolute tolerance from the first value.
      const b = i % 4 === 0 ? String(Number(a) + 0.005) : literal(r)
      const tol = tols[i % tols.length]!
      const slow = slowDelta(side(a), side(b), tol)
      const fast = exactDelta(side(a), side(b), tol)
      if (parseSmall(a) && parseSmall(b)) fastUsed++
      expect(fast, `${a} -> ${b}`).toEqual(slow)
    }
    expect(fastUsed).toBeGreaterThan(10_000)
  })

  it('a delta exactly at the tolerance is within it on both paths', () => {
    const tol = tolCtx({ absolute: 0.005, relative: 0.005 })
    expect(exactDelta(side('0.800'), side('0.795'), tol)).toEqual({ literal: '-0.005', value: -0.005, sign: -1, beyond: false })
    expect(exactDelta(side('0.8'), side('0.7949'), tol).beyond).toBe(true)
    expect(exactDelta(side('1000'), side('995'), tol).beyond).toBe(false)
    expect(exactDelta(side('1e3'), side('995'), tol).beyond).toBe(false) // BigInt path (exponent)
  })
})
