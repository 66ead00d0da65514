/**
 * Pack paths of the evidence documents, mirrored from src/core/format/evidence.ts (the renderer
 * imports only types from core; a test-free constant copy is cheaper than a runtime import path).
 */
import type { Evidence } from '../../../core/format/evidence'

export const EVIDENCE_PATHS = {
  pack: 'data/pack.json',
  metrics: 'data/evaluation/metrics.json',
  slices: 'data/evaluation/slices.json',
  failures: 'data/evaluation/failures.json',
  risks: 'data/risk/risks.json',
  monitoring: 'data/monitoring/plan.json',
  guardrails: 'data/policy/guardrails.json',
  traceability: 'data/traceability.json'
} as const satisfies Record<keyof Evidence, string>
