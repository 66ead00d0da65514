import { describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { checkPackPath } from '../format/paths'
import { EntryGate, isPlainPath, resolveLimits } from './entry-gate'

/** Deterministic pseudo-random generator (tests must not flake). */
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

const ALPHABET = ['a', 'Z', '0', '9', '_', '-', '.', ' ', '+', '=', ',', '@', '/', ':', '\\', '~', '*', 'é', 'e\u0301', '\u0000', 'con', 'COM1', 'lpt9', 'aux', 'nul', 'prn', '..', '//']

function randomPath(next: () => number): string {
  const n = 1 + Math.floor(next() * 12)
  let p = ''
  for (let i = 0; i < n; i++) p += ALPHABET[Math.floor(next() * ALPHABET.length)] as string
  return p
}

describe('isPlainPath (the gate skips the full name check for these)', () => {
  it('never says plain when checkPackPath finds anything or would change the name', () => {
    const next = rng(42)
    let plain = 0
    for (let i = 0; i < 50_000; i++) {
      const p = randomPath(next)
      if (!isPlainPath(p)) continue
      plain++
      const check = checkPackPath(p)
      expect({ p, ok: check.ok, issues: check.issues, normalized: check.normalized }).toEqual({ p, ok: true, issues: [], normalized: p })
    }
    expect(plain).toBeGreaterThan(1000) // the fast path is exercised
  })

  it.each([
    ['data/evaluation/segments/batch-000/segment-00001.csv', true],
    ['data/model weights/model+v2=final@x,y.bin', true],
    ['data/con.txt', false],
    ['data/COM1', false],
    ['data/console.txt', true],
    ['data/a./b', false],
    ['data/a /b', false],
    ['.hidden', false],
    ['data/' + 'x'.repeat(255), true],
    ['data/' + 'x'.repeat(256), false],
    ['data/caf\u00e9', false]
  ])('%s -> %s', (p, want) => {
    expect(isPlainPath(p)).toBe(want)
  })

  it('plain and non-plain names get the same gate findings as before (Windows warnings, case collisions)', () => {
    const findings: Finding[] = []
    const gate = new EntryGate(resolveLimits({}), (f) => findings.push(f))
    expect(gate.admit('data/Model.bin', 'data/Model.bin', 'file', 1)).toBe('read')
    expect(gate.admit('data/model.bin', 'data/model.bin', 'file', 1)).toBe('read')
    expect(gate.admit('data/con.txt', 'data/con.txt', 'file', 1)).toBe('read')
    expect(gate.admit('data/a', 'data/a', 'file', 1)).toBe('read')
    expect(gate.admit('data/a/b', 'data/a/b', 'file', 1)).toBe('read')
    gate.finish()
    expect(findings.map((f) => [f.code, f.path])).toEqual([
      ['name-collision-case', 'data/model.bin'],
      ['windows-unsafe-name', 'data/con.txt'],
      ['file-dir-conflict', 'data/a']
    ])
  })
})
