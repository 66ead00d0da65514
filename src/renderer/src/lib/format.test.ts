import { describe, expect, it } from 'vitest'
import { baseName, formatBytes, formatCount, formatDelta, formatNumber, formatPercent, plural } from './format'

describe('format', () => {
  it('bytes in binary multiples, one decimal above bytes', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KB')
    expect(formatBytes(3 * 1024 ** 3)).toBe('3.0 GB')
    expect(formatBytes(-1)).toBe('—')
    expect(formatBytes(Number.NaN)).toBe('—')
  })
  it('counts with thousands separators, whatever the locale', () => {
    expect(formatCount(50017)).toBe('50,017')
    expect(formatCount(999)).toBe('999')
    expect(formatCount(1234567)).toBe('1,234,567')
  })
  it('numbers, deltas and percentages for people', () => {
    expect(formatNumber(0.79581234)).toBe('0.7958')
    expect(formatNumber(undefined)).toBe('—')
    expect(formatDelta(-0.0472)).toBe('\u22120.0472')
    expect(formatDelta(0.0085)).toBe('+0.0085')
    expect(formatDelta(0)).toBe('0')
    expect(formatPercent(-0.063)).toBe('\u22126.3%')
    expect(formatPercent(0.25)).toBe('+25%')
  })
  it('base names of POSIX and Windows paths', () => {
    expect(baseName('/tmp/x/credit-default-1.1.0/')).toBe('credit-default-1.1.0')
    expect(baseName('C:\\packs\\a.zip')).toBe('a.zip')
    expect(plural(1, 'finding')).toBe('1 finding')
    expect(plural(2, 'finding')).toBe('2 findings')
  })
})
