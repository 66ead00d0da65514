import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { openPackReader } from './open'
import { PackReadError } from './reader'
import { HOSTILE_CASES } from './testing/hostile'

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-hostile-'))
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

  it('a missing path is not-found', async () => {
    await expect(openPackReader(join(dir, 'nope.zip'))).rejects.toMatchObject({ name: 'PackReadError', code: 'not-found' })
  })
})
