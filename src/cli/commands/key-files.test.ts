/**
 * `vouch sign` with an edited key file and `vouch key upgrade` (issue #10): the signer name and role
 * in a key file are bound to its encryption, so an edit is refused before anything is signed.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePack, type TestPack } from '../../core/verify/testing/make-pack'
import { EXIT } from '../command'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'
import { prepareSigner } from '../testing/signer'

const env = { VOUCH_PASSPHRASE: 'key files passphrase' }
let dir = ''
let pack: TestPack

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-key-files-'))
  pack = await makePack()
  await prepareSigner(dir, env)
})
afterAll(async () => {
  await pack.cleanup()
  await rm(dir, { recursive: true, force: true })
})

describe('key files', () => {
  it.each([['name', 'bob.owner'], ['role', 'owner']])('sign refuses a key file whose %s was edited, and changes nothing', async (field, value) => {
    const k = JSON.parse(await readFile(join(dir, 'eng.key'), 'utf8')) as Record<string, unknown>
    await writeFile(join(dir, `edited-${field}.key`), JSON.stringify({ ...k, [field]: value }))
    const before = await pack.digest()
    const io = fakeIO({ cwd: dir, env })
    expect(await runCli(['sign', pack.dir, '--key', `edited-${field}.key`, '--decision', 'approve', '--checklist', 'answers.json'], io)).toBe(EXIT.error)
    expect(io.stderr()).toMatch(/\[altered\]; the pack was not changed/)
    expect(await pack.digest()).toBe(before)
    await expect(readFile(pack.abs('signoffs'))).rejects.toBeDefined()
  })

  it('key upgrade leaves a version 2 file as it is', async () => {
    const before = await readFile(join(dir, 'eng.key'), 'utf8')
    const io = fakeIO({ cwd: dir, env })
    expect(await runCli(['key', 'upgrade', 'eng.key'], io)).toBe(EXIT.ok)
    expect(io.stdout()).toContain('already version 2')
    expect(await readFile(join(dir, 'eng.key'), 'utf8')).toBe(before)
  })
})
