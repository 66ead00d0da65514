import { appendFile, cp, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { writeArchiveFromFolder } from '../io/archive-write'
import { verifyPack } from '../verify/verify'
import { curveSet } from './curve-set'
import { loadCurveSource } from './load-node'

const SAMPLE = join(__dirname, '..', '..', '..', 'resources', 'samples', 'credit-default-1.1.0')
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-curves-load-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('loading a verified pack for its charts', () => {
  it('reads the same table from a folder and from a tar.gz of it, and draws the same curves', async () => {
    const folder = await loadCurveSource(await verifyPack(SAMPLE))
    const zipPath = join(dir, 'pack.tar.gz')
    await writeArchiveFromFolder(SAMPLE, zipPath, 'tar.gz')
    const zipped = await loadCurveSource(await verifyPack(zipPath))
    if (folder.kind !== 'source' || zipped.kind !== 'source') throw new Error('not loaded')
    expect(folder.source.input).toMatchObject({ dataset: 'applications-2024q4-holdout', split: 'test', task: 'binary', labelColumn: 'default_12m', positive: '1' })
    expect(folder.source.table.rows).toBe(30_000)
    expect(JSON.stringify(curveSet(zipped.source, 'thin-file'))).toBe(JSON.stringify(curveSet(folder.source, 'thin-file')))
  })

  it('draws nothing from predictions that changed after verification, and says why', async () => {
    const copy = join(dir, 'changed')
    await cp(SAMPLE, copy, { recursive: true })
    const report = await verifyPack(copy)
    await appendFile(join(copy, 'data', 'evaluation', 'predictions-holdout.csv'), 'A9,30,1,low,employed,salary,online,credit-card,north,1,0.5,500,E,decline,1\n')
    const l = await loadCurveSource(report)
    expect(l).toEqual({ kind: 'unavailable', reason: expect.stringContaining('changed while it was being verified') })
  })

  it('says there is nothing to draw from when the pack ships no predictions, without reading it', async () => {
    const report = await verifyPack(SAMPLE)
    const l = await loadCurveSource({ ...report, location: join(dir, 'no-such-pack'), reproducibility: { ...report.reproducibility!, status: 'no-predictions' } })
    expect(l).toEqual({ kind: 'unavailable', reason: expect.stringContaining('ships no predictions') })
  })
})
