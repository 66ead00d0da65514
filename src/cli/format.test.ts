import { describe, expect, it } from 'vitest'
import { countFindings, describeCounts, formatFindings, safeText, sortFindings } from './format/findings'
import { colourEnabled, PLAIN } from './format/style'
import { formatBytes, formatDuration, plural } from './format/units'

describe('cli/format', () => {
  it('sizes and durations read like ls -h and a stopwatch', () => {
    expect(formatBytes(0)).toBe('0 B')
    expect(formatBytes(1023)).toBe('1023 B')
    expect(formatBytes(1536)).toBe('1.5 KiB')
    expect(formatBytes(3.5 * 1024 ** 3)).toBe('3.5 GiB')
    expect(formatBytes(250 * 1024 ** 2)).toBe('250 MiB')
    expect(formatDuration(42.4)).toBe('42 ms')
    expect(formatDuration(1500)).toBe('1.5 s')
    expect(formatDuration(125_000)).toBe('2 min 5 s')
    expect(plural(1, 'file')).toBe('1 file')
    expect(plural(2, 'file')).toBe('2 files')
  })

  it('colour only on a TTY, never with NO_COLOR or TERM=dumb', () => {
    expect(colourEnabled({ isTTY: false, env: {} })).toBe(false)
    expect(colourEnabled({ isTTY: true, env: {} })).toBe(true)
    expect(colourEnabled({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false)
    expect(colourEnabled({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true)
    expect(colourEnabled({ isTTY: true, env: { TERM: 'dumb' } })).toBe(false)
  })

  it('findings: errors first, stable within a severity, counted and described', () => {
    const fs = [
      { code: 'a', severity: 'info' as const, message: 'i' },
      { code: 'b', severity: 'error' as const, message: 'e1', path: 'data/x' },
      { code: 'c', severity: 'warning' as const, message: 'w' },
      { code: 'd', severity: 'error' as const, message: 'e2' }
    ]
    expect(sortFindings(fs).map((f) => f.code)).toEqual(['b', 'd', 'c', 'a'])
    expect(countFindings(fs)).toEqual({ error: 2, warning: 1, info: 1 })
    expect(describeCounts(countFindings(fs))).toBe('2 errors, 1 warning, 1 note')
    expect(describeCounts({ error: 0, warning: 0, info: 0 })).toBe('no findings')
    expect(formatFindings(fs, PLAIN).split('\n')[0]).toBe('error   b  data/x')
    expect(formatFindings([], PLAIN)).toBe('')
  })

  it('escapes terminal control characters, keeps other Unicode', () => {
    expect(safeText('a\u001b[31mb\nc\u009bd')).toBe('a\\x1b[31mb\\x0ac\\x9bd')
    expect(safeText('données – ✓')).toBe('données – ✓')
  })
})
