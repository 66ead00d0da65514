/**
 * Build and verify agree (issue #10): for random strings in every text field of pack.json and
 * traceability.json (any script, astral characters, spaces where bag-info trims them, control and
 * bidi characters, line breaks, up to a few hundred characters), `vouch build` either refuses with
 * an error finding, or writes a pack that `vouch verify` passes with no error. Seeded: the same
 * cases every run; a failure prints the seed and the strings.
 */
import { describe, expect, it } from 'vitest'
import { rng } from '../diff/test-builders'
import { makePack, type MakePackOptions, type TestPack } from '../verify/testing/make-pack'
import { verifyPack } from '../verify/verify'
import { buildPack } from './build'

const PIECES = [
  'a', 'Z', '0', '9', '.', '-', '_', ':', '@', '/', '#', '"', '\\', ' ', '  ', '\u00a0', '\u3000', '\u2009',
  'é', 'e\u0301', 'ß', 'İ', 'Ω', 'я', '信', '用', 'ア', '한', 'ع', 'א', '😀', '👩‍💻', '\u{1d400}', '\u{20000}',
  '\u0000', '\u0007', '\t', '\n', '\r\n', '\r', '\u001b', '\u001b[31m', '\u007f', '\u0085', '\u009b',
  '\u202e', '\u202a', '\u2066', '\u2069', '\u200e', '\u200f', '\u061c', '\u2028', '\u2029', '\ufeff', '\u200b', '\u200d', '\u200c', '\u00ad', '\u2060', '\u{e0041}', '\u{e0001}'
]

function randomString(next: () => number): string {
  const r = next()
  if (r < 0.05) return ''
  const long = r > 0.9
  const n = long ? 30 + Math.floor(next() * 300) : 1 + Math.floor(next() * 12)
  let s = ''
  for (let i = 0; i < n; i++) s += next() < 0.6 ? 'abcdefghijklmnop'[Math.floor(next() * 16)] : PIECES[Math.floor(next() * PIECES.length)]
  return s
}

type Ev = Parameters<NonNullable<MakePackOptions['evidence']>>[0]
type Setter = (ev: Ev, s: string) => void
const FIELDS: Readonly<Record<string, Setter>> = {
  'pack.name': (ev, s) => void (ev.pack.name = s),
  'pack.version': (ev, s) => void (ev.pack.version = s),
  'pack.previousVersion': (ev, s) => void (ev.pack.previousVersion = s),
  'pack.description': (ev, s) => void (ev.pack.description = s),
  'pack.model.name': (ev, s) => void (ev.pack.model.name = s),
  'pack.owners[0].name': (ev, s) => void ((ev.pack.owners[0] as { name: string }).name = s),
  'pack.intendedUse[0]': (ev, s) => void (ev.pack.intendedUse[0] = s),
  'traceability.repository': (ev, s) => void (ev.traceability.repository = s),
  'traceability.dataVersion': (ev, s) => void (ev.traceability.dataVersion = s),
  'traceability.runId': (ev, s) => void (ev.traceability.runId = s),
  'traceability.pipeline': (ev, s) => void (ev.traceability.pipeline = s),
  'traceability.environment.python': (ev, s) => void ((ev.traceability.environment as Record<string, string>).python = s)
}

const SEED = 0x10b1d
const CASES = 160
describe('build and verify agree', () => {
  it(`on ${CASES} random sets of pack.json and traceability.json strings (seed ${SEED})`, async () => {
    const next = rng(SEED)
    const keys = Object.keys(FIELDS)
    const disagreements: string[] = []
    let built = 0
    let refused = 0
    for (let i = 0; i < CASES; i++) {
      const chosen: [string, string][] = []
      for (const k of keys) if (next() < 0.35) chosen.push([k, randomString(next)])
      // At least one field changes; failing that, one of the three copied to bag-info.txt.
      if (chosen.length === 0) chosen.push([keys[Math.floor(next() * 3)] as string, randomString(next)])
      let p: TestPack | undefined
      try {
        p = await makePack({ build: false, evidence: (ev) => chosen.forEach(([k, s]) => FIELDS[k]?.(ev, s)) })
        const b = await buildPack(p.dir)
        if (!b.ok) {
          if (!b.findings.some((f) => f.severity === 'error')) disagreements.push(`case ${i}: build refused without an error finding ${JSON.stringify(chosen)}`)
          refused++
          continue
        }
        built++
        const v = await verifyPack(p.dir)
        const errors = v.findings.filter((f) => f.severity === 'error')
        if (errors.length > 0) disagreements.push(`case ${i}: built, then verify said ${errors.map((f) => `${f.code}: ${f.message}`).join('; ')} for ${JSON.stringify(chosen)}`)
      } finally {
        await p?.cleanup()
      }
    }
    expect(disagreements).toEqual([])
    // Both outcomes were exercised.
    expect(built).toBeGreaterThan(CASES / 8)
    expect(refused).toBeGreaterThan(CASES / 5)
  })
})
