/**
 * The per-item metrics (`task: "items"`: pass_rate, rate, cohen_kappa, Wilson intervals) against
 * the independent oracle (testing/oracle.py: pandas and scikit-learn's cohen_kappa_score, Wilson
 * from scipy.stats.norm), on random graded items with missing values, weights, tiny and empty
 * slices, and on every claim of both LLM sample releases.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParamValue } from '../format/predictions'
import { verifyPack } from '../verify/verify'
import { expectAgree, jobs, oracle, sampleClaims, vouch, type Job, type OracleTable } from './testing/oracle-harness-node'
import { itemsTable } from './testing/random-items'

const SAMPLES = join(__dirname, '..', '..', '..', 'resources', 'samples')
const LLM_SAMPLES = ['support-ticket-assistant-1.0.0', 'support-ticket-assistant-1.1.0'] as const

const SLICES = [null, "cat = 'billing'", "lang IN ('de', 'fr') AND cat != 'fraud'", "cat = 'tiny'", "cat = 'none'"]
const METRICS: readonly [string, Record<string, ParamValue>?][] = [
  ['pass_rate'], ['rate', { column: 'correct' }], ['rate', { column: 'leak' }], ['rate', { column: 'partial' }],
  ['cohen_kappa', { a: 'judge', b: 'human' }], ['cohen_kappa', { a: 'correct', b: 'leak' }], ['cohen_kappa', { a: 'same', b: 'same' }], ['cohen_kappa', { a: 'partial', b: 'correct' }]
]

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-oracle-items-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('per-item metrics against pandas and scikit-learn', () => {
  it('agree on random graded items and on every claim of both LLM samples', async () => {
    const csv = join(dir, 'items.csv')
    await writeFile(csv, itemsTable(2500, 17))
    const wilsons = (s: string | null, i: number): Job[] =>
      (['lower', 'upper'] as const).flatMap((bound) => [
        { key: `i/${i}/wilson-pass/${bound}`, slice: s, metric: 'pass_rate', interval: { method: 'wilson', level: 0.95, bound } },
        { key: `i/${i}/wilson-leak/${bound}`, slice: s, metric: 'rate', params: { column: 'leak' }, interval: { method: 'wilson', level: 0.9, bound } }
      ])
    const base = { csv, task: 'items', positive: 'pass', text: ['cat', 'lang'], numeric: ['correct', 'leak', 'judge', 'human', 'partial', 'same'] }
    const tables: OracleTable[] = [
      { ...base, columns: { label: 'verdict', rowId: 'id' }, jobs: jobs('i', SLICES, METRICS, wilsons) },
      { ...base, columns: { label: 'verdict', weight: 'w' }, jobs: jobs('iw', SLICES, METRICS) }
    ]
    const samples: { table: OracleTable; claims: Map<string, number | undefined> }[] = []
    for (const name of LLM_SAMPLES) {
      const r = await verifyPack(join(SAMPLES, name))
      for (const p of r.reproducibility?.predictions ?? []) {
        const file = SAMPLE_FILES[p.split]!
        const own = { ...r, reproducibility: { ...r.reproducibility!, claims: r.reproducibility!.claims.filter((c) => c.split === p.split) } }
        const { jobs: js, claims } = sampleClaims(`${name}:${p.split}`, own, 'pass_rate')
        expect(js.length, `${name} ${p.split}`).toBeGreaterThan(p.split === 'test' ? 90 : 1)
        samples.push({ table: { csv: join(SAMPLES, name, ...p.path.split('/')), task: 'items', ...file, jobs: js }, claims })
      }
    }
    const theirs = oracle([...tables, ...samples.map((s) => s.table)])
    let compared = 0
    for (const t of tables) compared += expectAgree(await vouch(t), theirs)
    for (const s of samples) compared += expectAgree(s.claims, theirs)
    // Vouch and the oracle agree on undefined too: a missing value, a constant pair, an empty slice.
    const ours = await vouch(tables[0]!)
    expect(ours.get('i/0/rate/3')).toBeUndefined()
    expect(ours.get('i/0/cohen_kappa/6')).toBeUndefined()
    expect(ours.get('i/4/pass_rate/0')).toBeUndefined()
    expect(ours.get('i/0/cohen_kappa/4')).toBeGreaterThan(0.3)
    expect(compared).toBeGreaterThan(380)
  }, 60_000)
})

/** How each shipped file of the LLM samples is read (descriptor columns, slice columns). */
const SAMPLE_FILES: Readonly<Record<string, Pick<OracleTable, 'columns' | 'text' | 'numeric'>>> = {
  test: { columns: { label: 'pass', rowId: 'prompt_id' }, text: ['category', 'language', 'suite'], numeric: ['correct', 'grounded', 'pii_leak', 'toxic', 'refused', 'refusal_ok'] },
  'human-audit': { columns: { label: 'human_correct', rowId: 'prompt_id' }, text: ['category', 'language'], numeric: ['judge_correct', 'human_correct'] }
}
