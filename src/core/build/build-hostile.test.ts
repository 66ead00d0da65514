/**
 * What `vouch build` does with hostile or oversized identity fields (issue #10): refuses them with
 * a finding naming the field and writes nothing, instead of copying a raw NUL into bag-info.txt
 * or building a pack whose name can never be signed.
 */
import { readFile } from 'node:fs/promises'
import { afterEach, describe, expect, it } from 'vitest'
import { serializeBagInfo } from '../format/bagit'
import { MAX_NAME_CHARS, MAX_VERSION_CHARS } from '../format/schemas'
import { findRawUnsafe } from '../text/testing'
import { makePack, type MakePackOptions, type TestPack } from '../verify/testing/make-pack'
import { verifyPack } from '../verify/verify'
import { buildPack } from './build'

const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()))
})
async function unbuilt(evidence: MakePackOptions['evidence']): Promise<TestPack> {
  const p = await makePack({ build: false, evidence })
  cleanups.push(p.cleanup)
  return p
}
type Ev = Parameters<NonNullable<MakePackOptions['evidence']>>[0]
const exists = (p: TestPack, f: string): Promise<boolean> => readFile(p.abs(f)).then(() => true, () => false)

describe('build refuses hostile and oversized identity fields, naming the field', () => {
  it.each([
    ['a NUL in the name', 'name', 'data/pack.json', '/name', (ev: Ev) => void (ev.pack.name = 'credit\u0000scorer')],
    ['ESC and BEL in the name', 'name', 'data/pack.json', '/name', (ev: Ev) => void (ev.pack.name = 'x\u001b]0;pwned\u0007')],
    ['a zero-width space in the name', 'name', 'data/pack.json', '/name', (ev: Ev) => void (ev.pack.name = 'credit\u200bscorer')],
    ['U+202E in the name', 'name', 'data/pack.json', '/name', (ev: Ev) => void (ev.pack.name = 'scorer\u202egnp')],
    ['a trailing space in the name', 'name', 'data/pack.json', '/name', (ev: Ev) => void (ev.pack.name = 'scorer ')],
    [`a name of ${MAX_NAME_CHARS + 1} characters`, 'name', 'data/pack.json', '/name', (ev: Ev) => void (ev.pack.name = 'n'.repeat(MAX_NAME_CHARS + 1))],
    ['a 5,000-character name', 'name', 'data/pack.json', '/name', (ev: Ev) => void (ev.pack.name = 'n'.repeat(5000))],
    [`a version of ${MAX_VERSION_CHARS + 1} characters`, 'version', 'data/pack.json', '/version', (ev: Ev) => void (ev.pack.version = '1'.repeat(MAX_VERSION_CHARS + 1))],
    ['U+2066 in the previous version', 'previousVersion', 'data/pack.json', '/previousVersion', (ev: Ev) => void (ev.pack.previousVersion = '0.9\u2066')],
    ['a line break in the run ID', 'runId', 'data/traceability.json', '/runId', (ev: Ev) => void (ev.traceability.runId = 'run-1\nrun-2')],
    ['a leading space in the data version', 'dataVersion', 'data/traceability.json', '/dataVersion', (ev: Ev) => void (ev.traceability.dataVersion = ' 2026.10')]
  ])('%s', async (_label, field, path, pointer, edit) => {
    const p = await unbuilt(edit)
    const r = await buildPack(p.dir)
    expect(r.ok).toBe(false)
    const f = r.findings.find((x) => x.severity === 'error' && x.path === path && x.pointer === pointer)
    expect(f, JSON.stringify(r.findings)).toBeDefined()
    expect(f?.message).toContain(field)
    expect(await exists(p, 'bag-info.txt')).toBe(false)
  })

  it('refuses a tag character (a format character above U+FFFF) in a value copied to bag-info.txt', async () => {
    const p = await unbuilt((ev) => void (ev.pack.name = 'scorer\u{e0041}\u{e0042}'))
    const r = await buildPack(p.dir)
    expect(r.ok).toBe(false)
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'bag-info-value-invalid', path: 'data/pack.json', pointer: '/name' }))
    expect(await exists(p, 'bag-info.txt')).toBe(false)
  })

  it('accepts the longest name and version, in astral characters, and the pack verifies', async () => {
    const name = '𝐀'.repeat(MAX_NAME_CHARS)
    const version = '𝟏'.repeat(MAX_VERSION_CHARS)
    const p = await unbuilt((ev) => {
      ev.pack.name = name
      ev.pack.version = version
    })
    const r = await buildPack(p.dir)
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(r.ok).toBe(true)
    const v = await verifyPack(p.dir)
    expect(v.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(v.pack).toMatchObject({ name, version })
  })
})

describe('serializeBagInfo', () => {
  it('never writes a raw control or bidi character, whatever it is given', () => {
    const text = serializeBagInfo([['Pack-Name', 'a\u0000b\u001b[2J\u202ec\u0085'], ['Run-ID', 'r\u2028s']])
    expect(findRawUnsafe(text, true)).toBeUndefined()
    expect(text).toBe('Pack-Name: a\\x00b\\x1b[2J\\u202ec\\x85\nRun-ID: r\\u2028s\n')
    expect(() => serializeBagInfo([['Pack\u202e-Name', 'x']])).toThrow(RangeError)
  })
})
