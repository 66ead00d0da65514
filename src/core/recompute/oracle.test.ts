/**
 * Every registry metric against an independent oracle (scikit-learn, scipy, pandas, numpy via
 * Debian's /usr/bin/python3; testing/oracle.py), on random data with ties, missing values, tiny,
 * empty and single-class slices, with and without weights, and on every claim of both samples.
 * One Python process for all of it (a few seconds).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ParamValue } from '../format/predictions'
import { verifyPack } from '../verify/verify'
import { expectAgree, jobs, oracle, sampleClaims, vouch, type Job, type OracleTable } from './testing/oracle-harness-node'
import { binaryTable, multiclassTable, regressionTable } from './testing/random-predictions'

const SAMPLES = join(__dirname, '..', '..', '..', 'resources', 'samples')

const BINARY_SLICES = [null, "cat = 'a'", "num < 3 AND cat IN ('b', 'c')", "NOT (num >= 5) OR cat = 'a'", "cat != 'b'", 'num NOT IN (1, 2, 3)', "grp = 'pure'", "num = 7 AND cat = 'c' AND s > 0.9", 'num = 99']
const BINARY_METRICS: readonly [string, Record<string, ParamValue>?][] = [
  ['auc'], ['gini'], ['ks'], ['brier'], ['log_loss'], ['ece'], ['ece', { bins: 3 }],
  ['accuracy', { cutoff: 0.5 }], ['precision', { cutoff: 0.5 }], ['recall', { cutoff: 0.5, positive_if: '>' }], ['f1', { cutoff: 0.5 }], ['positive_rate', { cutoff: 0.5 }],
  ['approval_rate', { cutoff: 0.3 }], ['approval_rate', { cutoff: 0.3, approve_if: '<' }], ['bad_rate_approved', { cutoff: 0.3 }],
  ['approval_rate_ratio', { cutoff: 0.3, group: "cat = 'a'", reference: "cat = 'b'" }], ['prevalence'], ['rate', { column: 'flag' }]
]

let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-oracle-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('metric registry against scikit-learn, scipy and pandas', () => {
  it('agrees on random data (ties, missing values, tiny, empty and single-class slices, weights) and on every claim of both samples', async () => {
    const bin = join(dir, 'binary.csv')
    await writeFile(bin, binaryTable(3000, 7))
    const reg = join(dir, 'regression.csv')
    await writeFile(reg, regressionTable(800, 11))
    const mc = join(dir, 'multiclass.csv')
    await writeFile(mc, multiclassTable(900, 13))
    const intervals = (prefix: string, weighted: boolean) => (s: string | null, i: number): Job[] =>
      weighted
        ? []
        : (['lower', 'upper'] as const).flatMap((bound) => [
            { key: `${prefix}/${i}/wilson/${bound}`, slice: s, metric: 'prevalence', interval: { method: 'wilson', level: 0.9, bound } },
            { key: `${prefix}/${i}/hm/${bound}`, slice: s, metric: 'auc', interval: { method: 'hanley-mcneil', level: 0.95, bound } }
          ])
    const binCols = { label: 'y', score: 's', rowId: 'id' }
    const tables: OracleTable[] = [
      { csv: bin, task: 'binary', columns: binCols, positive: '1', text: ['cat', 'grp'], numeric: ['num', 'flag'], jobs: jobs('b', BINARY_SLICES, BINARY_METRICS, intervals('b', false)) },
      { csv: bin, task: 'binary', columns: { ...binCols, weight: 'w' }, positive: '1', text: ['cat', 'grp'], numeric: ['num', 'flag'], jobs: jobs('bw', BINARY_SLICES, BINARY_METRICS) },
      { csv: bin, task: 'binary', columns: { label: 'y', score: 's', predicted: 'flag' }, positive: '1', text: ['cat', 'grp'], numeric: ['num'], jobs: jobs('bp', BINARY_SLICES.slice(0, 3), [['accuracy'], ['precision'], ['recall'], ['f1']]) },
      { csv: reg, task: 'regression', columns: { label: 'y', score: 'p' }, text: ['cat'], jobs: jobs('r', [null, "cat = 'a'", "cat = 'const'", "cat = 'none'"], [['rmse'], ['mae'], ['r2'], ['bias']]) },
      { csv: reg, task: 'regression', columns: { label: 'y', score: 'p', weight: 'w' }, text: ['cat'], jobs: jobs('rw', [null, "cat = 'b'"], [['rmse'], ['mae'], ['r2'], ['bias']]) },
      { csv: mc, task: 'multiclass', columns: { label: 'y', predicted: 'p', weight: 'w' }, text: ['cat'], jobs: jobs('m', [null, "cat = 'a'"], [['accuracy'], ['macro_f1'], ['weighted_f1'], ['class_recall', { class: 'dog' }], ['class_recall', { class: 'fish' }]]) },
      { csv: mc, task: 'multiclass', columns: { label: 'y', predicted: 'p' }, text: ['cat'], jobs: jobs('mu', [null, "cat = 'b'"], [['accuracy'], ['macro_f1'], ['weighted_f1']]) }
    ]
    // Both samples: every claim Vouch recomputed, with the slice definition it was recomputed on.
    const sampleJobs: { table: OracleTable; claims: Map<string, number | undefined> }[] = []
    for (const name of ['credit-default-1.0.0', 'credit-default-1.1.0']) {
      const { jobs: js, claims } = sampleClaims(name, await verifyPack(join(SAMPLES, name)), 'prevalence')
      const table: OracleTable = { csv: join(SAMPLES, name, 'data', 'evaluation', 'predictions-holdout.csv'), task: 'binary', columns: { label: 'default_12m', score: 'pd' }, positive: '1', text: ['income_band', 'employment_status', 'channel', 'product', 'region', 'income_source'].filter((c) => name.endsWith('1.1.0') || c !== 'income_source'), numeric: ['age', 'bureau_tradelines', 'months_at_address'], jobs: js }
      expect(js.length).toBeGreaterThan(150)
      sampleJobs.push({ table, claims })
    }
    const theirs = oracle([...tables, ...sampleJobs.map((s) => s.table)])
    let compared = 0
    for (const t of tables) compared += expectAgree(await vouch(t), theirs)
    for (const s of sampleJobs) compared += expectAgree(s.claims, theirs)
    expect(compared).toBeGreaterThan(1000)
  }, 60_000)
})
