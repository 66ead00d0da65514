/** Test helpers: a predictions table and a CurveSource from CSV text, through the recomputation's own loader. */
import type { Evidence, Slice } from '../../format/evidence'
import type { PredictionsFile } from '../../format/predictions'
import type { Reproducibility } from '../../recompute/report'
import { columnUses, parseSlice } from '../../recompute/slice-lang'
import { TableLoader, type PredictionTable } from '../../recompute/table'
import { CurveSource } from '../source'

export async function tableFromCsv(csv: string | Uint8Array, spec: Omit<PredictionsFile, 'path' | 'format' | 'dataset' | 'split'>, slices: readonly string[] = [], extraNumbers: readonly string[] = []): Promise<PredictionTable> {
  const numbers = new Set<string>(extraNumbers)
  const texts = new Set<string>()
  for (const d of slices) {
    for (const [c, u] of columnUses(parseSlice(d))) {
      if (u.number) numbers.add(c)
      if (u.text) texts.add(c)
    }
  }
  const loader = new TableLoader({ path: 'p.csv', format: 'csv', dataset: 'd', split: 's', ...spec }, { numbers, texts })
  const bytes = typeof csv === 'string' ? new TextEncoder().encode(csv) : csv
  await loader.load('p.csv', (async function* () {
    yield bytes
  })())
  return loader.finish()
}

/** Slices named s0, s1, ... over the given definitions (the first `critical` of them critical). */
export function slicesOf(defs: readonly string[], critical = 0): Slice[] {
  return defs.map((definition, i) => ({ id: `s${i}`, name: `Slice ${i}`, definition, sampleSize: 0, critical: i < critical, metrics: {} }))
}

export function sourceOf(table: PredictionTable, slices: readonly Slice[], opts: { readonly reproducibility?: Reproducibility; readonly evidence?: Partial<Evidence> } = {}): CurveSource {
  const evidence = { ...opts.evidence, slices: { schema: 'vouch.slices/v1', slices } } as unknown as Evidence
  return new CurveSource({ table, dataset: 'd', split: 's', task: table.task, labelColumn: 'y', positive: '1', evidence, ...(opts.reproducibility ? { reproducibility: opts.reproducibility } : {}) })
}
