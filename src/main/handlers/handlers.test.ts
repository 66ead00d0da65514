import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHandlers } from '.'
import { fakeCore, fakeDeps, makePackFolder } from './test-support'

let dir: string
let userData: string
let samples: string

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-handlers-'))
  userData = join(dir, 'user')
  samples = join(dir, 'samples')
  await makePackFolder(join(samples, 'sample-a'), { name: 'credit-risk', version: '1.0.0' })
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('pack handlers', () => {
  it('opens a folder by path, returns a handle and labels, and remembers it with its verdict once assessed (not samples)', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const folder = await makePackFolder(join(dir, 'p2'), { name: 'credit-risk', version: '2.0.0', previous: '1.0.0' })
    const opened = await h['pack:open'](folder)
    expect(opened).toMatchObject({ location: folder, fileName: 'p2', container: 'folder', name: 'credit-risk', version: '2.0.0', previousVersion: '1.0.0' })
    expect(opened.packId).toMatch(/^pk_[0-9a-f]{24}$/)
    // Nothing is remembered before there is a verdict.
    expect(await h['recent:get']()).toEqual([])
    await h['pack:assess'](opened.packId)
    const sample = await h['pack:open'](join(samples, 'sample-a'))
    await h['pack:assess'](sample.packId)
    const recent = await h['recent:get']()
    expect(recent.map((r) => r.path)).toEqual([folder])
    expect(recent[0]?.verdict?.status).toBe('verified')
    expect(Date.parse(recent[0]?.verdict?.at ?? '')).toBeGreaterThan(Date.now() - 60_000)
    // Persisted: a new host process (new handlers) sees it.
    expect((await createHandlers(fakeDeps(userData, samples), fakeCore())['recent:get']()).length).toBe(1)
    await h['recent:clear']()
    expect(await h['recent:get']()).toEqual([])
  })

  it('refuses missing paths and files that are not packs', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    await expect(h['pack:open'](join(dir, 'nope'))).rejects.toMatchObject({ code: 'not-found' })
    await writeFile(join(dir, 'notes.txt'), 'hello')
    await expect(h['pack:open'](join(dir, 'notes.txt'))).rejects.toMatchObject({ code: 'not-an-archive', reason: 'not a folder, zip, tar or tar.gz, checked by its content' })
    await writeFile(join(dir, 'p.zip'), Buffer.from([0x50, 0x4b, 3, 4, 0, 0]))
    expect((await h['pack:open'](join(dir, 'p.zip'))).container).toBe('zip')
  })

  it('never follows an evidence symlink out of the pack when reading the provisional overview', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const folder = await makePackFolder(join(dir, 'sneaky'), { name: 'x', version: '1' })
    await writeFile(join(dir, 'outside.json'), '{"schema":"vouch.pack/v1"}')
    await mkdir(join(folder, 'data'))
    await symlink(join(dir, 'outside.json'), join(folder, 'data', 'pack.json'))
    const opened = await h['pack:open'](folder)
    expect(opened.provisionalEvidence).toBeUndefined()
  })

  it('refuses handles it never minted', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    await expect(h['pack:verify']('pk_00000000000000000000', 'j')).rejects.toMatchObject({ code: 'unknown-pack' })
  })

  it('verifies with steady progress events for the job, then a final one', async () => {
    const deps = fakeDeps(userData, samples)
    const h = createHandlers(deps, fakeCore({ steps: 20, stepMs: 10 }))
    const { packId } = await h['pack:open'](join(samples, 'sample-a'))
    const report = await h['pack:verify'](packId, 'job-1')
    expect(report.status).toBe('verified')
    const progress = deps.events.filter((e) => e.event === 'pack:progress').map((e) => e.payload as { jobId: string; filesDone: number })
    // 200 ms of hashing at a 20 ms pump: about 10 events, never one per core callback burst.
    expect(progress.length).toBeGreaterThanOrEqual(5)
    expect(progress.every((p) => p.jobId === 'job-1')).toBe(true)
    expect(progress.at(-1)?.filesDone).toBe(20)
  })

  it('cancels a running verification: the report is incomplete and the job is gone', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore({ steps: 1000, stepMs: 5 }))
    const { packId } = await h['pack:open'](join(samples, 'sample-a'))
    const running = h['pack:verify'](packId, 'job-2')
    await new Promise((r) => setTimeout(r, 30))
    expect(await h['pack:cancel']('job-2')).toEqual({ cancelled: true })
    expect((await running).status).toBe('incomplete')
    expect(await h['pack:cancel']('job-2')).toEqual({ cancelled: false })
  })

  it('lists samples and answers the startup pack and host info', async () => {
    const h = createHandlers(fakeDeps(userData, samples, { startupPath: '/x/y' }), fakeCore())
    expect((await h['pack:samples']()).map((s) => s.fileName)).toEqual(['sample-a'])
    expect(await h['pack:startup']()).toBe('/x/y')
    expect(await h['app:info']()).toMatchObject({ host: 'serve', dialogs: false })
    await expect(h['dialog:openPack']('file')).rejects.toMatchObject({ code: 'unsupported' })
  })
})

