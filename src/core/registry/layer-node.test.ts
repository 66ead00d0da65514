import { execFileSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchiveFromFolder } from '../io/archive-write'
import { buildTar, buildZip, unixAttrs } from '../io/testing'
import { verifyPack } from '../verify/verify'
import { extractTar, extractZip } from './extract-node'
import { packFolder, writePackLayer } from './layer-node'

const SAMPLE = resolve(__dirname, '../../../resources/samples/credit-default-1.0.0')
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-layer-'))
  await cp(SAMPLE, join(dir, 'pack'), { recursive: true })
  // A sign-off-shaped file: the layer must leave it out (its content does not matter here).
  await mkdir(join(dir, 'pack', 'signoffs'))
  await writeFile(join(dir, 'pack', 'signoffs', 'x.json'), '{}\n')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function layerOf(location: string, name: string): Promise<{ digest: string; path: string }> {
  const work = await mkdtemp(join(dir, `w-${name}-`))
  return writePackLayer(await packFolder(location, work), join(work, 'layer.tar'))
}

describe('the pack layer', () => {
  it('is the same bytes whatever container the pack comes in, and verifies as the same pack without its sign-offs', async () => {
    await writeArchiveFromFolder(join(dir, 'pack'), join(dir, 'p.zip'), 'zip')
    await writeArchiveFromFolder(join(dir, 'pack'), join(dir, 'p.tar.gz'), 'tar.gz')
    const a = await layerOf(join(dir, 'pack'), 'folder')
    const b = await layerOf(join(dir, 'p.zip'), 'zip')
    const c = await layerOf(join(dir, 'p.tar.gz'), 'tgz')
    expect(b.digest).toBe(a.digest)
    expect(c.digest).toBe(a.digest)
    const original = await verifyPack(SAMPLE)
    const layer = await verifyPack(a.path)
    expect(layer.ok).toBe(true)
    expect(layer.pack.digest).toBe(original.pack.digest)
    expect(layer.signoffs).toEqual([])
  })

  it('is a plain tar that GNU tar lists and unpacks, and sha256sum accepts the unpacked payload (independent tools)', async () => {
    const { path } = await layerOf(join(dir, 'pack'), 'gnu')
    const names = execFileSync('tar', ['-tf', path], { encoding: 'utf8' }).trim().split('\n')
    expect(names).toContain('bagit.txt')
    expect(names).toContain('data/pack.json')
    expect(names.some((n) => n.startsWith('signoffs'))).toBe(false)
    expect([...names].sort()).toEqual(names.slice().sort())
    const out = await mkdtemp(join(dir, 'gnu-x-'))
    execFileSync('tar', ['-xf', path, '-C', out])
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'manifest-sha256.txt'], { cwd: out, encoding: 'utf8' })).toBe('')
    expect(execFileSync('sha256sum', ['-c', '--quiet', 'tagmanifest-sha256.txt'], { cwd: out, encoding: 'utf8' })).toBe('')
  })
})

describe('extraction refuses hostile archives and writes nothing outside its folder', () => {
  const cases: [string, Buffer, 'tar' | 'zip', RegExp][] = [
    ['a parent-directory path', buildTar([{ name: '../evil.txt', data: Buffer.from('x') }]), 'tar', /not a safe path/],
    ['an absolute path', buildTar([{ name: '/tmp/evil.txt', data: Buffer.from('x') }]), 'tar', /not a safe path/],
    ['a symbolic link', buildTar([{ name: 'link', type: '2', linkname: '/etc/passwd' }]), 'tar', /symbolic link/],
    ['a hard link', buildTar([{ name: 'hl', type: '1', linkname: 'bagit.txt' }]), 'tar', /hard link/],
    ['the same file twice', buildTar([{ name: 'a.txt', data: Buffer.from('1') }, { name: 'a.txt', data: Buffer.from('2') }]), 'tar', /appears twice/],
    ['a folder where a file is', buildTar([{ name: 'a', data: Buffer.from('1') }, { name: 'a/', type: '5' }]), 'tar', /cannot create the folder "a"/],
    ['a cut-off archive', buildTar([{ name: 'a.txt', data: Buffer.alloc(2000) }]).subarray(0, 1024), 'tar', /cut off/],
    ['a zip symlink', buildZip([{ name: 'l', data: Buffer.from('/etc/passwd'), externalAttrs: unixAttrs(0o120777), versionMadeBy: 0x031e }]), 'zip', /symbolic link/],
    ['a zip path escape', buildZip([{ name: '../../evil', data: Buffer.from('x') }]), 'zip', /not a safe path/],
    ['a zip entry that inflates past its declared size', buildZip([{ name: 'big', data: Buffer.alloc(100_000), declaredSize: 10 }]), 'zip', /more bytes|bytes, its header/]
  ]
  it.each(cases)('%s', async (_name, bytes, kind, message) => {
    const base = await mkdtemp(join(dir, 'hostile-'))
    const file = join(base, kind === 'zip' ? 'a.zip' : 'a.tar')
    await writeFile(file, bytes)
    const dest = join(base, 'out')
    await mkdir(dest)
    await expect(kind === 'zip' ? extractZip(file, dest) : extractTar(file, false, dest)).rejects.toThrow(message)
    expect((await readdir(base)).sort()).toEqual([kind === 'zip' ? 'a.zip' : 'a.tar', 'out'])
    await expect(readFile(join(base, 'evil.txt'))).rejects.toThrow()
  })
})
