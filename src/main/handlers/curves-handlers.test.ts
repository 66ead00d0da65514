/** curves:* over the real core on the embedded samples (read-only inputs: charts never write), and over a fake core. */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { HistogramChart, RocChart } from '../../core/curves/types'
import { createHandlers } from '.'
import { createState } from './state'
import { curvesHandlers } from './curves-handlers'
import { defaultCore } from './core-adapter'
import { packHandlers } from './pack-handlers'
import { fakeCore, fakeDeps, makePackFolder } from './test-support'

const SAMPLES = resolve(__dirname, '../../../resources/samples')
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-curves-handlers-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('curves handlers', () => {
  it('draw a sample pack for its population and any slice, reading its predictions once', async () => {
    // The handlers of one host state, so the test can see its cache.
    const s = createState(fakeDeps(join(dir, 'u1'), SAMPLES), defaultCore)
    const h = curvesHandlers(s)
    const opened = await packHandlers(s)['pack:open'](join(SAMPLES, 'credit-default-1.1.0'))
    const all = await h['curves:pack'](opened.packId)
    if (!all.available) throw new Error(all.reason)
    expect(all).toMatchObject({ dataset: 'applications-2024q4-holdout', split: 'test', task: 'binary', rows: 30_000 })
    expect(all.slices.slice(0, 5).every((x) => x.critical)).toBe(true)
    expect(all.set.charts.map((c) => c.id)).toEqual(['roc', 'reliability', 'distribution'])
    const roc = all.set.charts[0]!.chart as RocChart
    expect(roc.auc).toMatchObject({ value: expect.closeTo(0.7958, 4), claimed: { literal: '0.7958', status: 'reproduced' } })

    const thin = await h['curves:pack'](opened.packId, 'age-18-24-thin-file')
    if (!thin.available) throw new Error(thin.reason)
    expect(thin.set.rows).toBe(1533)
    expect((thin.set.charts[0]!.chart as RocChart).auc.claimed?.literal).toBe('0.7171')
    await h['curves:pack'](opened.packId, 'age-18-24-thin-file')
    expect(s.curves.loads).toBe(1)
    await expect(h['curves:pack'](opened.packId, 'no-such-slice')).rejects.toMatchObject({ code: 'not-found', message: expect.stringContaining('no-such-slice') })
  })

  it('compare two releases binned alike, and say which slice is missing where', async () => {
    const s = createState(fakeDeps(join(dir, 'u2'), SAMPLES), defaultCore)
    const p = packHandlers(s)
    const h = curvesHandlers(s)
    const old = await p['pack:open'](join(SAMPLES, 'credit-default-1.0.0'))
    const neu = await p['pack:open'](join(SAMPLES, 'credit-default-1.1.0'))
    const r = await h['curves:compare'](old.packId, neu.packId, 'thin-file')
    if (!r.old.available || !r.new.available) throw new Error('not available')
    const edges = (x: typeof r.old): readonly number[] => (x.available ? (x.set.charts.find((c) => c.id === 'distribution')!.chart as HistogramChart).edges : [])
    expect(edges(r.old)).toEqual(edges(r.new))
    expect(r.slices.find((x) => x.id === 'thin-file')).toMatchObject({ inOld: true, inNew: true, critical: true })
    await expect(h['curves:compare'](old.packId, neu.packId, 'nope')).rejects.toMatchObject({ code: 'not-found' })
    expect(s.curves.loads).toBe(2)
  })

  it('say there is nothing to draw from, with the reason, when the core finds no predictions', async () => {
    const h = createHandlers(fakeDeps(join(dir, 'u3'), join(dir, 'none')), fakeCore())
    const opened = await h['pack:open'](await makePackFolder(join(dir, 'p'), { name: 'x', version: '1' }))
    expect(await h['curves:pack'](opened.packId)).toEqual({ available: false, reason: 'the pack ships no predictions' })
    await expect(h['curves:pack']('pk_0000000000000000' as string)).rejects.toMatchObject({ code: 'unknown-pack' })
  })
})
