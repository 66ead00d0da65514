import { describe, expect, it } from 'vitest'
import type { Evidence, MetricsDoc, SlicesDoc } from '../format/evidence'
import { parseEvidenceDoc } from '../format/evidence-parse'
import { parseStrictJsonBytes } from '../format/json-strict'
import { rng } from '../diff/test-builders'
import { BINARY_METRICS } from './metrics/binary'
import { reproduce, type OpenPayload } from './reproduce'
import { argsortFloat64 } from './sort'
import { TableLoader, TableLoadError } from './table'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const CSV = 'id,y,s,seg\nr1,0,0.1,a\nr2,0,0.4,a\nr3,1,0.35,b\nr4,1,0.8,b\n'

async function table(csv: string) {
  const l = new TableLoader({ path: 'p.csv', format: 'csv', dataset: 'd', split: 's', columns: { label: 'y', score: 's' }, positive: '1' }, { numbers: new Set(), texts: new Set() })
  await l.load('p.csv', (async function* () {
    yield enc(csv)
  })())
  return l.finish()
}
const def = (id: string) => BINARY_METRICS.find((m) => m.id === id)!

describe('binary metrics: known answers', () => {
  it('the textbook example: AUC 0.75, KS 0.5, Brier 0.158125, ECE (2 bins) 0.1875, approval 0.5', async () => {
    const t = await table(CSV)
    const v = (id: string, params = {}) => {
      const r = def(id).compute({ t, idx: Int32Array.from(t.order.keys()), params, subset: () => new Uint8Array(0) })
      return r.ok ? r.value : r.reason
    }
    expect(v('auc')).toBe(0.75)
    expect(v('gini')).toBe(0.5)
    expect(v('ks')).toBe(0.5)
    expect(v('brier')).toBeCloseTo(0.158125, 15)
    expect(v('ece', { bins: 2 })).toBeCloseTo(0.1875, 15)
    expect(v('approval_rate', { cutoff: 0.35 })).toBe(0.5)
    expect(v('approval_rate', { cutoff: 0.35, approve_if: '<' })).toBe(0.25)
    expect(v('bad_rate_approved', { cutoff: 0.35 })).toBe(0.5)
    expect(v('bad_rate_approved', { cutoff: 0.01 })).toBe('no row of the slice is approved at this cutoff')
    expect(v('precision', { cutoff: 0.9 })).toBe(0)
  })

  it('a tie between a positive and a negative counts one half; one class is undefined, not 0', async () => {
    const t = await table('id,y,s,seg\na,0,0.5,x\nb,1,0.5,x\n')
    expect(def('auc').compute({ t, idx: Int32Array.from(t.order.keys()), params: {}, subset: () => new Uint8Array(0) })).toMatchObject({ ok: true, value: 0.5 })
    const one = await table('id,y,s,seg\na,1,0.2,x\nb,1,0.5,x\n')
    expect(def('auc').compute({ t: one, idx: Int32Array.from(one.order.keys()), params: {}, subset: () => new Uint8Array(0) })).toEqual({ ok: false, reason: 'the slice has no negative example' })
  })
})

describe('argsortFloat64', () => {
  it('is a stable ascending sort for negatives, zeros, ties and extremes', () => {
    const r = rng(3)
    const keys = Float64Array.from({ length: 5000 }, () => [0, 1, -1, 1e-300, -1e300, 5e-324][Math.floor(r() * 6)]! * (r() < 0.5 ? Math.round(r() * 10) : 1))
    for (let i = 0; i < keys.length; i++) if (keys[i] === 0) keys[i] = 0
    const expected = [...keys.keys()].sort((a, b) => keys[a]! - keys[b]! || a - b)
    expect([...argsortFloat64(keys)]).toEqual(expected)
  })
})

