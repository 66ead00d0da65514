/**
 * Every number a pack claims that predictions could prove: each headline metric's value, sample
 * size and confidence bounds (metrics.json), and each slice's metric values and sample size
 * (slices.json), with the literal as written (tolerances come from it) and where it is.
 * A slice metric is computed like the headline metric of the same id (its registry metric,
 * parameters, dataset and split), on the slice's rows.
 */
import { EVIDENCE_PATHS, type Evidence, type Metric } from '../format/evidence'
import { member, type JsonNode } from '../format/json-strict'
import { pointerJoin } from '../format/schema-dsl'
import type { ClaimField } from './report'

export interface Claim {
  readonly scope: 'headline' | 'slice'
  /** The metrics.json id the claim is about; absent for a slice's sample size. */
  readonly metricId?: string
  /** That headline metric, when metrics.json declares it. */
  readonly metric?: Metric
  readonly slice?: { readonly id: string; readonly definition: string; readonly index: number }
  readonly field: ClaimField
  readonly literal: string
  readonly path: string
  readonly pointer: string
}

function literalAt(root: JsonNode | undefined, pointer: string, fallback: number): string {
  let n: JsonNode | undefined = root
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~')
    if (n?.kind === 'array') n = n.items[Number(key)]
    else n = member(n, key)
  }
  return n?.kind === 'number' ? n.literal : String(fallback)
}

/** Claims in document order: each headline metric (value, sample size, ci), then each slice (sample size, metrics). */
export function collectClaims(ev: Evidence, nodes: { readonly metrics?: JsonNode; readonly slices?: JsonNode }): Claim[] {
  const out: Claim[] = []
  const P = EVIDENCE_PATHS
  const byId = new Map<string, Metric>()
  ev.metrics?.metrics.forEach((m, i) => {
    if (!byId.has(m.id)) byId.set(m.id, m)
    const base = `/metrics/${i}`
    const at = (field: ClaimField, pointer: string, v: number): void => {
      out.push({ scope: 'headline', metricId: m.id, metric: m, field, literal: literalAt(nodes.metrics, pointer, v), path: P.metrics, pointer })
    }
    at('value', `${base}/value`, m.value)
    at('sampleSize', `${base}/sampleSize`, m.sampleSize)
    if (m.ci) {
      at('ci.lower', `${base}/ci/lower`, m.ci.lower)
      at('ci.upper', `${base}/ci/upper`, m.ci.upper)
    }
  })
  ev.slices?.slices.forEach((s, i) => {
    const slice = { id: s.id, definition: s.definition, index: i }
    const base = `/slices/${i}`
    out.push({ scope: 'slice', slice, field: 'sampleSize', literal: literalAt(nodes.slices, `${base}/sampleSize`, s.sampleSize), path: P.slices, pointer: `${base}/sampleSize` })
    for (const [id, v] of Object.entries(s.metrics)) {
      const pointer = pointerJoin(`${base}/metrics`, id)
      const m = byId.get(id)
      out.push({ scope: 'slice', slice, metricId: id, ...(m ? { metric: m } : {}), field: 'value', literal: literalAt(nodes.slices, pointer, v), path: P.slices, pointer })
    }
  })
  return out
}
