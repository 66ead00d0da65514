import { describe, expect, it } from 'vitest'
import { compareDecimal, holds, thresholdMet, valueMeetsThreshold } from './decimal'

describe('compareDecimal', () => {
  it('compares equal values written differently as equal', () => {
    expect(compareDecimal('0.8', '0.80')).toBe(0)
    expect(compareDecimal('8e-1', '0.800')).toBe(0)
    expect(compareDecimal('-0', '0.000')).toBe(0)
    expect(compareDecimal('100', '1E2')).toBe(0)
    expect(compareDecimal('0012.50', '12.5')).toBe(0)
  })

  it('decides on the digits, not on doubles', () => {
    expect(compareDecimal('0.30000000000000004', '0.3')).toBe(1)
    expect(compareDecimal('0.3', '0.30000000000000004')).toBe(-1)
    // Equal as doubles, different as decimals.
    expect(0.1000000000000000055511151231257827 === 0.1).toBe(true)
    expect(compareDecimal('0.1000000000000000055511151231257827', '0.1')).toBe(1)
    expect(compareDecimal('123456789012345678901234567890', '123456789012345678901234567891')).toBe(-1)
  })

  it('orders signs and magnitudes', () => {
    expect(compareDecimal('-1', '0')).toBe(-1)
    expect(compareDecimal('-1', '-2')).toBe(1)
    expect(compareDecimal('-0.5', '-0.50')).toBe(0)
    expect(compareDecimal('1e-10', '0')).toBe(1)
    expect(compareDecimal('9.99', '10')).toBe(-1)
    expect(compareDecimal('0.09', '0.1')).toBe(-1)
  })

  it('throws on non-literals', () => {
    expect(() => compareDecimal('NaN', '1')).toThrow(RangeError)
    expect(() => compareDecimal('1.', '1')).toThrow(RangeError)
  })
})

describe('holds / thresholdMet', () => {
  it('applies each comparator exactly', () => {
    expect(holds('0.8', '>=', '0.80')).toBe(true)
    expect(holds('0.8', '>', '0.80')).toBe(false)
    expect(holds('0.8', '==', '0.80')).toBe(true)
    expect(holds('0.30000000000000004', '<=', '0.3')).toBe(false)
    expect(holds('0.30000000000000004', '>', '0.3')).toBe(true)
    expect(holds('0.05', '<', '0.050001')).toBe(true)
  })

  it('is undefined without a threshold', () => {
    expect(thresholdMet({ valueLiteral: '1' })).toBeUndefined()
    expect(thresholdMet({ valueLiteral: '0.79', thresholdLiteral: '0.8', comparator: '>=' })).toBe(false)
  })
})

describe('valueMeetsThreshold (slice values against the headline threshold)', () => {
  it('compares the value exactly against the threshold literal', () => {
    // 0.1 + 0.2 is the double 0.30000000000000004: above a literal 0.3, never rounded to equal.
    expect(valueMeetsThreshold(0.1 + 0.2, { thresholdLiteral: '0.3', comparator: '<=' })).toBe(false)
    expect(valueMeetsThreshold(0.3, { thresholdLiteral: '0.30', comparator: '<=' })).toBe(true)
    expect(valueMeetsThreshold(1e-7, { thresholdLiteral: '0.0000001', comparator: '==' })).toBe(true)
    expect(valueMeetsThreshold(0.5, { comparator: '>=' })).toBeUndefined()
  })
})