describe('reproduce: claims, shards and descriptor problems', () => {
  const metrics = (extra: string) =>
    `{"schema": "vouch.metrics/v1", "metrics": [{"id": "auc", "value": 0.75, "better": "higher", "dataset": "d", "split": "s", "sampleSize": 8, "ci": {"lower": 0.1, "upper": 0.9, "level": 0.95}}, {"id": "approval_rate", "value": 0.5, "better": "none", "dataset": "d", "split": "s", "sampleSize": 8, "compute": {"params": {"cuttoff": 0.35}}}${extra}]}`
  const slices = '{"schema": "vouch.slices/v1", "slices": [{"id": "seg-b", "definition": "seg = \'b\'", "sampleSize": 4, "critical": false, "metrics": {"auc": 0.5}}]}'
  const run = async (files: Record<string, string>, descriptor: unknown, extra = '') => {
    const ev: Evidence = { metrics: parseEvidenceDoc('metrics', enc(metrics(extra))).doc as MetricsDoc, slices: parseEvidenceDoc('slices', enc(slices)).doc as SlicesDoc }
    const open: OpenPayload = async (path) => ({
      chunks: (async function* () {
        yield enc(files[path] ?? '')
      })(),
      sha256: () => undefined
    })
    const paths = new Map(Object.keys(files).map((p) => [p, 'h']))
    return reproduce({ evidence: ev, nodes: { metrics: parseStrictJsonBytes(enc(metrics(extra))), slices: parseStrictJsonBytes(enc(slices)) }, descriptor: enc(JSON.stringify(descriptor)), verified: paths, present: new Set(paths.keys()), open })
  }
  const file = (path: string) => ({ path, format: 'csv', dataset: 'd', split: 's', columns: { label: 'y', score: 's', rowId: 'id' }, positive: '1' })

  it('reads shards as one table, flags a repeated row id, and explains what it cannot recompute', async () => {
    const r = await run({ 'data/a.csv': CSV, 'data/b.csv': CSV.replace(/r(\d)/g, 's$1').replace('s4', 'r4') }, { schema: 'vouch.predictions/v1', files: [file('data/a.csv'), file('data/b.csv')] })
    const by = (pointer: string) => r.reproducibility.claims.find((c) => c.pointer === pointer)
    expect(by('/metrics/0/value')).toMatchObject({ status: 'reproduced', recomputed: 0.75 })
    expect(by('/metrics/0/sampleSize')).toMatchObject({ status: 'reproduced', recomputed: 8 })
    expect(by('/metrics/0/ci/lower')).toMatchObject({ status: 'not-recomputable', reason: 'the claim does not say how its interval was computed (compute.interval)' })
    expect(by('/metrics/1/value')).toMatchObject({ status: 'not-recomputable', reason: 'metric approval_rate has no parameter "cuttoff" (it takes cutoff, approve_if)' })
    expect(by('/slices/0/sampleSize')).toMatchObject({ status: 'reproduced', recomputed: 4 })
    expect(by('/slices/0/metrics/auc')).toMatchObject({ status: 'not-reproduced', reason: 'the metric is undefined on these rows: the slice has no negative example' })
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['metric-not-reproduced', 'error'],
      ['metric-not-recomputable', 'info'],
      ['metric-not-recomputable', 'info'],
      ['predictions-row-id-duplicate', 'warning']
    ])
    expect(r.findings[3]?.message).toBe('dataset d split s: data rows 4 and 8 have the same row id (id)')
  })

  it('holds a metric bounded by 1 to two decimals however few it writes; an unbounded one to what it writes', async () => {
    const extra = ', {"id": "prevalence", "value": 1, "better": "none", "dataset": "d", "split": "s", "sampleSize": 8}, {"id": "log_loss", "value": 0, "better": "lower", "dataset": "d", "split": "s", "sampleSize": 8}'
    const r = await run({ 'data/a.csv': CSV }, { schema: 'vouch.predictions/v1', files: [file('data/a.csv')] }, extra)
    const by = (pointer: string) => r.reproducibility.claims.find((c) => c.pointer === pointer)
    expect(by('/metrics/2/value')).toMatchObject({ status: 'not-reproduced', recomputed: 0.5, tolerance: expect.closeTo(0.005, 8) })
    expect(by('/metrics/3/value')).toMatchObject({ status: 'reproduced', tolerance: expect.closeTo(0.5, 8) })
  })

  it('a predictions file the reader cannot load here (an archive limit) leaves the claims not recomputable, never a failure', async () => {
    const ev: Evidence = { metrics: parseEvidenceDoc('metrics', enc(metrics(''))).doc as MetricsDoc }
    const open: OpenPayload = async (path) => {
      throw new TableLoadError(path, 'is larger than the 64 MiB that can be recomputed from inside an archive', undefined, undefined, 'unavailable')
    }
    const r = await reproduce({ evidence: ev, nodes: {}, descriptor: enc(JSON.stringify({ schema: 'vouch.predictions/v1', files: [file('data/a.csv')] })), verified: new Map([['data/a.csv', 'h']]), present: new Set(['data/a.csv']), open })
    expect(r.findings.map((f) => [f.code, f.severity])).toEqual([
      ['metric-not-recomputable', 'info'],
      ['metric-not-recomputable', 'info']
    ])
    expect(r.findings[0]?.message).toMatch(/larger than the 64 MiB/)
    expect(r.reproducibility.predictions[0]).toMatchObject({ status: 'unreadable' })
  })

  it('a descriptor naming a file that is not in the pack, or shards that disagree, is reported and not read', async () => {
    const r = await run({ 'data/a.csv': CSV }, { schema: 'vouch.predictions/v1', files: [file('data/a.csv'), { ...file('data/zz.csv'), positive: 'yes' }] })
    expect(r.findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.pointer])).toEqual([
      ['reference-unresolved', '/files/1/path'],
      ['predictions-invalid', '/files/1']
    ])
    expect(r.reproducibility.status).toBe('not-recomputable')
    expect(r.reproducibility.predictions.map((p) => p.status)).toEqual(['unreadable', 'unreadable'])
  })
})
