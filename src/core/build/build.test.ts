import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, readdir, rm, symlink, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makePack, type TestPack } from '../verify/testing/make-pack'
import { folderTestReader } from '../verify/testing/memory-reader'
import { withoutPredictionsAbsent } from '../recompute/testing/no-predictions'
import { verifyWithReader } from '../verify/verify'
import { buildPack, pickBaggingDate } from './build'
import { initPack } from './init'
import { PackWriteError } from './types'

const TAGS = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']
const cleanups: (() => Promise<void>)[] = []
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((c) => c()))
})
async function pack(opts?: Parameters<typeof makePack>[0]): Promise<TestPack> {
  const p = await makePack(opts)
  cleanups.push(p.cleanup)
  return p
}
async function tmp(): Promise<string> {
  const d = await mkdtemp(join(tmpdir(), 'vouch-build-'))
  cleanups.push(() => rm(d, { recursive: true, force: true }))
  return d
}
const tagBytes = async (p: TestPack): Promise<string[]> => Promise.all(TAGS.map((t) => p.readText(t)))

describe('buildPack', () => {
  it('writes the four tag files exactly as documented', async () => {
    const p = await pack({ files: { 'data/percent%name.txt': 'x' } })
    expect(await p.readText('bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n')
    const info = await p.readText('bag-info.txt')
    expect(info).toMatch(
      /^Pack-Name: credit-default-scorer\nPack-Version: 1\.0\.0\nPack-Profile: vouch\.assurance-pack\/v1\nSource-Commit: 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nData-Version: 2026\.10\.1\nRun-ID: run-2026-11-20-0412\nBagging-Date: 2026-11-20\nPayload-Oxum: \d+\.10\n$/
    )
    const manifest = await p.readText('manifest-sha256.txt')
    const paths = manifest.trimEnd().split('\n').map((l) => l.slice(66))
    expect(paths).toEqual([...paths].sort())
    expect(paths).toContain('data/percent%25name.txt')
    expect(manifest).toMatch(/^([0-9a-f]{64} {2}data\/\S+\n)+$/)
    const tm = (await p.readText('tagmanifest-sha256.txt')).trimEnd().split('\n').map((l) => l.slice(66))
    expect(tm).toEqual(['bag-info.txt', 'bagit.txt', 'manifest-sha256.txt'])
  })

  it('gives byte-identical tag files for the same inputs, and the same digest', async () => {
    const p = await pack()
    const before = await tagBytes(p)
    const d1 = await p.digest()
    await p.rebuild()
    expect(await tagBytes(p)).toEqual(before)
    const q = await pack()
    expect(await tagBytes(q)).toEqual(before)
    expect(await q.digest()).toBe(d1)
  })

  it('is checkable by sha256sum -c without Vouch', async () => {
    const p = await pack({ files: { 'data/model/weights.bin': new Uint8Array(3 * 1024 * 1024).fill(7), 'data/notes with spaces.md': 'n' } })
    for (const m of ['manifest-sha256.txt', 'tagmanifest-sha256.txt']) {
      const out = execFileSync('sha256sum', ['-c', '--strict', m], { cwd: p.dir, encoding: 'utf8' })
      expect(out).toMatch(/: OK\n/)
      expect(out).not.toMatch(/FAILED/)
    }
    await p.flipBit('data/model/weights.bin')
    expect(() => execFileSync('sha256sum', ['-c', 'manifest-sha256.txt'], { cwd: p.dir, stdio: 'pipe' })).toThrow()
  })

  it('covers extra root tag files in the tag manifest and leaves signoffs/ out', async () => {
    const p = await pack({ files: { 'README.txt': 'about this pack', 'signoffs/x.json': '{}' } })
    const tm = await p.readText('tagmanifest-sha256.txt')
    expect(tm).toContain('  README.txt\n')
    expect(tm).not.toContain('signoffs')
    expect(withoutPredictionsAbsent(await verifyWithReader(await folderTestReader(p.dir))).findings).toEqual([])
  })

  it('refuses invalid evidence with findings and writes nothing', async () => {
    const p = await pack({ build: false, evidence: (ev) => { ev.metrics.metrics[0]!.dataset = 'nowhere'; ev.traceability.commit = 'abc' } })
    const r = await buildPack(p.dir)
    expect(r.ok).toBe(false)
    expect(r.findings.map((f) => [f.code, f.pointer])).toEqual([
      ['reference-unresolved', '/metrics/0/dataset'],
      ['traceability-invalid', '/commit']
    ])
    expect((await readdir(p.dir)).sort()).toEqual(['data'])
  })

  it('refuses symlinks in the pack folder', async () => {
    const p = await pack({ build: false })
    await symlink('/etc/hostname', p.abs('data/link.txt'))
    const r = await buildPack(p.dir)
    expect(r.findings.map((f) => f.code)).toEqual(['symlink-refused'])
    expect(r.ok).toBe(false)
  })

  it('throws PackWriteError on a path that is not a folder', async () => {
    await expect(buildPack(join(tmpdir(), 'vouch-no-such-dir-' + process.pid))).rejects.toBeInstanceOf(PackWriteError)
  })

  it('uses the explicit bagging date, else the run end date, else SOURCE_DATE_EPOCH', async () => {
    const p = await pack({ baggingDate: '2027-01-02' })
    expect(await p.readText('bag-info.txt')).toContain('Bagging-Date: 2027-01-02\n')
    expect(pickBaggingDate(undefined, '2026-11-20T23:59:59-05:00', '0')).toBe('2026-11-20')
    expect(pickBaggingDate(undefined, undefined, '86400')).toBe('1970-01-02')
    expect(pickBaggingDate(undefined, undefined, undefined)).toBeUndefined()
    expect(() => pickBaggingDate('2026-02-30', undefined, undefined)).toThrow(RangeError)
  })

  it('writes Previous-Version when pack.json has previousVersion', async () => {
    const p = await pack({ evidence: (ev) => { ev.pack.previousVersion = '0.9.0' } })
    expect(await p.readText('bag-info.txt')).toMatch(/\nPrevious-Version: 0\.9\.0\n$/)
    const r = await verifyWithReader(await folderTestReader(p.dir))
    expect(r.pack.previousVersion).toBe('0.9.0')
    expect(r.ok).toBe(true)
  })
})

describe('initPack', () => {
  it.each(['tabular', 'vision', 'nlp'] as const)('writes a %s skeleton that builds and verifies', async (t) => {
    const d = join(await tmp(), 'new-pack')
    const files = await initPack(d, t)
    expect(files).toContain('data/pack.json')
    expect(files).toHaveLength(9)
    const r = await buildPack(d)
    expect(r.findings).toEqual([])
    expect(r.ok).toBe(true)
    const v = await verifyWithReader(await folderTestReader(d))
    expect(v.status).toBe('verified')
    expect(v.evidence.pack?.domain).toBe(t)
  })

  it('refuses a non-empty folder and leaves it untouched', async () => {
    const d = await tmp()
    await writeFile(join(d, 'keep.txt'), 'mine')
    await expect(initPack(d)).rejects.toMatchObject({ name: 'PackWriteError', code: 'dir-not-empty' })
    expect(await readdir(d)).toEqual(['keep.txt'])
    await mkdir(join(d, 'x'))
    expect(await readFile(join(d, 'keep.txt'), 'utf8')).toBe('mine')
  })
})

describe('buildPack warnings', () => {
  it('warns about names Windows cannot create but still builds', async () => {
    const p = await pack({ build: false, files: { 'data/reports/aux.txt': 'x' } })
    const r = await buildPack(p.dir)
    expect(r.ok).toBe(true)
    expect(r.findings.map((f) => [f.code, f.severity, f.path])).toEqual([['windows-unsafe-name', 'warning', 'data/reports/aux.txt']])
  })
})
