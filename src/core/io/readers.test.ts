import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { writeArchiveFromFolder } from './archive-write'
import { openPackReader } from './open'
import { CancelledError, type ScanProgress } from './reader'
import { buildHashWorker, sampleBag, sha256Hex, writeFolder } from './testing/fixtures'
import { buildZip } from './testing/raw-zip'

let dir: string
let bag: string
let wrapped: string
let workerFile: string
const files = sampleBag()
const expected = Object.entries(files)
  .map(([p, c]) => [p.normalize('NFC'), sha256Hex(c)] as const)
  .sort((a, b) => (a[0] < b[0] ? -1 : 1))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-readers-'))
  bag = join(dir, 'bag')
  await writeFolder(bag, files)
  wrapped = join(dir, 'wrapped')
  await writeFolder(join(wrapped, 'credit-default-1.0.0'), files)
  for (const kind of ['zip', 'tar', 'tar.gz'] as const) {
    await writeArchiveFromFolder(bag, join(dir, `pack.${kind}`), kind)
    await writeArchiveFromFolder(wrapped, join(dir, `wrapped.${kind}`), kind)
  }
  await writeArchiveFromFolder(bag, join(dir, 'stored.zip'), 'zip', { compression: 'store' })
  // Extension lies: a zip named .tar must still be read as a zip.
  await writeArchiveFromFolder(bag, join(dir, 'liar.tar'), 'zip')
  workerFile = await buildHashWorker(dir)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function scanAll(location: string, extra: Record<string, unknown> = {}) {
  const findings: Finding[] = []
  const progress: ScanProgress[] = []
  const reader = await openPackReader(location, extra.hashPool ? { hashPool: extra.hashPool as never } : {})
  const out = await reader.scan({ onFinding: (f) => findings.push(f), keep: (p) => !p.startsWith('data/'), onProgress: (p) => progress.push(p) })
  await reader.close()
  return { reader, out, findings, progress }
}

describe('every container gives the same files and hashes', () => {
  it.each([
    ['folder', 'bag', 'folder'],
    ['zip', 'pack.zip', 'zip'],
    ['tar', 'pack.tar', 'tar'],
    ['tar.gz', 'pack.tar.gz', 'tar.gz'],
    ['zip in a top-level folder', 'wrapped.zip', 'zip'],
    ['tar in a top-level folder', 'wrapped.tar', 'tar'],
    ['tar.gz in a top-level folder', 'wrapped.tar.gz', 'tar.gz'],
    ['folder holding one bag folder', 'wrapped', 'folder'],
    ['zip named .tar', 'liar.tar', 'zip']
  ])('%s', async (_label, name, kind) => {
    const { reader, out, findings, progress } = await scanAll(join(dir, name))
    expect(reader.kind).toBe(kind)
    expect(findings).toEqual([])
    const got = out.map((f) => [f.entry.path, f.sha256] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))
    expect(got).toEqual(expected)
    for (const f of out) expect(f.bytesRead).toBe(f.entry.size)
    const bagit = out.find((f) => f.entry.path === 'bagit.txt')
    expect(Buffer.from(bagit?.content ?? []).toString()).toBe(files['bagit.txt'])
    expect(out.find((f) => f.entry.path === 'data/pack.json')?.content).toBeUndefined()
    const last = progress.at(-1)
    expect(last?.filesDone).toBe(expected.length)
    if (kind !== 'tar' && kind !== 'tar.gz') expect(last?.bytesDone).toBe(last?.bytesTotal)
  })
})

describe('worker pool', () => {
  it.each(['bag', 'stored.zip'])('%s: real workers give the same hashes', async (name) => {
    const { out, findings, progress } = await scanAll(join(dir, name), { hashPool: { workers: 2, workerFile } })
    expect(findings).toEqual([])
    expect(out.map((f) => [f.entry.path, f.sha256] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))).toEqual(expected)
    expect(progress.at(-1)?.bytesDone).toBe(progress.at(-1)?.bytesTotal)
  })
})

describe('folder specifics', () => {
  it('hashes on real workers with the same results', async () => {
    const { out, findings } = await scanAll(bag, { hashPool: { workers: 2, workerFile } })
    expect(findings).toEqual([])
    expect(out.map((f) => [f.entry.path, f.sha256] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))).toEqual(expected)
  })

  it('refuses symlinks and special files, never follows them, flags stray temps', async () => {
    const root = join(dir, 'links')
    await writeFolder(root, { 'bagit.txt': 'x', 'data/ok.txt': 'ok' })
    await writeFile(join(dir, 'secret.txt'), 'secret')
    await symlink(join(dir, 'secret.txt'), join(root, 'data', 'link.txt'))
    await symlink(dir, join(root, 'data', 'linkdir'))
    execFileSync('mkfifo', [join(root, 'data', 'fifo')])
    await writeFile(join(root, 'data', '.x.json.vouch-tmp-999999-0123abcd'), 'partial')
    const { out, findings } = await scanAll(root)
    const codes = findings.map((f) => `${f.code}:${f.path}`)
    expect(codes).toContain('symlink-refused:data/link.txt')
    expect(codes).toContain('symlink-refused:data/linkdir')
    expect(codes).toContain('special-file-refused:data/fifo')
    expect(codes).toContain('stray-temp-file:data/.x.json.vouch-tmp-999999-0123abcd')
    expect(out.map((f) => f.entry.path).sort()).toEqual(['bagit.txt', 'data/ok.txt'])
    expect(out.some((f) => f.sha256 === sha256Hex('secret'))).toBe(false)
  })

  it('reports NFC and case collisions between real files', async () => {
    const root = join(dir, 'collide')
    await mkdir(join(root, 'data'), { recursive: true })
    await writeFile(join(root, 'data', 'Model.bin'), 'a')
    await writeFile(join(root, 'data', 'model.bin'), 'b')
    await writeFile(join(root, 'data', 'cafe\u0301'), 'c')
    await writeFile(join(root, 'data', 'caf\u00e9'), 'd')
    const { findings } = await scanAll(root)
    const codes = findings.map((f) => f.code)
    expect(codes).toContain('name-collision-case')
    expect(codes).toContain('name-collision-nfc')
  })
})

