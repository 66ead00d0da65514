/**
 * Whatever `vouch build` accepts, `vouch sign` and `vouch attest` handle (issue #10): a 5,000
 * character name used to build and verify, then could never be signed (the sign-off subject is at
 * most 300 characters). The longest name and version build allows, in astral characters (two
 * UTF-16 units each, the worst case for the subject), sign and attest.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pdfText } from '../core/attest/testing/pdf-tools'
import { MAX_NAME_CHARS, MAX_VERSION_CHARS } from '../core/format/schemas'
import { makePack, type TestPack } from '../core/verify/testing/make-pack'
import { fakeIO } from './fake-io'
import { runCli } from './main'
import { prepareSigner } from './testing/signer'

const env = { VOUCH_PASSPHRASE: 'long names passphrase' }
const NAME = '𝐀'.repeat(MAX_NAME_CHARS)
const VERSION = '𝟏'.repeat(MAX_VERSION_CHARS)
let dir = ''
let pack: TestPack

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-long-names-'))
  pack = await makePack({
    evidence: (ev) => {
      ev.pack.name = NAME
      ev.pack.version = VERSION
    }
  })
  await prepareSigner(dir, env)
})
afterAll(async () => {
  await pack.cleanup()
  await rm(dir, { recursive: true, force: true })
})

describe('the longest name and version build accepts', () => {
  it('builds, signs and attests', async () => {
    expect(`${NAME}@${VERSION}`.length).toBeLessThanOrEqual(300)
    const sign = fakeIO({ cwd: dir, env })
    const code = await runCli(['sign', pack.dir, '--key', 'eng.key', '--decision', 'approve', '--checklist', 'answers.json'], sign)
    expect(sign.stderr()).toBe('')
    expect(code).toBe(0)
    expect(sign.stdout()).toContain(`Signed ${NAME}@${VERSION}`)
    const attest = fakeIO({ cwd: dir })
    expect(await runCli(['attest', pack.dir, '--out', 'long.pdf'], attest)).toBe(0)
    // No embedded font has these mathematical letters: they print as U+FFFD (the attached JSON holds them).
    expect(pdfText(join(dir, 'long.pdf'), 1)).toContain('Verified')
    expect((await readFile(join(dir, 'long.pdf'))).length).toBeGreaterThan(1000)
  })
})
