import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { openPackReader } from './open'
import { PackReadError } from './reader'
import { HOSTILE_CASES } from './testing/hostile'
import { buildHashWorker } from './testing/fixtures'

let dir: string
let workerFile: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-hostile-'))
  workerFile = await buildHashWorker(dir)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('hostile containers', () => {
  it.each(HOSTILE_CASES.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const sub = await mkdtemp(join(dir, `${c.id}-`))
    const file = join(sub, c.fileName)
    await writeFile(file, c.bytes())
    const before = (await readdir(sub)).sort()
    const started = Date.now()
    const findings: Finding[] = []
    let readError: string | undefined
    try {
      const reader = await openPackReader(file)
      await reader.scan({ onFinding: (f) => findings.push(f), keep: () => true, ...(c.limits ? { limits: c.limits } : {}) })
      await reader.close()
    } catch (e) {
      if (!(e instanceof PackReadError)) throw e
      readError = e.code
      expect(e.message).toContain(file)
    }
    expect(Date.now() - started).toBeLessThan(5000)
    if ('readError' in c.expect) {
      expect(readError).toBe(c.expect.readError)
    } else {
      expect(readError).toBeUndefined()
      const want: readonly string[] = c.expect.codes
      const codes = findings.map((f) => f.code)
      for (const code of want) expect(codes).toContain(code)
      for (const f of findings.filter((x) => want.includes(x.code))) expect(f.message.length).toBeGreaterThan(5)
    }
    // Nothing written: the archive's folder is as it was (readers never extract).
    expect((await readdir(sub)).sort()).toEqual(before)
  })

  // Entries not kept in memory go to the hash workers (stored: byte ranges; small deflated: inflated
  // there). Whatever is unusual comes back to the careful path: the findings are the same.
  const zips = HOSTILE_CASES.filter((c) => c.fileName.endsWith('.zip') && !('readError' in c.expect))
  it.each(zips.map((c) => [c.id, c] as const))('%s through the hash workers: the same findings', async (_id, c) => {
    const sub = await mkdtemp(join(dir, `${c.id}-w-`))
    const file = join(sub, c.fileName)
    await writeFile(file, c.bytes())
    const scan = async (viaWorkers: boolean): Promise<string[]> => {
      const findings: Finding[] = []
      const reader = await openPackReader(file, viaWorkers ? { hashPool: { workerFile, workers: 2 } } : {})
      const files = await reader.scan({ onFinding: (f) => findings.push(f), keep: () => !viaWorkers, ...(c.limits ? { limits: c.limits } : {}) })
      return [...findings.map((f) => `${f.code} ${f.path ?? ''}`), ...files.map((f) => `${f.entry.path} ${f.sha256} ${f.bytesRead}`)].sort()
    }
    expect(await scan(true)).toEqual(await scan(false))
  })

  it('a missing path is not-found', async () => {
    await expect(openPackReader(join(dir, 'nope.zip'))).rejects.toMatchObject({ name: 'PackReadError', code: 'not-found' })
  })
})
