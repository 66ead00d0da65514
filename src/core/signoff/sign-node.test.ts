/**
 * End to end on the newest sample: sign it as a folder and as a zip with an engineer key and an
 * owner key (real encrypted key files), check it is Approved, and that an independent DSSE +
 * ed25519 implementation verifies every envelope written.
 */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchiveFromFolder } from '../io/archive-write'
import { verifyPack } from '../verify/verify'
import { assessSignoffs } from './assess'
import { createKeyFiles, loadKeyFile, type LoadedKey } from './keys-node'
import { signPackOnDisk, SignError } from './sign-node'
import { answers, independentlyVerify } from './testing'
import { formatTrustLine, parseTrustFile, type TrustFile } from './trust'

const SAMPLE = resolve(__dirname, '../../../resources/samples/credit-default-1.1.0')
let dir = ''
let eng: LoadedKey
let own: LoadedKey
let trust: TrustFile

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-sign-'))
  const pass = 'test passphrase 123'
  const [e, o] = await Promise.all([
    createKeyFiles({ out: join(dir, 'eng.key'), name: 'ana.eng', role: 'engineer', passphrase: pass }),
    createKeyFiles({ out: join(dir, 'own.key'), name: 'bob.owner', role: 'owner', passphrase: pass })
  ])
  ;[eng, own] = await Promise.all([loadKeyFile(e.keyPath, pass), loadKeyFile(o.keyPath, pass)])
  trust = parseTrustFile(`${formatTrustLine('ana.eng', ['engineer'], e.publicKey)}\n${formatTrustLine('bob.owner', ['owner'], o.publicKey)}\n`)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function signBoth(location: string): Promise<void> {
  const a = await signPackOnDisk(location, eng, answers(), { role: 'engineer', decision: 'approve', now: new Date('2026-11-26T10:00:00Z') })
  expect(a.path).toMatch(/^signoffs\/2026-11-26T10-00-00Z-engineer-[0-9a-f]{8}\.json$/)
  const b = await signPackOnDisk(location, own, answers(), { role: 'owner', decision: 'approve', now: new Date('2026-11-26T11:00:00Z') })
  expect(b.report.signoffs.map((s) => s.path)).toEqual([a.path, b.path])
}

async function expectApproved(location: string): Promise<void> {
  const report = await verifyPack(location)
  expect(report.ok).toBe(true)
  const a = assessSignoffs(report, trust)
  expect(a.findings).toEqual([])
  expect(a.status).toBe('approved')
  expect(a.signoffs.map((s) => s.status)).toEqual(['valid-trusted', 'valid-trusted'])
  for (const s of report.signoffs) expect(independentlyVerify(s.text)).toBe(true)
}

