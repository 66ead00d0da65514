import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { PackReadError } from '../io/reader'
import { buildTarGz, buildZip, noise } from '../io/testing'
import { assertLooksLikePack } from './not-a-pack'
import { makePack, type TestPack } from './testing/make-pack'
import { verifyPack } from './verify'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-not-a-pack-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function refusal(p: Promise<unknown>): Promise<PackReadError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x
  )
  expect(e).toBeInstanceOf(PackReadError)
  return e as PackReadError
}

describe('not an Assurance Pack vs a failed pack', () => {
  it('an empty folder is not a pack (no bagit.txt), before and at verification', async () => {
    const empty = join(dir, 'empty')
    await mkdir(empty)
    for (const e of [await refusal(verifyPack(empty)), await refusal(assertLooksLikePack(empty))]) {
      expect(e).toMatchObject({ code: 'not-a-pack', path: empty, reason: 'no bagit.txt' })
      expect(e.message).toBe(`${empty} is not an Assurance Pack (no bagit.txt).`)
    }
  })

  it('a folder that holds packs names them', async () => {
    for (const n of ['b-1.0.0', 'a-1.1.0']) {
      await mkdir(join(dir, 'shelf', n), { recursive: true })
      await writeFile(join(dir, 'shelf', n, 'bagit.txt'), 'BagIt-Version: 1.0\n')
    }
    await writeFile(join(dir, 'shelf', 'notes.txt'), 'x')
    const e = await refusal(verifyPack(join(dir, 'shelf')))
    expect(e.code).toBe('not-a-pack')
    expect(e.hint).toBe('It holds 2 packs: a-1.1.0, b-1.0.0; open one of them.')
  })

  it('a zip or tar.gz of other files is not a pack: decided after the scan, with the same words', async () => {
    const zip = join(dir, 'files.zip')
    await writeFile(zip, buildZip([{ name: 'a.txt', data: Buffer.from('a') }, { name: 'b/c.txt', data: Buffer.from('c') }]))
    const tgz = join(dir, 'files.tar.gz')
    await writeFile(tgz, buildTarGz([{ name: 'notes/readme.md', data: Buffer.from('# hi\n') }]))
    for (const p of [zip, tgz]) {
      // Opening is cheap and cannot tell yet; the verifier can.
      await expect(assertLooksLikePack(p)).resolves.toBeUndefined()
      const e = await refusal(verifyPack(p))
      expect(e).toMatchObject({ code: 'not-a-pack', reason: 'no bagit.txt' })
    }
  })

  it('a file named .zip that is not one is refused by its content, in the words of its name', async () => {
    const cases: [string, Buffer, string, string][] = [
      ['random.zip', noise(3000), 'not-an-archive', 'not a valid zip, checked by its content'],
      ['notes.tar.gz', Buffer.from('plain text\n'), 'not-an-archive', 'not a valid tar.gz, checked by its content'],
      ['report.pdf', Buffer.from('%PDF-1.4\n'), 'not-an-archive', 'not a folder, zip, tar or tar.gz, checked by its content'],
      ['empty.zip', Buffer.alloc(0), 'empty-file', 'an empty file, 0 bytes']
    ]
    for (const [name, bytes, code, reason] of cases) {
      const p = join(dir, name)
      await writeFile(p, bytes)
      const e = await refusal(verifyPack(p))
      expect(e, name).toMatchObject({ code, reason, message: `${p} is not an Assurance Pack (${reason}).` })
    }
  })

  describe('a damaged pack stays a failed pack', () => {
    let pack: TestPack
    beforeEach(async () => {
      pack = await makePack()
    })
    afterEach(async () => {
      await pack.cleanup()
    })

    it('a pack without bagit.txt (the other tag files are there) fails verification with tag-file-missing', async () => {
      await pack.remove('bagit.txt')
      await expect(assertLooksLikePack(pack.dir)).resolves.toBeUndefined()
      const r = await verifyPack(pack.dir)
      expect(r.status).toBe('failed')
      expect(r.findings.find((f) => f.code === 'tag-file-missing')?.path).toBe('bagit.txt')
    })
  })
})
