/**
 * Build and verify agree on the predictions descriptor (issue #12): for every single way of
 * breaking data/evaluation/predictions.json and for random pairs of them, `vouch build` refuses
 * exactly when `vouch verify` of the same pack (its hashes made right, as a forger would) reports
 * an error, and both name the same finding codes for the descriptor. The predictions point at a
 * split no claim uses, so no claim is recomputed: only the descriptor is under test. Seeded.
 */
import { describe, expect, it } from 'vitest'
import { rng } from '../diff/test-builders'
import { PREDICTIONS_PATH } from '../format/predictions'
import { makePack } from '../verify/testing/make-pack'
import { verifyPack } from '../verify/verify'
import { buildPack } from './build'

type Doc = { schema: string; files: Record<string, unknown>[]; [k: string]: unknown }
const file = (path: string, score = 's'): Record<string, unknown> => ({
  path,
  format: 'csv',
  dataset: 'applications-2024',
  split: 'train',
  task: 'binary',
  columns: { label: 'y', score },
  positive: '1'
})
const valid = (): Doc => ({ schema: 'vouch.predictions/v1', files: [file('data/evaluation/predictions.csv')] })

/** Each way of breaking the descriptor; the text form lets a mutation break the JSON itself. */
const MUTATIONS: Readonly<Record<string, (d: Doc) => Doc | string>> = {
  'json truncated': (d) => JSON.stringify(d).slice(0, 40),
  'duplicate key': (d) => JSON.stringify(d).replace('{"schema":', '{"schema":"x","schema":'),
  'wrong schema tag': (d) => ({ ...d, schema: 'vouch.predictions/v2' }),
  'unknown top-level field': (d) => ({ ...d, extra: 1 }),
  'no files': (d) => ({ ...d, files: [] }),
  'binary without positive': (d) => ({ ...d, files: d.files.map(({ positive: _p, ...f }) => f) }),
  'undeclared dataset': (d) => ({ ...d, files: d.files.map((f) => ({ ...f, dataset: 'elsewhere' })) }),
  'undeclared split': (d) => ({ ...d, files: d.files.map((f) => ({ ...f, split: 'validation' })) }),
  'path not in the pack': (d) => ({ ...d, files: d.files.map((f) => ({ ...f, path: 'data/evaluation/missing.csv' })) }),
  'path in another case': (d) => ({ ...d, files: d.files.map((f) => ({ ...f, path: 'data/evaluation/Predictions.csv' })) }),
  'path outside data/': (d) => ({ ...d, files: d.files.map((f) => ({ ...f, path: 'bagit.txt' })) }),
  'shards that disagree': (d) => ({ ...d, files: [...d.files, file('data/evaluation/predictions-2.csv', 's2')] }),
  'agreeing shards': (d) => ({ ...d, files: [...d.files, file('data/evaluation/predictions-3.csv')] }),
  'multiclass without predicted': (d) => ({ ...d, files: d.files.map((f) => ({ ...f, task: 'multiclass' })) }),
  'unknown format': (d) => ({ ...d, files: d.files.map((f) => ({ ...f, format: 'xlsx' })) })
}

const SEED = 0x12b
const PAIRS = 16

function cases(): string[][] {
  const names = Object.keys(MUTATIONS)
  const next = rng(SEED)
  const pick = (): string => names[Math.floor(next() * names.length)] as string
  return [[], ...names.map((n) => [n]), ...Array.from({ length: PAIRS }, () => [pick(), pick()])]
}

function apply(names: readonly string[]): string {
  let d: Doc | string = valid()
  for (const n of names) {
    const m = MUTATIONS[n] as (d: Doc) => Doc | string
    d = typeof d === 'string' ? d : m(d)
  }
  return typeof d === 'string' ? d : `${JSON.stringify(d, null, 2)}\n`
}

describe('build and verify agree on the predictions descriptor', () => {
  it(`on every single breakage and ${PAIRS} random pairs (seed ${SEED})`, async () => {
    const disagreements: string[] = []
    let built = 0
    let refused = 0
    for (const names of cases()) {
      const p = await makePack({
        files: {
          'data/evaluation/predictions.csv': 'y,s\n0,0.1\n1,0.8\n0,0.3\n',
          'data/evaluation/predictions-2.csv': 'y,s2\n1,0.9\n',
          'data/evaluation/predictions-3.csv': 'y,s\n0,0.2\n',
          [PREDICTIONS_PATH]: apply([])
        }
      })
      try {
        // The forger's pack: the broken descriptor with every hash made right, then verified.
        await p.write(PREDICTIONS_PATH, apply(names))
        await p.rehashAll()
        const v = await verifyPack(p.dir)
        const verifyErrors = v.findings.filter((f) => f.severity === 'error')
        const b = await buildPack(p.dir)
        const buildErrors = b.findings.filter((f) => f.severity === 'error')
        const codes = (fs: typeof buildErrors): string => [...new Set(fs.filter((f) => f.path === PREDICTIONS_PATH).map((f) => f.code))].sort().join(',')
        if (b.ok !== (verifyErrors.length === 0) || codes(buildErrors) !== codes(verifyErrors)) {
          disagreements.push(`${names.join(' + ') || 'valid'}: build ${b.ok ? 'built' : `refused (${codes(buildErrors)})`}, verify said ${verifyErrors.map((f) => `${f.code}: ${f.message}`).join('; ') || 'no error'}`)
        }
        if (b.ok) built++
        else refused++
      } finally {
        await p.cleanup()
      }
    }
    expect(disagreements).toEqual([])
    expect(built).toBeGreaterThanOrEqual(3)
    expect(refused).toBeGreaterThan(PAIRS)
  }, 120_000)
})
