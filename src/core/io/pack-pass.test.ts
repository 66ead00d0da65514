/**
 * One pass shared by packing and verifying (pack-pass.ts): the archive is byte for byte the one
 * written without it, the verifier's digests really come from the bytes the packer read (a changed
 * file is caught), and whatever the packer does not hash (big files, a packer that failed or walked
 * the folder itself) the verifier hashes on its own.
 */
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePack, type TestPack } from '../verify/testing/make-pack'
import { verifyWithReader } from '../verify/verify'
import type { VerifyReport } from '../verify/report'
import { writeArchiveFromFolder } from './archive-write'
import { FolderReader } from './folder-reader'
import { PackPass, PassRefusedError, type PassFile } from './pack-pass'
import { buildHashWorker, noise } from './testing/fixtures'

const MiB = 1024 * 1024
let dir = ''
let workerFile = ''
let pack: TestPack

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-pack-pass-'))
  workerFile = await buildHashWorker(dir)
  const small = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`data/segments/s${String(i).padStart(3, '0')}.json`, `{"segment":${i},"auc":0.${700 + i}}\n`]))
  // 'segments/' holds files and sorts after 'segments-b.json' and 'segments.json' by whole path (the archive's order).
  const beside = { 'data/segments-b.json': '{"b":1}\n', 'data/segments.json': '{"c":1}\n' }
  pack = await makePack({ files: { ...small, ...beside, 'data/model/weights.bin': noise(MiB + 4321, 5), 'data/empty.txt': '' } })
}, 60_000)
afterAll(async () => {
  await pack?.cleanup()
  await rm(dir, { recursive: true, force: true })
})

/** Counts what the packer hashed for the verifier. */
class CountingPass extends PackPass {
  settled = 0
  override settle(f: PassFile, sha256: string, bytesRead: number): void {
    this.settled++
    super.settle(f, sha256, bytesRead)
  }
}

const sha = async (p: string): Promise<string> => createHash('sha256').update(await readFile(p)).digest('hex')
const records = (r: VerifyReport): string[] => r.files.map((f) => `${f.path} ${f.size} ${f.sha256} ${f.status}`)

/** What `vouch pack` does: verify and pack at once, sharing `pass` (or not, without one). */
async function packAndVerify(folder: string, out: string, workers: number, pass?: PackPass): Promise<VerifyReport> {
  const pool = workers > 0 ? { workers, workerFile } : { workers: 0 }
  const verifying = verifyWithReader(new FolderReader(folder, pool, pass)).finally(() => pass?.close())
  await writeArchiveFromFolder(folder, out, 'zip', { pool, ...(pass ? { pass } : {}), beforePublish: async () => void (await verifying) })
  return verifying
}

describe('one pass shared by packing and verifying', () => {
  it.each([0, 2])('with %i workers: the same archive and the same verification as two passes; the packer hashed the small files', async (workers) => {
    const plain = await packAndVerify(pack.dir, join(dir, `plain-${workers}.zip`), workers)
    const pass = new CountingPass()
    const shared = await packAndVerify(pack.dir, join(dir, `shared-${workers}.zip`), workers, pass)
    expect(await sha(join(dir, `shared-${workers}.zip`))).toBe(await sha(join(dir, `plain-${workers}.zip`)))
    expect(shared.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(records(shared)).toEqual(records(plain))
    expect(shared.pack.digest).toBe(plain.pack.digest)
    // The 150 segments at least came from the packer; the > 1 MiB weights were hashed by the verifier.
    expect(pass.settled).toBeGreaterThanOrEqual(150)
    expect(records(shared)).toContain(records(plain).find((r) => r.startsWith('data/model/weights.bin ')))
  }, 60_000)

  it('a bag in a subfolder: no sharing, the packer walks the folder itself and the verifier hashes every file', async () => {
    const outer = await mkdtemp(join(tmpdir(), 'vouch-pack-pass-outer-'))
    try {
      await cp(pack.dir, join(outer, 'bag'), { recursive: true })
      const plain = await packAndVerify(outer, join(dir, 'outer-plain.zip'), 0)
      const pass = new CountingPass()
      const shared = await packAndVerify(outer, join(dir, 'outer-shared.zip'), 0, pass)
      expect(pass.settled).toBe(0)
      expect(await sha(join(dir, 'outer-shared.zip'))).toBe(await sha(join(dir, 'outer-plain.zip')))
      expect(records(shared)).toEqual(records(plain))
    } finally {
      await rm(outer, { recursive: true, force: true })
    }
  }, 60_000)

  it('a file changed since the manifest was written is caught from the bytes the packer read', async () => {
    const p = await makePack({ files: { 'data/segments/a.json': '{"a":1}\n' } })
    try {
      await writeFile(join(p.dir, 'data/segments/a.json'), '{"a":2}\n') // same size, other bytes
      const pass = new CountingPass()
      const r = await packAndVerify(p.dir, join(dir, 'changed.zip'), 0, pass)
      expect(pass.settled).toBeGreaterThan(0)
      expect(r.findings.map((f) => `${f.code} ${f.path ?? ''}`)).toContain('hash-mismatch data/segments/a.json')
    } finally {
      await p.cleanup()
    }
  }, 60_000)

  it('a packer that never hashes (failed before packing): the verifier hashes every file itself', async () => {
    const plain = await verifyWithReader(new FolderReader(pack.dir, { workers: 0 }))
    const pass = new PackPass()
    const verifying = verifyWithReader(new FolderReader(pack.dir, { workers: 0 }, pass))
    expect(await pass.shared()).toBe(true)
    pass.close()
    expect(records(await verifying)).toEqual(records(plain))
  }, 60_000)

  it('a walk with warnings only (a stray temp file) is still the listing: the same archive as the packer\'s own walk', async () => {
    const p = await makePack({ files: { 'data/segments/a.json': '{"a":1}\n' } })
    try {
      await writeFile(join(p.dir, 'data/.x.zip.vouch-tmp-999999-0123abcd'), 'stray') // a warning for the verifier; skipped by both
      const pass = new CountingPass()
      const r = await packAndVerify(p.dir, join(dir, 'stray-shared.zip'), 0, pass)
      await writeArchiveFromFolder(p.dir, join(dir, 'stray-plain.zip'), 'zip', { pool: { workers: 0 } })
      expect(r.findings.map((f) => f.code)).toContain('stray-temp-file')
      expect(pass.settled).toBeGreaterThan(0)
      expect(await sha(join(dir, 'stray-shared.zip'))).toBe(await sha(join(dir, 'stray-plain.zip')))
    } finally {
      await p.cleanup()
    }
  }, 60_000)

  it('a walk that refused an entry (a symlink) stops the packer: nothing written, the verification fails', async () => {
    const p = await makePack({ files: { 'data/segments/a.json': '{"a":1}\n' } })
    try {
      await symlink('a.json', join(p.dir, 'data/segments/link.json'))
      const pass = new PackPass()
      const out = join(dir, 'refused.zip')
      const verifying = verifyWithReader(new FolderReader(p.dir, { workers: 0 }, pass)).finally(() => pass.close())
      await expect(writeArchiveFromFolder(p.dir, out, 'zip', { pool: { workers: 0 }, pass, beforePublish: async () => void (await verifying) })).rejects.toBeInstanceOf(PassRefusedError)
      expect((await verifying).findings.map((f) => f.code)).toContain('symlink-refused')
      await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' })
    } finally {
      await p.cleanup()
    }
  }, 60_000)
})