describe('cancellation', () => {
  it.each(['bag', 'pack.zip', 'pack.tar.gz'])('%s throws CancelledError', async (name) => {
    const reader = await openPackReader(join(dir, name))
    const ac = new AbortController()
    ac.abort()
    await expect(reader.scan({ onFinding: () => undefined, signal: ac.signal })).rejects.toBeInstanceOf(CancelledError)
  })

  it('cancels while workers hash', async () => {
    const reader = await openPackReader(bag, { hashPool: { workers: 2, workerFile } })
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 1)
    await expect(reader.scan({ onFinding: () => undefined, signal: ac.signal })).rejects.toBeInstanceOf(CancelledError)
  })
})

describe('hash pool fallback', () => {
  it('a worker that cannot start is replaced by in-thread hashing, same results', async () => {
    const bad = join(dir, 'bad-worker.mjs')
    await writeFile(bad, "throw new Error('boom')\n")
    const { out, findings } = await scanAll(bag, { hashPool: { workers: 2, workerFile: bad } })
    expect(findings).toEqual([])
    expect(out.map((f) => [f.entry.path, f.sha256] as const).sort((a, b) => (a[0] < b[0] ? -1 : 1))).toEqual(expected)
  })
})

describe('zip variants other tools write', () => {
  const content = Buffer.from('{"metrics":[]}\n'.repeat(100))
  it.each([
    ['data descriptors (streaming writers)', buildZip([{ name: 'bagit.txt', data: content, descriptor: true }, { name: 'data/x', data: content, method: 0, descriptor: true }])],
    ['zip64 end records', buildZip([{ name: 'bagit.txt', data: content }, { name: 'data/x', data: content }], { zip64: true })],
    ['Windows-made (host 0, no Unix mode)', buildZip([{ name: 'bagit.txt', data: content, versionMadeBy: 20, externalAttrs: 0x20 }, { name: 'data/', versionMadeBy: 20, externalAttrs: 0x10, method: 0 }])]
  ])('%s', async (_label, bytes) => {
    const file = join(dir, `variant-${Math.random().toString(16).slice(2)}.zip`)
    await writeFile(file, bytes)
    const { out, findings } = await scanAll(file)
    expect(findings).toEqual([])
    expect(out.length).toBeGreaterThan(0)
    for (const f of out) expect(f.sha256).toBe(sha256Hex(content))
  })
})

describe('a container that vanishes after opening', () => {
  it.each(['pack.zip', 'pack.tar.gz', 'bag'])('%s: scan throws PackReadError not-found', async (name) => {
    const { cp } = await import('node:fs/promises')
    const copy = join(dir, `gone-${name}`)
    await cp(join(dir, name), copy, { recursive: true })
    const reader = await openPackReader(copy)
    await rm(copy, { recursive: true, force: true })
    await expect(reader.scan({ onFinding: () => undefined })).rejects.toMatchObject({ name: 'PackReadError', code: 'not-found' })
  })
})

describe('folder holding a bag folder and something else', () => {
  it('reads the bag folder and reports the rest as mixed-top-level', async () => {
    const root = join(dir, 'mixed-folder')
    await writeFolder(join(root, 'credit-default'), { 'bagit.txt': 'x', 'data/a.txt': 'a' })
    await writeFile(join(root, '.DS_Store'), 'junk')
    const { out, findings } = await scanAll(root)
    expect(out.map((f) => f.entry.path).sort()).toEqual(['bagit.txt', 'data/a.txt'])
    expect(findings.map((f) => [f.code, f.path])).toEqual([['mixed-top-level', '.DS_Store']])
  })
})

describe('progress', () => {
  it('tar.gz reports archive bytes while one big entry streams, then a final event', async () => {
    const big = join(dir, 'bigtar')
    await writeFolder(big, { 'bagit.txt': 'x', 'data/big.bin': Buffer.alloc(0) })
    const { noise } = await import('./testing/fixtures')
    await writeFile(join(big, 'data', 'big.bin'), noise(24 * 1024 * 1024, 3))
    await writeArchiveFromFolder(big, join(dir, 'big.tar.gz'), 'tar.gz')
    const seen: ScanProgress[] = []
    const reader = await openPackReader(join(dir, 'big.tar.gz'))
    await reader.scan({ onFinding: () => undefined, onProgress: (p) => seen.push(p), progressIntervalMs: 0 })
    const last = seen.at(-1)
    expect(last?.bytesDone).toBe(last?.bytesTotal)
    expect(last?.filesDone).toBe(2)
    // More than the final event: the bar moved while the 24 MiB entry was read (not only at entry boundaries).
    const mid = seen.filter((p) => p.bytesDone > 4 * 1024 * 1024 && p.bytesDone < (last?.bytesTotal ?? 0) - 4 * 1024 * 1024)
    expect(mid.length).toBeGreaterThan(1)
  })
})
