import { describe, expect, it } from 'vitest'
import type { FileRecord } from './domain'
import { createHttpApi } from './http-transport'
import { PACK_FILES_FROM, packFiles, packResult, unpackResult } from './report-wire'

const H = (c: string): string => c.repeat(64)

/** Every shape core writes (check.ts), then many intact files. */
function records(n: number): FileRecord[] {
  const shapes: FileRecord[] = [
    { path: 'bag-info.txt', size: 10, sha256: H('a'), expected: H('a'), status: 'tag' },
    { path: 'data/bad.json', size: 3, sha256: H('b'), expected: H('c'), status: 'mismatch' },
    { path: 'data/gone.json', size: 0, expected: H('d'), status: 'missing' },
    { path: 'data/link.json', size: 0, expected: H('e'), status: 'refused' },
    { path: 'data/fifo', size: 0, status: 'refused' },
    { path: 'data/extra.bin', size: 7, sha256: H('f'), status: 'unexpected' },
    { path: 'signoffs/a.json', size: 99, sha256: H('1'), status: 'signoff' },
    { path: 'data/caf\u00e9 \u{1F600}.txt', size: 5, sha256: H('2'), expected: H('2'), status: 'ok' }
  ]
  for (let i = shapes.length; i < n; i++) shapes.push({ path: `data/cases/c${i}.json`, size: i, sha256: H(String(i % 10)), expected: H(String(i % 10)), status: 'ok' })
  return shapes
}

describe('file lists on the HTTP transport', () => {
  it('a long list travels packed and comes back equal, keys in the same order', () => {
    const report = { status: 'verified', files: records(PACK_FILES_FROM + 5), stats: { filesChecked: 1005 } }
    const wire = JSON.parse(JSON.stringify(packResult(report))) as unknown
    expect((wire as { files: { packed?: string } }).files.packed).toBe('files/v1')
    const back = unpackResult(wire)
    expect(back).toEqual(report)
    expect(JSON.stringify(back)).toBe(JSON.stringify(report))
    expect(JSON.stringify(wire).length).toBeLessThan(JSON.stringify(report).length * 0.7)
  })

  it('a short list, a list with anything a file record never has, and other values stay as they are', () => {
    const short = { files: records(10) }
    expect(packResult(short)).toBe(short)
    const odd = records(PACK_FILES_FROM + 1)
    expect(packFiles([...odd, { ...odd[0], extra: 1 }])).toBeUndefined()
    expect(packFiles([...odd, { ...odd[0], size: '1' }])).toBeUndefined()
    expect(packFiles([...odd, { ...odd[0], sha256: undefined }])).toBeUndefined()
    expect(packFiles([...odd, null])).toBeUndefined()
    const diffLike = { files: Array.from({ length: PACK_FILES_FROM }, (_, i) => ({ path: `p${i}`, change: 'added' })) }
    expect(packResult(diffLike)).toBe(diffLike)
    for (const v of [null, 3, 'x', [1, 2], { other: 1 }]) {
      expect(packResult(v)).toBe(v)
      expect(unpackResult(v)).toBe(v)
    }
  })

  it("the page's transport unpacks what the host packed", async () => {
    const report = { status: 'verified', files: records(PACK_FILES_FROM * 2) }
    const api = createHttpApi({ fetch: async () => new Response(JSON.stringify({ ok: true, value: packResult(report) }), { status: 200 }) })
    const r = await api.pack.verify('p', 'j')
    expect(r).toEqual({ ok: true, value: report })
  })
})
