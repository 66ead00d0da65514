/**
 * Small display-side readings of the evidence model (the verifier owns validation).
 * Pure functions over typed data so components stay presentational.
 */
import type { Metric, Slice } from '../../../core/format/evidence'
// Pure core code (no node): pass/fail is decided exactly on the literals, as the verifier does.
import { thresholdMet } from '../../../core/format/decimal'

export type MetricOutcome = 'pass' | 'fail' | 'no-threshold'

/** "value <comparator> threshold" must hold to pass (docs/pack-format.md). */
export function metricOutcome(m: Metric): MetricOutcome {
  const met = thresholdMet(m)
  return met === undefined ? 'no-threshold' : met ? 'pass' : 'fail'
}


export type SliceSortKey = { readonly kind: 'name' } | { readonly kind: 'size' } | { readonly kind: 'metric'; readonly id: string }
export interface SliceSort {
  readonly key: SliceSortKey
  readonly descending: boolean
}

/** Critical slices first is the default reading order for an auditor; a sort overrides it. */
export function sortSlices(slices: readonly Slice[], sort: SliceSort | null): readonly Slice[] {
  const copy = [...slices]
  if (sort === null) {
    return copy.sort((a, b) => Number(b.critical) - Number(a.critical) || a.id.localeCompare(b.id))
  }
  const dir = sort.descending ? -1 : 1
  const key = sort.key
  return copy.sort((a, b) => {
    switch (key.kind) {
      case 'name':
        return dir * (a.name ?? a.id).localeCompare(b.name ?? b.id)
      case 'size':
        return dir * (a.sampleSize - b.sampleSize)
      case 'metric': {
        const va = a.metrics[key.id]
        const vb = b.metrics[key.id]
        // Slices without the metric sort last whatever the direction.
        if (va === undefined) return vb === undefined ? 0 : 1
        if (vb === undefined) return -1
        return dir * (va - vb)
      }
    }
  })
}

/** Metric ids used by any slice, in first-seen order. */
export function sliceMetricIds(slices: readonly Slice[]): readonly string[] {
  const seen = new Set<string>()
  for (const s of slices) for (const k of Object.keys(s.metrics)) seen.add(k)
  return [...seen]
}
