import { describe, expect, it } from 'vitest'
import {
  checkPackPath,
  collisionKey,
  comparePackPaths,
  decodeManifestPath,
  encodeManifestPath,
  isSafePackPath,
  packPathDepth,
  packPathKey,
  utf8ByteLength
} from './paths'

describe('checkPackPath', () => {
  it.each([
    'data/evaluation/metrics.json',
    'bagit.txt',
    'data/café.csv',
    'data/a b/c%20d.txt',
    'signoffs/2026-11-26T10-00-00Z-owner.json'
  ])('accepts %s', (p) => {
    const c = checkPackPath(p)
    expect(c.ok).toBe(true)
    expect(c.issues).toEqual([])
  })

  it.each([
    ['', 'empty path'],
    ['../x', '".." segment'],
    ['data/../../secrets.json', '".." segment'],
    ['./x', '"." segment'],
    ['/etc/passwd', 'absolute path'],
    ['C:\\win32\\cmd.exe', 'drive path'],
    ['C:/x', 'drive path'],
    ['C:../x', 'drive path'],
    ['\\\\?\\C:\\x', 'UNC'],
    ['//server/share/x', 'UNC'],
    ['a\\..\\..\\x', 'backslash'],
    ['data//x', 'empty segment'],
    ['data/x/', 'empty segment'],
    ['data/x\u0000y', 'control character'],
    ['data/x\ny', 'control character'],
    ['~/.pgp/id_rsa', 'home-relative'],
    ['data/\ud800x', 'UTF-8']
  ])('refuses %j (%s)', (p, why) => {
    const c = checkPackPath(p)
    expect(c.ok).toBe(false)
    expect(c.issues.some((i) => i.code === 'unsafe-path' && i.reason.includes(why))).toBe(true)
  })

  it.each(['data/CON', 'data/aux.txt', 'data/COM1', 'data/x.', 'data/x ', 'data/a.txt:ads', 'data/a?b', `data/${'x'.repeat(256)}`])(
    'warns (but accepts) Windows-hostile %s',
    (p) => {
      const c = checkPackPath(p)
      expect(c.ok).toBe(true)
      expect(c.issues.length).toBeGreaterThan(0)
      expect(c.issues.every((i) => i.code === 'windows-unsafe-name' && i.severity === 'warning')).toBe(true)
    }
  )

  it('reports every issue, not just the first', () => {
    const c = checkPackPath('/a/../b\\c')
    const reasons = c.issues.map((i) => i.reason).join('|')
    expect(reasons).toContain('absolute')
    expect(reasons).toContain('".."')
    expect(reasons).toContain('backslash')
  })

  it('normalises to NFC', () => {
    expect(checkPackPath('data/cafe\u0301').normalized).toBe('data/caf\u00e9')
    expect(isSafePackPath('data/cafe\u0301')).toBe(true)
  })
})

describe('keys and order', () => {
  it('NFC key equates composed and decomposed forms only', () => {
    expect(packPathKey('caf\u00e9')).toBe(packPathKey('cafe\u0301'))
    expect(packPathKey('A.txt')).not.toBe(packPathKey('a.txt'))
  })
  it('collision key folds case, NFC and ß/ss', () => {
    expect(collisionKey('Model.bin')).toBe(collisionKey('model.bin'))
    expect(collisionKey('CAFE\u0301')).toBe(collisionKey('caf\u00e9'))
    expect(collisionKey('stra\u00dfe')).toBe(collisionKey('STRASSE'))
    expect(collisionKey('a.txt')).not.toBe(collisionKey('b.txt'))
  })
  it('sorts by UTF-8 bytes (C locale)', () => {
    const xs = ['b', 'B', 'a/z', 'a', '\u00e9', 'z']
    expect([...xs].sort(comparePackPaths)).toEqual(['B', 'a', 'a/z', 'b', 'z', '\u00e9'])
  })
  it('depth counts segments', () => {
    expect(packPathDepth('a/b/c')).toBe(3)
    expect(packPathDepth('a')).toBe(1)
  })
})

describe('manifest path percent-encoding (RFC 8493 2.1.3)', () => {
  it('encodes CR, LF and % only', () => {
    expect(encodeManifestPath('data/a\r\nb%c d')).toBe('data/a%0D%0Ab%25c d')
  })
  it('decodes both hex cases and leaves other escapes', () => {
    expect(decodeManifestPath('data/a%0d%0Ab%25c%20d')).toBe('data/a\r\nb%c%20d')
  })
  it('round-trips', () => {
    for (const p of ['x', 'a%25b', '%0A', 'line\nbreak%', '100%\r']) {
      expect(decodeManifestPath(encodeManifestPath(p))).toBe(p)
    }
  })
})

describe('allocation-free helpers agree with the obvious definitions', () => {
  const samples = ['', 'a', 'data/x.txt', 'caf\u00e9', '\u{1f600}/\u00e9', '\ud800', 'z\uffff', '\u{10000}', 'a/b//c', '\u00df/\u0130']
  it('utf8ByteLength = TextEncoder length', () => {
    for (const s of samples) expect(utf8ByteLength(s)).toBe(new TextEncoder().encode(s).length)
  })
  it('comparePackPaths = byte order of NFC UTF-8', () => {
    const enc = (s: string): number[] => [...new TextEncoder().encode(s.normalize('NFC'))]
    const byBytes = (a: string, b: string): number => {
      const x = enc(a)
      const y = enc(b)
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number)
      return x.length - y.length
    }
    for (const a of samples.filter((s) => !s.includes('\ud800'))) for (const b of samples.filter((s) => !s.includes('\ud800'))) {
      expect(Math.sign(comparePackPaths(a, b))).toBe(Math.sign(byBytes(a, b)))
    }
  })
})
