import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { afterEach, describe, expect, it } from 'vitest'
import { PackReadError } from '../io/reader'
import { makePack, type TestPack } from './testing/make-pack'
import { withoutPredictionsAbsent } from '../recompute/testing/no-predictions'
import type { VerifyOptions } from './verify'
import { verifyPack as verifyFull } from './verify'

// These packs ship no predictions; the predictions-absent info is asserted in src/core/recompute.
const verifyPack = async (location: string, opts?: VerifyOptions): Promise<Awaited<ReturnType<typeof verifyFull>>> => withoutPredictionsAbsent(await verifyFull(location, opts))

// verifyPack over the real container readers (src/core/io): the same verdicts as the pure checks.
const packs: TestPack[] = []
afterEach(async () => {
  await Promise.all(packs.splice(0).map((p) => p.cleanup()))
})

describe('verifyPack (real folder reader)', () => {
  it('verifies a built pack and reports its digest', async () => {
    const p = await makePack({ files: { 'data/model/weights.bin': new Uint8Array(2 * 1024 * 1024).fill(3) } })
    packs.push(p)
    const r = await verifyPack(p.dir)
    expect(r.findings).toEqual([])
    expect(r).toMatchObject({ ok: true, status: 'verified', container: 'folder', pack: { digest: await p.digest() } })
    expect(r.stats.bytesChecked).toBeGreaterThan(2 * 1024 * 1024)
  })

  it('finds a flipped bit and an unexpected file', async () => {
    const p = await makePack()
    packs.push(p)
    await p.flipBit('data/evaluation/slices.json', 0)
    await p.write('data/extra.bin', 'x')
    const r = await verifyPack(p.dir)
    expect(r.status).toBe('failed')
    expect(r.findings.map((f) => f.code)).toEqual(expect.arrayContaining(['hash-mismatch', 'file-unexpected', 'json-invalid', 'payload-oxum-mismatch']))
  })

  it('cancelled -> incomplete', async () => {
    const p = await makePack()
    packs.push(p)
    const ac = new AbortController()
    ac.abort()
    const r = await verifyPack(p.dir, { signal: ac.signal })
    expect(r.status).toBe('incomplete')
    expect(r.findings.at(-1)?.code).toBe('verify-cancelled')
  })

  it('an unreadable location throws PackReadError', async () => {
    await expect(verifyPack(join(tmpdir(), `vouch-missing-${process.pid}`))).rejects.toBeInstanceOf(PackReadError)
  })
})

describe('verifyPack: awkward names round-trip through build and the real reader', () => {
  it('NFD, percent, spaces and non-Latin names verify', async () => {
    const p = await makePack({
      files: {
        'data/reports/e\u0301te\u0301 (NFD).md': 'summer',
        'data/reports/100%-coverage.csv': 'a\n',
        'data/reports/with space/数据.json': '{}',
        'data/reports/%0A-literal.txt': 'not a newline'
      }
    })
    packs.push(p)
    const manifest = await p.readText('manifest-sha256.txt')
    expect(manifest).toContain('data/reports/100%25-coverage.csv')
    expect(manifest).toContain('data/reports/%250A-literal.txt')
    expect(manifest).toContain('data/reports/\u00e9t\u00e9 (NFD).md')
    const r = await verifyPack(p.dir)
    expect(r.findings).toEqual([])
    expect(r.files.map((f) => f.path)).toContain('data/reports/%0A-literal.txt')
  })
})

describe('verifyPack: the same verdict in every container', () => {
  it.each(['zip', 'tar', 'tar.gz'] as const)('%s: verified with the folder digest; a tampered pack fails the same way', async (kind) => {
    const { writeArchiveFromFolder } = await import('../io/archive-write')
    const { mkdtemp, rm } = await import('node:fs/promises')
    const p = await makePack({ files: { 'data/model/weights.bin': new Uint8Array(1024 * 1024).map((_, i) => i % 251) } })
    packs.push(p)
    const out = await mkdtemp(join(tmpdir(), 'vouch-arch-'))
    try {
      await writeArchiveFromFolder(p.dir, join(out, `pack.${kind}`), kind)
      const r = await verifyPack(join(out, `pack.${kind}`))
      expect(r.findings).toEqual([])
      expect(r).toMatchObject({ status: 'verified', container: kind, pack: { digest: await p.digest() } })
      await p.flipBit('data/model/weights.bin')
      await writeArchiveFromFolder(p.dir, join(out, `bad.${kind}`), kind)
      const bad = await verifyPack(join(out, `bad.${kind}`))
      expect(bad.findings.map((f) => [f.code, f.path])).toEqual([['hash-mismatch', 'data/model/weights.bin']])
    } finally {
      await rm(out, { recursive: true, force: true })
    }
  })
})
