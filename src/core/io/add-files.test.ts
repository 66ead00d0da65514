import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { addFilesToPack, type FaultHooks } from './add-files'
import { writeArchiveFromFolder } from './archive-write'
import { openPackReader } from './open'
import type { ScannedFile } from './reader'
import { sampleBag, sha256Hex, writeFolder } from './testing/fixtures'

const here = dirname(fileURLToPath(import.meta.url))
let dir: string
let n = 0
const SIGNOFF = { path: 'signoffs/owner.json', data: Buffer.from('{"payloadType":"application/vnd.in-toto+json"}\n') }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-add-'))
  await writeFolder(join(dir, 'bag'), sampleBag())
  await writeFolder(join(dir, 'wrapped', 'credit-default'), sampleBag())
  for (const kind of ['zip', 'tar', 'tar.gz'] as const) {
    await writeArchiveFromFolder(join(dir, 'bag'), join(dir, `orig.${kind}`), kind)
    await writeArchiveFromFolder(join(dir, 'wrapped'), join(dir, `wrapped.${kind}`), kind)
  }
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A fresh copy of a fixture in its own folder (so listings are per test). */
async function fresh(name: string): Promise<string> {
  const sub = join(dir, `t${n++}`)
  const target = join(sub, name)
  await cp(join(dir, name), target, { recursive: true })
  return target
}

async function scan(location: string): Promise<{ files: readonly ScannedFile[]; findings: Finding[] }> {
  const findings: Finding[] = []
  const r = await openPackReader(location)
  const files = await r.scan({ onFinding: (f) => findings.push(f) })
  return { files, findings }
}

const fileDigest = async (p: string): Promise<string> => createHash('sha256').update(await readFile(p)).digest('hex')
const hashes = (files: readonly ScannedFile[]): Record<string, string> => Object.fromEntries(files.map((f) => [f.entry.path, f.sha256]))
const noVerify = async (): Promise<void> => undefined

describe('addFilesToPack: success', () => {
  it.each(['bag', 'orig.zip', 'orig.tar', 'orig.tar.gz', 'wrapped.zip', 'wrapped.tar.gz'])('%s gains the file; every other file is unchanged', async (name) => {
    const target = await fresh(name)
    const before = hashes((await scan(target)).files)
    let verified: string | undefined
    await addFilesToPack(target, [SIGNOFF], {
      verify: async (candidate) => {
        verified = candidate
        const { files, findings } = await scan(candidate)
        expect(findings).toEqual([])
        expect(hashes(files)[SIGNOFF.path]).toBe(sha256Hex(SIGNOFF.data))
      }
    })
    const { files, findings } = await scan(target)
    expect(findings).toEqual([])
    expect(hashes(files)).toEqual({ ...before, [SIGNOFF.path]: sha256Hex(SIGNOFF.data) })
    if (name !== 'bag') expect(verified).toBeDefined()
    expect((await readdir(dirname(target))).filter((x) => x.includes('vouch-tmp'))).toEqual([])
  })

  it('zip: existing entries are copied byte for byte (no recompression)', async () => {
    const target = await fresh('orig.zip')
    const orig = await readFile(target)
    const cdOffset = orig.readUInt32LE(orig.length - 6)
    await addFilesToPack(target, [SIGNOFF], { verify: noVerify })
    const after = await readFile(target)
    expect(after.subarray(0, cdOffset).equals(orig.subarray(0, cdOffset))).toBe(true)
  })

  it('refuses an existing path and unsafe paths, changing nothing', async () => {
    for (const name of ['bag', 'orig.zip', 'orig.tar.gz']) {
      const target = await fresh(name)
      await addFilesToPack(target, [SIGNOFF], { verify: noVerify })
      const snapshot = name === 'bag' ? await readFile(join(target, SIGNOFF.path)) : await readFile(target)
      await expect(addFilesToPack(target, [{ ...SIGNOFF, data: Buffer.from('other') }], { verify: noVerify })).rejects.toMatchObject({ code: 'target-exists' })
      const now = name === 'bag' ? await readFile(join(target, SIGNOFF.path)) : await readFile(target)
      expect(now.equals(snapshot)).toBe(true)
      await expect(addFilesToPack(target, [{ path: '../evil.json', data: Buffer.from('x') }], { verify: noVerify })).rejects.toMatchObject({ code: 'unsafe-path' })
    }
  })
})

