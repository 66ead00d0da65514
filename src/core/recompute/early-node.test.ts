/**
 * The recomputation started while a folder is hashed is kept only when its inputs were the scan's:
 * on an untouched sample it is used and gives the report the recomputation after the scan gives;
 * when a file changes between the two, it is dropped and the report is the one without it.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { FolderReader } from '../io/folder-reader'
import type { ScannedFile } from '../io/reader'
import { checkPack, keepForVerify } from '../verify/check'
import type { VerifyReport } from '../verify/report'
import { verifyPack } from '../verify/verify'
import { sameInputs, startEarlyRecompute } from './early-node'
import { payloadOpener } from './source-node'
import { addReproducibility } from './verify-node'
import { keepForRecompute, reproduceInput } from './verify-step'

const SAMPLES = resolve(__dirname, '../../../resources/samples')
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-early-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function scanned(location: string): Promise<{ reader: FolderReader; files: readonly ScannedFile[]; report: VerifyReport }> {
  const reader = new FolderReader(location, { workers: 0 })
  const readerFindings: Finding[] = []
  const files = await reader.scan({ keep: (p, n) => keepForVerify(p, n) || keepForRecompute(p, n), onFinding: (f) => readerFindings.push(f) })
  return { reader, files, report: checkPack({ kind: 'folder', location, files, readerFindings, durationMs: 0 }) }
}

describe('recomputing while the folder is hashed', () => {
  it.each(['credit-default-1.1.0', 'support-ticket-assistant-1.1.0'])('%s: the guess is used and the report is the one recomputed after the scan', async (name) => {
    const { reader, files, report } = await scanned(join(SAMPLES, name))
    const guess = await startEarlyRecompute(reader)
    expect(guess).toBeDefined()
    const inp = reproduceInput(report, files, payloadOpener(reader, [], undefined), [])
    expect(sameInputs(guess!, new Map(files.map((f) => [f.entry.path, f])), inp)).toBe(true)
    const after = await addReproducibility(report, files, reader)
    expect(after.reproducibility?.status).toBe('reproduced')
    expect(await addReproducibility(report, files, reader, undefined, Promise.resolve(guess))).toEqual(after)
    await reader.close()
  })

  it.each([
    ['a claim edited after the guess', 'data/evaluation/metrics.json', (t: string) => t.replace(/"value": 0\.(\d)/, '"value": 0.9$1')],
    ['a predictions row edited after the guess', 'data/evaluation/predictions-holdout.csv', (t: string) => t.replace(/\n([^,\n]*),/, '\n$1x,')]
  ])('%s: the guess is dropped and the report is the one without it', async (_what, path, edit) => {
    const folder = join(dir, `edited-${path.replace(/\W/g, '')}`)
    await cp(join(SAMPLES, 'credit-default-1.1.0'), folder, { recursive: true })
    const first = await scanned(folder)
    const guess = await startEarlyRecompute(first.reader)
    expect(guess?.result.reproducibility.status).toBe('reproduced')
    const abs = join(folder, ...path.split('/'))
    const text = await readFile(abs, 'utf8')
    expect(edit(text)).not.toBe(text)
    await writeFile(abs, edit(text))
    const { reader, files, report } = await scanned(folder)
    const inp = reproduceInput(report, files, payloadOpener(reader, [], undefined), [])
    expect(sameInputs(guess!, new Map(files.map((f) => [f.entry.path, f])), inp)).toBe(false)
    const plain = await addReproducibility(report, files, reader)
    expect(await addReproducibility(report, files, reader, undefined, Promise.resolve(guess))).toEqual(plain)
    expect(plain.status).toBe('failed')
    await reader.close()
    await first.reader.close()
  })

  it('verifyPack on a folder gives the same report as on its zip, whose claims are recomputed after the scan', async () => {
    const { writeArchiveFromFolder } = await import('../io/archive-write')
    const folder = join(SAMPLES, 'credit-default-1.1.0')
    const zip = join(dir, 'same.zip')
    await writeArchiveFromFolder(folder, zip, 'zip')
    const [a, b] = await Promise.all([verifyPack(folder), verifyPack(zip)])
    expect(a.reproducibility).toEqual(b.reproducibility)
    expect(a.findings).toEqual(b.findings)
    expect(a.status).toBe('verified')
  })
})
