/**
 * The metric registry: every metric Vouch can recompute, by id. A claim names its metric in
 * metrics.json `compute.metric` (or by its own id); an id not here is "not recomputable", never
 * a failure. To add a metric: one MetricDef (data + one function) and its definition in
 * docs/recompute.md.
 */
import { BINARY_METRICS } from './binary'
import { OTHER_METRICS } from './other'
import type { MetricDef } from './types'

export const METRICS: ReadonlyMap<string, MetricDef> = new Map([...BINARY_METRICS, ...OTHER_METRICS].map((m) => [m.id, m]))

export function metricDef(id: string): MetricDef | undefined {
  return METRICS.get(id)
}