describe('addFilesToPack: faults leave the original byte-identical', () => {
  const faults: [string, FaultHooks | 'verify-throws'][] = [
    ['disk full after 20 bytes', { failAfterBytes: 20 }],
    ['disk full after 4 KiB', { failAfterBytes: 4096 }],
    ['disk full at once', { failAfterBytes: 0 }],
    ['read-only directory (EROFS on create)', { failOpenWith: 'EROFS' }],
    ['permission denied (EACCES on create)', { failOpenWith: 'EACCES' }],
    ['abort just before rename', { beforeRename: () => { throw new Error('simulated crash before rename') } }],
    ['verification of the new archive fails', 'verify-throws']
  ]
  it.each(['orig.zip', 'orig.tar', 'orig.tar.gz', 'bag'].flatMap((name) => faults.map(([label, f]) => [name, label, f] as const)))(
    '%s: %s',
    async (name, _label, fault) => {
      const target = await fresh(name)
      const isFolder = name === 'bag'
      const before = isFolder ? JSON.stringify(hashes((await scan(target)).files)) : await fileDigest(target)
      const listing = (await readdir(dirname(target))).sort()
      const opts =
        fault === 'verify-throws'
          ? { verify: async () => { throw new Error('signature does not verify') } }
          : { verify: noVerify, faults: fault }
      if (isFolder && (fault === 'verify-throws' || (fault.failAfterBytes ?? 0) > SIGNOFF.data.length)) {
        // Folders: no candidate to verify, and the sign-off is smaller than 4 KiB.
        return
      }
      await expect(addFilesToPack(target, [SIGNOFF], opts)).rejects.toMatchObject({ name: 'PackWriteError' })
      const after = isFolder ? JSON.stringify(hashes((await scan(target)).files)) : await fileDigest(target)
      expect(after).toBe(before)
      expect((await readdir(dirname(target))).sort()).toEqual(listing)
      if (isFolder) await expect(stat(join(target, 'signoffs'))).rejects.toMatchObject({ code: 'ENOENT' })
    }
  )
})

describe('addFilesToPack: the process is killed mid-write', () => {
  it.each(['orig.zip', 'orig.tar.gz', 'bag'])('%s: original intact, stray temp recognised and cleaned by the next run', async (name) => {
    const target = await fresh(name)
    const isFolder = name === 'bag'
    const before = isFolder ? JSON.stringify(hashes((await scan(target)).files)) : await fileDigest(target)
    const child = join(dirname(target), 'child.mts')
    await writeFile(
      child,
      `import { addFilesToPack } from ${JSON.stringify(join(here, 'add-files.ts'))}
const big = Buffer.alloc(3 * 1024 * 1024, 7)
await addFilesToPack(process.argv[2], [{ path: 'signoffs/owner.json', data: big }], {
  verify: async () => undefined,
  faults: { onWrite: async () => { process.stdout.write('WRITING\\n'); await new Promise(() => undefined) } }
})
`
    )
    const proc = spawn(process.execPath, ['--import', 'tsx', child, target], { cwd: join(here, '..', '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] })
    let stderr = ''
    proc.stderr.on('data', (c) => (stderr += String(c)))
    await new Promise<void>((resolve, reject) => {
      proc.stdout.on('data', (c) => {
        if (String(c).includes('WRITING')) {
          proc.kill('SIGKILL')
          resolve()
        }
      })
      proc.on('exit', () => reject(new Error(`child exited before writing: ${stderr}`)))
    })
    await new Promise((r) => proc.on('exit', r))
    const strayDir = isFolder ? join(target, 'signoffs') : dirname(target)
    const strays = (await readdir(strayDir)).filter((x) => x.includes('.vouch-tmp-'))
    expect(strays.length).toBe(1)
    const after = isFolder ? JSON.stringify(hashes((await scan(target)).files)) : await fileDigest(target)
    expect(after).toBe(before)
    if (isFolder) expect((await scan(target)).findings.map((f) => f.code)).toEqual(['stray-temp-file'])
    // The next run cleans the stray temp and succeeds.
    await addFilesToPack(target, [SIGNOFF], { verify: noVerify })
    expect((await readdir(strayDir)).filter((x) => x.includes('.vouch-tmp-'))).toEqual([])
    const { files, findings } = await scan(target)
    expect(findings).toEqual([])
    expect(hashes(files)[SIGNOFF.path]).toBe(sha256Hex(SIGNOFF.data))
  })
})

describe('addFilesToPack: details', () => {
  it('refuses a name that differs only in case from an existing entry', async () => {
    const target = await fresh('orig.zip')
    await expect(addFilesToPack(target, [{ path: 'BAGIT.TXT', data: Buffer.from('x') }], { verify: noVerify })).rejects.toMatchObject({ code: 'target-exists' })
  })
  it('keeps the original file mode', async () => {
    const target = await fresh('orig.tar')
    const { chmod } = await import('node:fs/promises')
    await chmod(target, 0o600)
    await addFilesToPack(target, [SIGNOFF], { verify: noVerify })
    expect((await stat(target)).mode & 0o777).toBe(0o600)
  })
})
