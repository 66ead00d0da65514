/**
 * End to end on a copy of the 1.1.0 sample: a forger who edits a claim and rebuilds (so every hash
 * is right) is caught by recomputation; so is a forged sample size, a claim rounded to pass its
 * threshold, a broken predictions file. The samples stay read-only: every test works on a copy.
 */
import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildPack } from '../build/build'
import { writeArchiveFromFolder } from '../io/archive-write'
import { verifyPack } from '../verify/verify'

const SAMPLE = join(__dirname, '..', '..', '..', 'resources', 'samples', 'credit-default-1.1.0')
let tmp = ''
let n = 0
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'vouch-forged-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

/** A copy of the sample, edited by `edit` (pack path -> new text), rebuilt as `vouch build` does. */
async function forged(edit: (text: (p: string) => Promise<string>, write: (p: string, t: string | Uint8Array) => Promise<void>) => Promise<void>): Promise<string> {
  const dir = join(tmp, `p${n++}`)
  await cp(SAMPLE, dir, { recursive: true })
  const abs = (p: string): string => join(dir, ...p.split('/'))
  await edit((p) => readFile(abs(p), 'utf8'), (p, t) => writeFile(abs(p), t))
  const b = await buildPack(dir)
  expect(b.ok, b.findings.map((f) => f.message).join('; ')).toBe(true)
  return dir
}

const METRICS = 'data/evaluation/metrics.json'
const SLICES = 'data/evaluation/slices.json'
const CSV = 'data/evaluation/predictions-holdout.csv'
const DESCRIPTOR = 'data/evaluation/predictions.json'

