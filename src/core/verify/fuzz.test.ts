import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { exampleEvidence, exampleEvidenceFiles } from '../build/examples'
import type { ScannedFile } from '../io/reader'
import { checkPack, keepForVerify } from './check'

// Hostile bytes in every file the verifier parses: it must return a report (findings), never throw.
function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}
const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const base = (): Map<string, Uint8Array> => {
  const m = new Map([...exampleEvidenceFiles(exampleEvidence('tabular'))].map(([p, t]) => [p, enc(t)]))
  m.set('bagit.txt', enc('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'))
  m.set('bag-info.txt', enc('Pack-Name: x\nPayload-Oxum: 1.1\n'))
  m.set('manifest-sha256.txt', enc(`${'a'.repeat(64)}  data/pack.json\n`))
  m.set('tagmanifest-sha256.txt', enc(`${'b'.repeat(64)}  bagit.txt\n`))
  return m
}
const ALPHABET = ['{', '}', '[', ']', '"', ':', ',', '\\', 'u', 'd', '8', '0', ' ', '\n', '\r', '\t', '%', '/', '.', '-', 'e', '1', 'N', '\ufeff', 'é', '\u0000', 'data/', '  ', '*']

function mutate(bytes: Uint8Array, r: () => number): Uint8Array {
  const text = new TextDecoder().decode(bytes)
  const ops = 1 + Math.floor(r() * 6)
  let t = text
  for (let i = 0; i < ops; i++) {
    const at = Math.floor(r() * (t.length + 1))
    const pick = ALPHABET[Math.floor(r() * ALPHABET.length)] ?? ''
    const kind = r()
    t = kind < 0.4 ? t.slice(0, at) + pick + t.slice(at) : kind < 0.8 ? t.slice(0, at) + t.slice(at + 1 + Math.floor(r() * 8)) : t.slice(0, at)
  }
  const out = enc(t)
  if (r() < 0.1 && out.length > 0) out[Math.floor(r() * out.length)] = 0xff // invalid UTF-8
  return out
}

describe('checkPack on mutated inputs', () => {
  it('never throws over 300 random mutations of tag files and evidence', () => {
    const r = rng(20261126)
    for (let i = 0; i < 300; i++) {
      const files = base()
      const paths = [...files.keys()]
      const target = paths[Math.floor(r() * paths.length)] as string
      files.set(target, mutate(files.get(target) as Uint8Array, r))
      const scanned: ScannedFile[] = [...files].map(([path, bytes]) => ({
        entry: { path, rawName: path, kind: 'file', size: bytes.length },
        sha256: createHash('sha256').update(bytes).digest('hex'),
        bytesRead: bytes.length,
        ...(keepForVerify(path, bytes.length) ? { content: bytes } : {})
      }))
      const report = checkPack({ kind: 'folder', location: '/fuzz', files: scanned, readerFindings: [], durationMs: 0 })
      expect(report.status).toBe('failed')
      for (const f of report.findings) {
        expect(f.message).not.toMatch(/\n|at .*\.ts:\d+/)
        expect(typeof f.code).toBe('string')
      }
    }
  })
})
