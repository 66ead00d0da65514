import { execFile, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmod, cp, link, lstat, mkdtemp, readdir, readFile, readlink, rm, stat, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { promisify } from 'node:util'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { addFilesToPack, type FaultHooks } from './add-files'
import { writeArchiveFromFolder } from './archive-write'
import { openPackReader } from './open'
import { crc32, deflateRawSync } from 'node:zlib'
import { endOfArchiveMember, GZIP_HEADER, gzipTrailer } from './tar-write'
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

describe('addFilesToPack: what stays of the original', () => {
  const run = promisify(execFile)

  it.each(['orig.zip', 'orig.tar', 'orig.tar.gz'])('%s: every byte before the old end stays (kernel copy), the new entries follow', async (name) => {
    const target = await fresh(name)
    const orig = await readFile(target)
    // zip: up to the central directory; tar: up to the end blocks; tar.gz: up to the end member.
    const keep =
      name === 'orig.zip' ? orig.readUInt32LE(orig.length - 6) : name === 'orig.tar' ? tarEnd(orig) : orig.length - endOfArchiveMember((20480 - orig.readUInt32LE(orig.length - 4)) % 10240).length
    await addFilesToPack(target, [SIGNOFF], { verify: noVerify })
    const after = await readFile(target)
    expect(after.subarray(0, keep).equals(orig.subarray(0, keep))).toBe(true)
    expect(after.length).toBeGreaterThan(keep)
    const { findings, files } = await scan(target)
    expect(findings).toEqual([])
    expect(hashes(files)[SIGNOFF.path]).toBe(sha256Hex(SIGNOFF.data))
  })

  it('tar.gz from `tar czf`: rewritten once in Vouch\'s layout; the next sign-off keeps those bytes; tar -tzf lists both', async () => {
    const sub = join(dir, `t${n++}`)
    await cp(join(dir, 'bag'), join(sub, 'bag'), { recursive: true })
    const target = join(sub, 'foreign.tar.gz')
    await run('tar', ['czf', target, '-C', join(sub, 'bag'), '.'])
    const before = hashes((await scan(target)).files)
    await addFilesToPack(target, [SIGNOFF], { verify: noVerify })
    const once = await readFile(target)
    const endBytes = once.readUInt32LE(once.length - 4)
    const end = endOfArchiveMember((20480 - endBytes) % 10240)
    expect(once.subarray(once.length - end.length).equals(end)).toBe(true)
    const second = { path: 'signoffs/engineer.json', data: Buffer.from('{"second":true}\n') }
    await addFilesToPack(target, [second], { verify: noVerify })
    const twice = await readFile(target)
    expect(twice.subarray(0, once.length - end.length).equals(once.subarray(0, once.length - end.length))).toBe(true)
    const { files, findings } = await scan(target)
    expect(findings).toEqual([])
    expect(hashes(files)).toEqual({ ...before, [SIGNOFF.path]: sha256Hex(SIGNOFF.data), [second.path]: sha256Hex(second.data) })
    const { stdout } = await run('tar', ['-tzf', target])
    expect(stdout).toContain('signoffs/owner.json')
    expect(stdout).toContain('signoffs/engineer.json')
  })
})

describe('addFilesToPack: a tar.gz end member deflated by another deflater', () => {
  it('is recognised by its content (an older Vouch, another zlib level): the entries member stays', async () => {
    const target = await fresh('orig.tar.gz')
    const orig = await readFile(target)
    const zeros = orig.readUInt32LE(orig.length - 4)
    const ours = endOfArchiveMember((20480 - zeros) % 10240)
    const body = Buffer.alloc(zeros)
    const theirs = Buffer.concat([GZIP_HEADER, deflateRawSync(body, { level: 9, memLevel: 9 }), gzipTrailer(crc32(body), zeros)])
    const keep = orig.length - ours.length
    await writeFile(target, Buffer.concat([orig.subarray(0, keep), theirs]))
    await addFilesToPack(target, [SIGNOFF], { verify: noVerify })
    const after = await readFile(target)
    expect(after.subarray(0, keep).equals(orig.subarray(0, keep))).toBe(true)
    expect(hashes((await scan(target)).files)[SIGNOFF.path]).toBe(sha256Hex(SIGNOFF.data))
  })
})

describe('addFilesToPack: read-only and linked archives (issue 10, item 5)', () => {
  it('a read-only (0444) archive is refused before anything is written', async () => {
    const target = await fresh('orig.zip')
    await chmod(target, 0o444)
    const before = await fileDigest(target)
    const listing = (await readdir(dirname(target))).sort()
    await expect(addFilesToPack(target, [SIGNOFF], { verify: noVerify })).rejects.toMatchObject({ code: 'read-only', message: expect.stringContaining('read-only (mode 0444)') })
    expect(await fileDigest(target)).toBe(before)
    expect((await stat(target)).mode & 0o777).toBe(0o444)
    expect((await readdir(dirname(target))).sort()).toEqual(listing)
  })

  it('through a symbolic link: the target is signed, the link stays a link', async () => {
    const real = await fresh('orig.zip')
    const link = join(dirname(real), 'link.zip')
    await symlink(real, link)
    const r = await addFilesToPack(link, [SIGNOFF], { verify: noVerify })
    expect(r.written).toBe(real)
    expect((await lstat(link)).isSymbolicLink()).toBe(true)
    expect(await readlink(link)).toBe(real)
    expect(hashes((await scan(real)).files)[SIGNOFF.path]).toBe(sha256Hex(SIGNOFF.data))
  })

  it('an archive with a second hard link is refused (a rename would leave that name unsigned)', async () => {
    const target = await fresh('orig.tar.gz')
    await link(target, join(dirname(target), 'other-name.tar.gz'))
    const before = await fileDigest(target)
    await expect(addFilesToPack(target, [SIGNOFF], { verify: noVerify })).rejects.toMatchObject({ code: 'hard-linked' })
    expect(await fileDigest(target)).toBe(before)
  })
})

describe('stray temp archives (issue 10, item 7)', () => {
  it('the next verification of the archive removes the temp copy a killed sign left beside it, and nothing else', async () => {
    const target = await fresh('orig.zip')
    const gone = await deadPid()
    const stray = join(dirname(target), `.orig.zip.vouch-tmp-${gone}-0123abcd`)
    const alive = join(dirname(target), `.orig.zip.vouch-tmp-${process.pid}-0123abcd`)
    const other = join(dirname(target), `.other.zip.vouch-tmp-${gone}-0123abcd`)
    for (const p of [stray, alive, other]) await writeFile(p, 'partial copy')
    const { findings } = await scan(target)
    expect(findings).toEqual([])
    const left = await readdir(dirname(target))
    expect(left).not.toContain(basename(stray))
    expect(left).toEqual(expect.arrayContaining([basename(alive), basename(other)]))
  })
})

/** A pid that no process has (a child that has exited). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '0'])
  const pid = child.pid as number
  await new Promise((r) => child.on('exit', r))
  return pid
}

/** Where a tar's end-of-archive blocks begin: after the last non-zero 512-byte block. */
function tarEnd(tar: Buffer): number {
  let end = tar.length
  while (end >= 512 && tar.subarray(end - 512, end).every((b) => b === 0)) end -= 512
  return end
}