describe('review handlers', () => {
  it('diffs two packs, verifying each first; finds the previous release beside a pack', async () => {
    const core = fakeCore()
    const h = createHandlers(fakeDeps(userData, samples), core)
    const a = await h['pack:open'](await makePackFolder(join(dir, 'v1'), { name: 'credit-risk', version: '1.0.0' }))
    const b = await h['pack:open'](await makePackFolder(join(dir, 'v2'), { name: 'credit-risk', version: '2.0.0', previous: '1.0.0' }))
    const diff = await h['diff:compute'](a.packId, b.packId)
    expect(diff.verdict.summary).toBe(`${a.location} -> ${b.location}`)
    expect(core.verified).toEqual([a.location, b.location])
    await h['diff:compute'](a.packId, b.packId)
    expect(core.verified.length).toBe(2) // cached reports
    expect(await h['diff:previous'](b.packId)).toBe(a.location)
    expect(await h['diff:previous'](a.packId)).toBeNull()
  })

  it('exports an attestation through the host, named after the pack', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const { packId } = await h['pack:open'](join(samples, 'sample-a'))
    expect(await h['attest:export'](packId)).toMatchObject({ kind: 'download', fileName: 'credit-risk-2.0.0-attestation.pdf', bytes: 4 })
  })
})

describe('report cache', () => {
  it('keeps the reports of the most recently used packs only; older ones are verified again when needed', async () => {
    const core = fakeCore({ steps: 1, stepMs: 0 })
    const h = createHandlers(fakeDeps(userData, samples), core)
    const ids: string[] = []
    for (let i = 0; i < 8; i++) {
      const { packId } = await h['pack:open'](await makePackFolder(join(dir, `c${i}`), { name: 'n', version: String(i) }))
      await h['pack:verify'](packId, `j${i}`)
      ids.push(packId)
    }
    expect(core.verified.length).toBe(8)
    await h['pack:assess'](ids[7]!) // recent: cached
    expect(core.verified.length).toBe(8)
    await h['pack:assess'](ids[0]!) // evicted: verified again
    expect(core.verified.length).toBe(9)
  })
})

describe('keys and trust', () => {
  it('creates keys in the store (private part 0600, never returned) and exports the public line', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const k = await h['keys:create']({ name: 'ana', role: 'owner', passphrase: 'pw' })
    expect(k).toMatchObject({ name: 'ana', role: 'owner', canSign: true })
    expect(k.keyId).toMatch(/^ed25519:[0-9a-f]{64}$/)
    expect(JSON.stringify(await h['keys:list']())).not.toContain('encrypted')
    expect(await h['keys:exportPublic'](k.keyId)).toMatch(/^ed25519 \S+ ana\n$/)
    await expect(h['keys:exportPublic'](`ed25519:${'0'.repeat(64)}`)).rejects.toMatchObject({ code: 'not-found' })
  })

  it('imports a .pub line as a public-only key', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    const pub = join(dir, 'bo.pub')
    await writeFile(pub, `ed25519 ${Buffer.alloc(32, 9).toString('base64')} bo\n`)
    expect(await h['keys:import'](pub)).toMatchObject({ name: 'bo', canSign: false })
    await writeFile(pub, 'ed25519 c2hvcnQ= bo\n')
    await expect(h['keys:import'](pub)).rejects.toMatchObject({ code: 'invalid-argument' })
  })

  it('saves a valid trust file and refuses one with bad lines, leaving the old one', async () => {
    const h = createHandlers(fakeDeps(userData, samples), fakeCore())
    expect((await h['trust:get']()).text).toBe('')
    await h['trust:save']('ana roles=owner ed25519 AAAA\n')
    await expect(h['trust:save']('garbage')).rejects.toMatchObject({ code: 'invalid-trust' })
    expect(await readFile(join(userData, 'trust.txt'), 'utf8')).toBe('ana roles=owner ed25519 AAAA\n')
  })
})
