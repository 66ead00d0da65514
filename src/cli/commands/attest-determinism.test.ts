/**
 * Attestations are byte-identical wherever the inputs sit (issue #10): `vouch attest --against`
 * embedded the absolute local paths of both packs in the attached diff.json, so the same packs in
 * two folders gave two PDFs. Same packs, same trust file, two different places: same bytes.
 */
import { cp, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractAttachments } from '../../core/attest/testing/pdf-tools'
import { EXIT } from '../command'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'

const SAMPLES = resolve(__dirname, '../../../resources/samples')
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-attest-where-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function attestIn(place: string): Promise<string> {
  const root = join(dir, place)
  await mkdir(root, { recursive: true })
  for (const v of ['1.0.0', '1.1.0']) await cp(join(SAMPLES, `credit-default-${v}`), join(root, `credit-default-${v}`), { recursive: true })
  const io = fakeIO({ cwd: root })
  const code = await runCli(['attest', 'credit-default-1.1.0', '--against', 'credit-default-1.0.0', '--out', 'release.pdf'], io)
  expect(io.stderr()).toBe('')
  expect(code).toBe(EXIT.ok)
  return join(root, 'release.pdf')
}

describe('vouch attest --against', () => {
  it('gives the same bytes wherever the packs sit, and no local path in the attached diff', async () => {
    const a = await attestIn('a')
    const b = await attestIn(join('somewhere', 'much', 'deeper', 'b'))
    const files = extractAttachments(b, await mkdtemp(join(dir, 'files-')))
    const diff = new TextDecoder().decode(files.get('diff.json'))
    expect(diff).toContain('"location":"credit-default-1.0.0"')
    expect(diff).not.toContain(dir)
    expect(Buffer.compare(await readFile(a), await readFile(b))).toBe(0)
  })
})
