/**
 * The handlers behind "nothing in the way": relative paths where the host can resolve them, not a
 * pack vs a failed pack, recent packs with their verdicts, the previous release the user chose, the
 * folder browser, preferences, and what an exported PDF records.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { homedir, tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NOT_A_PACK_CODES } from '../../core/io/codes'
import { NOT_A_PACK_ERROR_CODES } from '../../shared/contract'
import { createHandlers, defaultCore } from '.'
import { MAX_LISTED } from './browse'
import { fakeCore, fakeDeps, makePackFolder } from './test-support'

let dir: string
let userData: string
let samples: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-handlers-open-'))
  userData = join(dir, 'user')
  samples = join(dir, 'samples')
  await makePackFolder(join(samples, 'sample-a'), { name: 'credit-risk', version: '1.0.0' })
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('typed paths', () => {
  it('vouch serve resolves a relative path against the folder it was started in, and ~ from home', async () => {
    const h = createHandlers(fakeDeps(userData, samples, { cwd: dir }), fakeCore())
    const folder = await makePackFolder(join(dir, 'packs', 'p1'), { name: 'n', version: '1' })
    expect((await h['pack:open']('packs/p1')).location).toBe(folder)
    expect((await h['pack:open']('./packs/../packs/p1/')).location).toBe(folder)
    await expect(h['pack:open']('~/certainly-not-here-vouch')).rejects.toMatchObject({ code: 'not-found', path: join(homedir(), 'certainly-not-here-vouch') })
    expect(await h['app:info']()).toMatchObject({ cwd: dir, browse: true })
    // The key import takes a typed path the same way.
    await writeFile(join(dir, 'bo.pub'), `ed25519 ${Buffer.alloc(32, 9).toString('base64')} bo\n`)
    expect(await h['keys:import']('bo.pub')).toMatchObject({ name: 'bo' })
  })

  it('a host without a working folder (Electron) asks for the full path, in words', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    await expect(h['pack:open']('packs/p1')).rejects.toMatchObject({ code: 'relative-path', message: '"packs/p1" is a relative path: type the full path (for example /home/you/packs/packs/p1)' })
    expect(await h['app:info']()).toMatchObject({ cwd: null })
  })
})

describe('not an Assurance Pack', () => {
  it('an empty folder is refused at open in core words, with the reason, and never enters Recent', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    await mkdir(join(dir, 'empty'))
    await expect(h['pack:open'](join(dir, 'empty'))).rejects.toMatchObject({ code: 'not-a-pack', reason: 'no bagit.txt', message: `${join(dir, 'empty')} is not an Assurance Pack (no bagit.txt).` })
    await writeFile(join(dir, 'x.zip'), 'not a zip\n')
    await expect(h['pack:open'](join(dir, 'x.zip'))).rejects.toMatchObject({ code: 'not-an-archive', reason: 'not a valid zip, checked by its content' })
    expect(await h['recent:get']()).toEqual([])
  })

  it('a remembered pack that is no longer one leaves Recent', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const folder = await makePackFolder(join(dir, 'was-a-pack'), { name: 'n', version: '1' })
    await h['pack:assess']((await h['pack:open'](folder)).packId)
    expect((await h['recent:get']()).length).toBe(1)
    await rm(folder, { recursive: true })
    await mkdir(folder)
    await expect(h['pack:open'](folder)).rejects.toMatchObject({ code: 'not-a-pack' })
    expect(await h['recent:get']()).toEqual([])
  })

  it('the contract lists the same "not a pack" codes as core', () => {
    expect([...NOT_A_PACK_ERROR_CODES].sort()).toEqual([...NOT_A_PACK_CODES].sort())
  })
})

describe('recent packs', () => {
  it('keep the last verdict, newest first; one can be removed, all cleared; temporary uploads never enter', async () => {
    const uploads = join(dir, 'uploads')
    const h = createHandlers(fakeDeps(userData, samples, { uploadsDir: uploads }), fakeCore())
    const a = await makePackFolder(join(dir, 'a'), { name: 'a', version: '1' })
    const b = await makePackFolder(join(dir, 'b'), { name: 'b', version: '1' })
    const up = await makePackFolder(join(uploads, 'u-1', 'dropped'), { name: 'u', version: '1' })
    for (const p of [a, b, up]) await h['pack:assess']((await h['pack:open'](p)).packId)
    const opened = await h['pack:open'](up)
    expect(opened.temporary).toBe(true)
    expect((await h['recent:get']()).map((r) => [r.path, r.verdict?.status])).toEqual([
      [b, 'verified'],
      [a, 'verified']
    ])
    expect((await h['recent:remove'](b)).map((r) => r.path)).toEqual([a])
    expect((await h['recent:get']()).map((r) => r.path)).toEqual([a])
    await h['recent:clear']()
    expect(await h['recent:get']()).toEqual([])
  })
})

describe('the previous release', () => {
  it('is the one beside the pack until the user picks another, or none; the assessment and the PDF follow', async () => {
    // The app's own assess (with the previous release); verification stays fake.
    const h = createHandlers(fakeDeps(userData, samples), { ...fakeCore(), assess: defaultCore.assess })
    const v1 = await makePackFolder(join(dir, 'rel', 'v1'), { name: 'credit-risk', version: '1.0.0' })
    const v2 = await makePackFolder(join(dir, 'rel', 'v2'), { name: 'credit-risk', version: '2.0.0', previous: '1.0.0' })
    const other = await makePackFolder(join(dir, 'elsewhere', 'old'), { name: 'credit-risk', version: '0.9.0' })
    const { packId } = await h['pack:open'](v2)
    expect((await h['pack:assess'](packId)).gate?.previous.location).toBe(v1)

    expect(await h['pack:setPrevious'](packId, 'path', other)).toEqual({ mode: 'path', location: other })
    expect((await h['pack:assess'](packId)).gate?.previous.location).toBe(other)
    expect(await h['diff:previous'](packId)).toBe(other)
    // (The fake verifier names every pack credit-risk 2.0.0.)
    expect(await h['attest:export'](packId)).toMatchObject({ kind: 'download', status: 'verified', against: 'credit-risk@2.0.0' })

    expect(await h['pack:setPrevious'](packId, 'none')).toEqual({ mode: 'none', location: null })
    expect((await h['pack:assess'](packId)).gate).toBeNull()
    expect(await h['attest:export'](packId)).toMatchObject({ against: null })

    expect(await h['pack:setPrevious'](packId, 'auto')).toEqual({ mode: 'auto', location: v1 })
    expect((await h['pack:assess'](packId)).gate?.previous.location).toBe(v1)
  })

  it('refuses a previous release that is not a pack, or the pack itself, and keeps the choice it had', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const v2 = await makePackFolder(join(dir, 'v2'), { name: 'n', version: '2' })
    await mkdir(join(dir, 'empty'))
    const { packId } = await h['pack:open'](v2)
    await expect(h['pack:setPrevious'](packId, 'path', join(dir, 'empty'))).rejects.toMatchObject({ code: 'not-a-pack' })
    await expect(h['pack:setPrevious'](packId, 'path', v2)).rejects.toMatchObject({ code: 'same-pack' })
    await expect(h['pack:setPrevious'](packId, 'path')).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(await h['diff:previous'](packId)).toBeNull()
  })
})

describe('folder browser (hosts without a native dialog)', () => {
  it('lists sub-folders and archives, packs first; no hidden entries, no links, no other files', async () => {
    const h = createHandlers(fakeDeps(userData, samples, { cwd: dir }), fakeCore())
    const root = join(dir, 'shelf')
    await makePackFolder(join(root, 'z-pack'))
    await mkdir(join(root, 'a-folder'))
    await mkdir(join(root, '.hidden'))
    await writeFile(join(root, 'b.zip'), 'x')
    await writeFile(join(root, 'c.tar.gz'), 'x')
    await writeFile(join(root, 'notes.txt'), 'x')
    await symlink(join(dir, 'samples'), join(root, 'link-to-samples'))
    const l = await h['fs:list']('shelf')
    expect(l.path).toBe(root)
    expect(l.parent).toBe(dir)
    expect(l.entries.map((e) => [e.name, e.kind])).toEqual([
      ['z-pack', 'pack'],
      ['a-folder', 'folder'],
      ['b.zip', 'archive'],
      ['c.tar.gz', 'archive']
    ])
    expect(l.truncated).toBe(false)
    expect(l.places[0]).toEqual({ label: 'Where vouch serve was started', path: dir })
    // Without an argument it starts where relative paths resolve.
    expect((await h['fs:list']()).path).toBe(dir)
    await expect(h['fs:list'](join(root, 'notes.txt'))).rejects.toMatchObject({ code: 'not-a-folder' })
    await expect(h['fs:list'](relative(dir, join(dir, 'nope')))).rejects.toMatchObject({ code: 'not-found' })
  })

  it('shows at most MAX_LISTED entries and says so', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const many = join(dir, 'many')
    await mkdir(many)
    await Promise.all(Array.from({ length: MAX_LISTED + 3 }, (_, i) => mkdir(join(many, `d${String(i).padStart(4, '0')}`))))
    const l = await h['fs:list'](many)
    expect(l.entries.length).toBe(MAX_LISTED)
    expect(l.truncated).toBe(true)
  })

  it('is refused where the system dialog exists (Electron)', async () => {
    const h = createHandlers(fakeDeps(userData, samples, { openDialog: async () => null }), fakeCore())
    await expect(h['fs:list']()).rejects.toMatchObject({ code: 'unsupported' })
    expect(await h['app:info']()).toMatchObject({ dialogs: true, browse: false })
  })
})

describe('preferences', () => {
  it('default to the system theme, persist a choice, and read a corrupt file as the defaults', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    expect(await h['prefs:get']()).toEqual({ theme: 'system' })
    expect(await h['prefs:set']({ theme: 'dark' })).toEqual({ theme: 'dark' })
    expect(await createHandlers(fakeDeps(userData, samples), fakeCore())['prefs:get']()).toEqual({ theme: 'dark' })
    await writeFile(join(userData, 'prefs.json'), '{not json')
    expect(await h['prefs:get']()).toEqual({ theme: 'system' })
  })
})

describe('signing', () => {
  it('returns the report after the write, so the Files count and the history refresh together', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const folder = await makePackFolder(join(dir, 'to-sign'), { name: 'n', version: '1' })
    const { packId } = await h['pack:open'](folder)
    const key = await h['keys:create']({ name: 'ana', role: 'owner', passphrase: 'long enough' })
    const r = await h['signoff:sign'](packId, { keyId: key.keyId, passphrase: 'long enough', role: 'owner', decision: 'reject', answers: [] })
    expect(r.report.location).toBe(folder)
    expect(r.assessment.pack.location).toBe(folder)
  })
})
