/**
 * verifyPackIsolated: a tar or tar.gz verified in the built worker gives the very report
 * verifyPack gives in this thread (pass or fail), its errors keep their message and code, and a
 * zip or folder never goes to the worker.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchiveFromFolder } from '../io/archive-write'
import { buildHashWorker } from '../io/testing/fixtures'
import type { VerifyReport } from './report'
import { verifyPack } from './verify'
import { verifyPackIsolated } from './verify-isolated'

const SAMPLE = resolve(__dirname, '../../../resources/samples/credit-default-1.1.0')
let dir = ''
let workerFile = ''
/** A worker that dies at its first message: whatever is sent to it never comes back. */
let dying = ''

/** The report without its timings (every `durationMs`, at any depth): the rest must be equal. */
const timeless = (r: VerifyReport): unknown => JSON.parse(JSON.stringify(r, (k, v: unknown) => (k === 'durationMs' ? undefined : v)))

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-isolated-'))
  workerFile = await buildHashWorker(dir)
  dying = join(dir, 'dying.mjs')
  await writeFile(dying, `import { parentPort } from 'node:worker_threads'\nparentPort.on('message', () => process.exit(3))\n`)
  await cp(SAMPLE, join(dir, 'pack'), { recursive: true })
  for (const kind of ['tar', 'tar.gz', 'zip'] as const) await writeArchiveFromFolder(join(dir, 'pack'), join(dir, `pack.${kind}`), kind)
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('verifyPackIsolated', () => {
  it.each(['tar', 'tar.gz'] as const)('%s: the worker gives the same report as this thread', async (kind) => {
    const here = await verifyPack(join(dir, `pack.${kind}`))
    const there = await verifyPackIsolated(join(dir, `pack.${kind}`), { workerFile })
    expect(here.ok).toBe(true)
    expect(here.reproducibility?.claims.length ?? 0).toBeGreaterThan(0)
    expect(timeless(there)).toEqual(timeless(here))
  })

  it('a tampered tar.gz fails there as here, with the same findings', async () => {
    const bad = join(dir, 'bad')
    await cp(join(dir, 'pack'), bad, { recursive: true })
    const metrics = join(bad, 'data', 'evaluation', 'metrics.json')
    await writeFile(metrics, (await readFile(metrics, 'utf8')).replace('"value": 0.', '"value": 1.'))
    await writeArchiveFromFolder(bad, join(dir, 'bad.tar.gz'), 'tar.gz')
    const here = await verifyPack(join(dir, 'bad.tar.gz'))
    const there = await verifyPackIsolated(join(dir, 'bad.tar.gz'), { workerFile })
    expect(here.ok).toBe(false)
    expect(here.findings.map((f) => f.code)).toContain('hash-mismatch')
    expect(timeless(there)).toEqual(timeless(here))
  })

  it('a truncated tar.gz: the same failed report there as here', async () => {
    // Cut after a few KiB: detected as a tar.gz, the gzip stream ends early.
    const whole = await readFile(join(dir, 'pack.tar.gz'))
    const cut = join(dir, 'cut.tar.gz')
    await writeFile(cut, whole.subarray(0, 4096))
    const here = await verifyPack(cut)
    expect(here.findings.map((f) => f.code)).toContain('archive-truncated')
    expect(timeless(await verifyPackIsolated(cut, { workerFile }))).toEqual(timeless(here))
  })

  it('an error the worker answers with is thrown with its name, message and code', async () => {
    const failing = join(dir, 'failing.mjs')
    await writeFile(failing, `import { parentPort } from 'node:worker_threads'\nparentPort.on('message', (m) => parentPort.postMessage({ error: { name: 'PackReadError', message: m.verify + ': permission denied', code: 'EACCES' } }))\n`)
    const p = join(dir, 'pack.tar.gz')
    const e = (await verifyPackIsolated(p, { workerFile: failing }).catch((x: unknown) => x)) as Error & { code?: string }
    expect(e).toBeInstanceOf(Error)
    expect({ name: e.name, message: e.message, code: e.code }).toEqual({ name: 'PackReadError', message: `${p}: permission denied`, code: 'EACCES' })
  })

  it('a worker that dies is an error, never a report', async () => {
    await expect(verifyPackIsolated(join(dir, 'pack.tar.gz'), { workerFile: dying })).rejects.toThrow(/stopped before answering \(exit code 3\)/)
  })

  it('a zip or a folder is verified in this thread (their bytes are hashed on workers already)', async () => {
    for (const p of [join(dir, 'pack.zip'), join(dir, 'pack')]) {
      expect(timeless(await verifyPackIsolated(p, { workerFile: dying }))).toEqual(timeless(await verifyPack(p)))
    }
  })
})