describe('recomputation catches a forged pack', () => {
  it('the untouched sample reproduces every recomputable claim', async () => {
    const r = await verifyPack(SAMPLE)
    expect(r.status).toBe('verified')
    const rep = r.reproducibility!
    expect(rep.status).toBe('reproduced')
    expect(rep.claims.filter((c) => c.status === 'not-reproduced')).toEqual([])
    expect(rep.summary.headline).toEqual({ claims: 11, reproduced: 9, notReproduced: 0, notRecomputable: 2 })
    expect(rep.summary.slices.notRecomputable).toBe(0)
    expect(rep.summary.text).toMatch(/^9 of 9 headline metrics and (\d+) of \1 slice metrics reproduced from 30,000 predictions/)
    expect(rep.claims.filter((c) => c.status === 'not-recomputable').map((c) => c.metric)).toEqual(['auc_oot', 'auc_oot', 'psi_pd_oot', 'psi_pd_oot'])
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['metric-not-recomputable', 'info'],
      ['metric-not-recomputable', 'info']
    ])
  })

  it('an edited headline claim, rebuilt, fails with metric-not-reproduced naming the metric', async () => {
    const dir = await forged(async (text, write) => write(METRICS, (await text(METRICS)).replace('"value": 0.7958,', '"value": 0.8158,')))
    const r = await verifyPack(dir)
    expect(r.status).toBe('failed')
    const f = r.findings.filter((x) => x.code === 'metric-not-reproduced')
    expect(f.map((x) => [x.path, x.pointer, x.actual, x.expected?.slice(0, 6)])).toEqual([[METRICS, '/metrics/0/value', '0.8158', '0.7958']])
    expect(f[0]?.message).toMatch(/metric "auc" claims 0\.8158, recomputed 0\.7958\d* from the predictions of applications-2024q4-holdout\/test/)
    expect(r.reproducibility?.status).toBe('not-reproduced')
  })

  it('a forged slice sample size fails the same way, naming the slice', async () => {
    const dir = await forged(async (text, write) => write(SLICES, (await text(SLICES)).replace('"sampleSize": 1533,', '"sampleSize": 1433,')))
    const r = await verifyPack(dir)
    const f = r.findings.filter((x) => x.code === 'metric-not-reproduced')
    expect(f.map((x) => [x.pointer, x.actual, x.expected])).toEqual([['/slices/1/sampleSize', '1433', '1533']])
    expect(f[0]?.message).toMatch(/slice "age-18-24-thin-file" sample size claims 1433, recomputed 1533/)
  })

  it('a claim rounded so that it meets its threshold is not reproduced, though within its written precision', async () => {
    const dir = await forged(async (text, write) => write(METRICS, (await text(METRICS)).replace('"value": 0.7958,\n      "threshold": 0.75,', '"value": 0.8,\n      "threshold": 0.797,')))
    const r = await verifyPack(dir)
    const f = r.findings.filter((x) => x.code === 'metric-not-reproduced')
    expect(f.map((x) => x.pointer)).toEqual(['/metrics/0/value'])
    expect(f[0]?.message).toMatch(/meets its threshold >= 0\.797 only as rounded/)
  })

  it('without predictions: verified, one info, every claim listed as not recomputable', async () => {
    const dir = await forged(async (_t, write) => {
      await write(DESCRIPTOR, '')
      await unlink(join(tmp, `p${n - 1}`, ...DESCRIPTOR.split('/')))
    })
    const r = await verifyPack(dir)
    expect(r.status).toBe('verified')
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([['predictions-absent', 'info']])
    expect(r.reproducibility?.status).toBe('no-predictions')
    expect(r.reproducibility?.claims.every((c) => c.status === 'not-recomputable')).toBe(true)
    expect(r.reproducibility?.summary.text).toMatch(/^No predictions shipped: 11 headline metrics and \d+ slice metrics cannot be re-checked$/)
  })

  it('a score that is not a number is predictions-invalid with its line and column', async () => {
    const dir = await forged(async (text, write) => {
      const lines = (await text(CSV)).split('\n')
      lines[5] = (lines[5] as string).replace(/,0\.\d+,(\d+),/, ',n/a,$1,')
      await write(CSV, lines.join('\n'))
    })
    const r = await verifyPack(dir)
    expect(r.status).toBe('failed')
    expect(r.findings.filter((f) => f.code === 'predictions-invalid').map((f) => [f.path, f.actual])).toEqual([[CSV, 'line 6, column pd']])
    expect(r.reproducibility?.predictions[0]?.status).toBe('unreadable')
  })

  it('a slice definition that does not parse is a warning naming the slice', async () => {
    const dir = await forged(async (text, write) => write(SLICES, (await text(SLICES)).replace('"definition": "age < 25 AND bureau_tradelines < 3",', '"definition": "age under 25",')))
    const r = await verifyPack(dir)
    expect(r.status).toBe('verified')
    const f = r.findings.filter((x) => x.code === 'slice-definition-invalid')
    expect(f.map((x) => [x.severity, x.pointer])).toEqual([['warning', '/slices/1/definition']])
    expect(f[0]?.message).toMatch(/slice "age-18-24-thin-file" definition "age under 25" does not parse/)
    expect(r.reproducibility?.claims.filter((c) => c.slice === 'age-18-24-thin-file').every((c) => c.status === 'not-recomputable')).toBe(true)
  })

  it('reads gzip predictions, and recomputes the same from a .zip and a .tar.gz of the pack', async () => {
    const dir = await forged(async (text, write) => {
      await write(`${CSV}.gz`, gzipSync(Buffer.from(await text(CSV)), { level: 6 }))
      await unlink(join(tmp, `p${n - 1}`, ...CSV.split('/')))
      const d = JSON.parse(await text(DESCRIPTOR)) as { files: Record<string, unknown>[] }
      Object.assign(d.files[0] as object, { path: `${CSV}.gz`, compression: 'gzip' })
      await write(DESCRIPTOR, JSON.stringify(d, null, 2))
    })
    const folder = await verifyPack(dir)
    expect(folder.reproducibility?.status).toBe('reproduced')
    for (const kind of ['zip', 'tar.gz'] as const) {
      const out = join(tmp, `p${n++}.${kind}`)
      await writeArchiveFromFolder(dir, out, kind)
      const r = await verifyPack(out)
      expect(r.status, kind).toBe('verified')
      expect(r.reproducibility?.summary, kind).toEqual(folder.reproducibility?.summary)
    }
  })
})