describe('signPackOnDisk on the newest sample', () => {
  it('folder: engineer + owner → Approved; the pack digest is unchanged', async () => {
    const folder = join(dir, 'folder', 'credit-default-1.1.0')
    await cp(SAMPLE, folder, { recursive: true })
    const digest = (await verifyPack(folder)).pack.digest
    await signBoth(folder)
    expect((await verifyPack(folder)).pack.digest).toBe(digest)
    await expectApproved(folder)
  })

  it.each(['zip', 'tar.gz'] as const)('%s: engineer + owner → Approved', async (kind) => {
    const archive = join(dir, `credit-default-1.1.0.${kind}`)
    await writeArchiveFromFolder(SAMPLE, archive, kind)
    await signBoth(archive)
    await expectApproved(archive)
  })

  it('a failed write leaves the zip byte-identical', async () => {
    const zip = join(dir, 'fault.zip')
    await writeArchiveFromFolder(SAMPLE, zip, 'zip')
    const before = await readFile(zip)
    await expect(signPackOnDisk(zip, eng, answers(), { role: 'engineer', decision: 'approve', faults: { failAfterBytes: 64 } })).rejects.toThrow()
    await expect(signPackOnDisk(zip, eng, answers(), { role: 'engineer', decision: 'approve', faults: { beforeRename: () => Promise.reject(new Error('crash')) } })).rejects.toThrow()
    expect(await readFile(zip)).toEqual(before)
    expect((await verifyPack(zip)).signoffs).toEqual([])
  })

  it('refuses to replace an archive that changed while signing (no lost sign-off)', async () => {
    const zip = join(dir, 'race.zip')
    await writeArchiveFromFolder(SAMPLE, zip, 'zip')
    let other: Promise<unknown> | undefined
    const r = signPackOnDisk(zip, eng, answers(), {
      role: 'engineer',
      decision: 'approve',
      faults: {
        onTempCreated: async () => {
          // Another signer finishes first.
          other ??= signPackOnDisk(zip, own, answers(), { role: 'owner', decision: 'approve' })
          await other
        }
      }
    })
    // addFilesToPack wraps what our verify hook threw: 'verify-failed', caused by our SignError.
    await expect(r).rejects.toMatchObject({ code: 'verify-failed', cause: { code: 'changed-meanwhile' } })
    const after = await verifyPack(zip)
    expect(after.signoffs.map((s) => s.path)).toEqual([expect.stringMatching(/-owner-/)])
  })

  it('an archive whose payload does not verify: pack-not-verified, the archive byte-identical, no temp left', async () => {
    // The preview reads tag files only: the broken payload file is found by the full verification of the candidate.
    const folder = join(dir, 'broken-payload')
    await cp(SAMPLE, folder, { recursive: true })
    const model = join(folder, 'data', 'model', 'model.txt')
    await writeFile(model, `${await readFile(model, 'utf8')}tampered\n`)
    const zip = join(dir, 'broken-payload.zip')
    await writeArchiveFromFolder(folder, zip, 'zip')
    const before = await readFile(zip)
    await expect(signPackOnDisk(zip, eng, answers(), { role: 'engineer', decision: 'approve' })).rejects.toMatchObject({ name: 'SignError', code: 'pack-not-verified' })
    expect((await readFile(zip)).equals(before)).toBe(true)
    expect((await readdir(dir)).filter((n) => n.includes('vouch-tmp'))).toEqual([])
  })

  it.each(['zip', 'tar.gz'] as const)('%s: the kernel copy starts before the key is ready; a key that fails leaves the archive byte-identical, no temp left', async (kind) => {
    const archive = join(dir, `key-late.${kind}`)
    await writeArchiveFromFolder(SAMPLE, archive, kind)
    const before = await readFile(archive)
    let fail: (e: Error) => void = () => undefined
    const key = new Promise<LoadedKey>((_, reject) => (fail = reject))
    let tempSeen = false
    const r = signPackOnDisk(archive, key, answers(), {
      decision: 'approve',
      faults: {
        onTempCreated: () => {
          // The copy exists while the key is still being derived; then the passphrase turns out wrong.
          tempSeen = true
          fail(new Error('wrong passphrase'))
        }
      }
    })
    await expect(r).rejects.toThrow('wrong passphrase')
    expect(tempSeen).toBe(true)
    expect((await readFile(archive)).equals(before)).toBe(true)
    expect((await readdir(dir)).filter((n) => n.includes('vouch-tmp'))).toEqual([])
  })

  it('signs for the key\'s role when none is given, with a key still in the making', async () => {
    const zip = join(dir, 'role-from-key.zip')
    await writeArchiveFromFolder(SAMPLE, zip, 'zip')
    const r = await signPackOnDisk(zip, new Promise<LoadedKey>((ok) => setTimeout(() => ok(own), 50)), answers(), { decision: 'approve' })
    expect(r.path).toMatch(/-owner-[0-9a-f]{8}\.json$/)
    expect(r.report.signoffs.map((s) => s.path)).toEqual([r.path])
  })

  it('refuses to sign a pack that does not verify', async () => {
    const folder = join(dir, 'broken')
    await cp(SAMPLE, folder, { recursive: true })
    await rm(join(folder, 'data', 'pack.json'))
    await expect(signPackOnDisk(folder, eng, answers(), { role: 'engineer', decision: 'approve' })).rejects.toBeInstanceOf(SignError)
    // The pack's problem comes before the key's, as when the key was derived first.
    await expect(signPackOnDisk(folder, Promise.reject(new Error('wrong passphrase')), answers(), { role: 'engineer', decision: 'approve' })).rejects.toMatchObject({ name: 'SignError', code: 'pack-not-verified' })
  })
})
