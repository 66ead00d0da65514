/**
 * Packs Vouch builds are plain BagIt 1.0 bags: an independent validator (Python, standard library,
 * written from RFC 8493; scripts/bagit/validate_bag.py) accepts the samples and built packs with
 * non-ASCII and percent-encoded names, and rejects what Vouch rejects.
 */
import { execFile } from 'node:child_process'
import { cp, mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, it } from 'vitest'
import { makePack } from '../../src/core/verify/testing/make-pack'
import { verifyPack } from '../../src/core/verify/verify'

const run = promisify(execFile)
const VALIDATOR = resolve(__dirname, 'validate_bag.py')
const SAMPLES = resolve(__dirname, '../../resources/samples')

async function validate(bag: string): Promise<{ code: number; out: string }> {
  try {
    const r = await run('python3', [VALIDATOR, bag])
    return { code: 0, out: r.stdout }
  } catch (e) {
    const err = e as { code?: number; stdout?: string }
    return { code: err.code ?? -1, out: err.stdout ?? '' }
  }
}

const temps: string[] = []
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })))
})

describe('an independent BagIt validator', () => {
  it.each(['credit-default-1.0.0', 'credit-default-1.1.0'])('accepts the sample %s', async (name) => {
    expect(await validate(join(SAMPLES, name))).toEqual({ code: 0, out: 'valid\n' })
  })

  it('accepts a built pack with non-Latin, NFD and percent names, and a sign-off tag file beside it', async () => {
    const pack = await makePack({ files: { 'data/notes/Überprüfung-評価 100%.md': '# notes\n', 'data/notes/cafe\u0301.txt': 'nfd\n' } })
    temps.push(pack.dir)
    await writeFile(join(pack.dir, 'signoffs-placeholder.txt'), 'tag files outside the manifests are allowed\n')
    expect((await verifyPack(pack.dir)).findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(await validate(pack.dir)).toEqual({ code: 0, out: 'valid\n' })
  })

  it('rejects, as Vouch does, a changed, an added and an unlisted file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vouch-bagit-'))
    temps.push(dir)
    const bag = join(dir, 'bag')
    await cp(join(SAMPLES, 'credit-default-1.0.0'), bag, { recursive: true })
    await appendFile(join(bag, 'data', 'pack.json'), ' ')
    await writeFile(join(bag, 'data', 'extra.txt'), 'not listed\n')
    const r = await validate(bag)
    expect(r.code).toBe(1)
    expect(r.out).toContain('data/pack.json: sha256 mismatch')
    expect(r.out).toContain('data/extra.txt: present but not in the manifest')
    const report = await verifyPack(bag)
    expect(report.status).toBe('failed')
    expect(report.findings.map((f) => f.path)).toEqual(expect.arrayContaining(['data/pack.json', 'data/extra.txt']))
  })
})
