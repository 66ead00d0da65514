/**
 * The number each chart is summarised by (AUC, ECE, KS, ...): recomputed on the chart's rows by the
 * registry's own function, next to the pack's claim about it (found in the verification report's
 * reproducibility section), so the caption of a picture says exactly what the tables say.
 */
import type { ParamValue } from '../format/predictions'
import { metricDef } from '../recompute/metrics/registry'
import type { ClaimCheck, Reproducibility } from '../recompute/report'
import type { PredictionTable } from '../recompute/table'
import type { ChartNumber } from './types'

/** The registry metric on these rows (positions in score order), with the registry's parameter defaults. */
export function recompute(t: PredictionTable, idx: Int32Array, metric: string, params: Readonly<Record<string, ParamValue>> = {}): { value: number | null; reason?: string } {
  const def = metricDef(metric)
  if (!def) return { value: null, reason: `metric ${metric} is not in the registry` }
  const full: Record<string, ParamValue> = {}
  for (const p of def.params) {
    const v = params[p.name] ?? p.default
    if (v !== undefined) full[p.name] = v
  }
  const r = def.compute({
    t,
    idx,
    params: full,
    subset: () => {
      throw new Error(`metric ${metric} needs a slice parameter; charts do not use it`)
    }
  })
  return r.ok ? { value: r.value } : { value: null, reason: r.reason }
}

/** The claims of one dataset/split, looked up by scope, slice and registry metric. */
export class ClaimIndex {
  private readonly claims: readonly ClaimCheck[]
  constructor(rep: Reproducibility | undefined, dataset: string, split: string) {
    this.claims = (rep?.claims ?? []).filter((c) => c.field === 'value' && c.dataset === dataset && c.split === split)
  }

  /** The first claim of `definition` on the population (slice null) or on that slice, optionally narrowed by its parameters. */
  find(slice: string | null, definition: string, accept: (c: ClaimCheck) => boolean = () => true): ClaimCheck | undefined {
    return this.claims.find((c) => c.definition === definition && (slice === null ? c.scope === 'headline' : c.scope === 'slice' && c.slice === slice) && accept(c))
  }

  /** Headline claims of a metric (e.g. every `rate` claim), in document order. */
  headline(definition: string): readonly ClaimCheck[] {
    return this.claims.filter((c) => c.scope === 'headline' && c.definition === definition)
  }
}

export function chartNumber(
  t: PredictionTable,
  idx: Int32Array,
  metric: string,
  label: string,
  claim: ClaimCheck | undefined,
  params: Readonly<Record<string, ParamValue>> = claim?.params ?? {}
): ChartNumber {
  const r = recompute(t, idx, metric, params)
  return {
    metric,
    label,
    value: r.value,
    ...(r.reason !== undefined ? { reason: r.reason } : {}),
    ...(claim ? { claimed: { literal: claim.claimed, status: claim.status, path: claim.path, pointer: claim.pointer } } : {})
  }
}
