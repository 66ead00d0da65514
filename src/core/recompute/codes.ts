/**
 * Finding codes of claim recomputation (docs/recompute.md "Finding codes"; a test keeps the two in
 * sync). Stable strings: CI gates refer to them. Schema and reference problems of the predictions
 * descriptor reuse the format codes (schema-invalid, json-invalid, reference-unresolved).
 */
import { findingFactory, type CodeInfo } from '../findings'

const table = [
  { code: 'metric-not-reproduced', severity: 'error', description: 'A claimed metric value, confidence bound or sample size differs from the value recomputed from the shipped predictions by more than the tolerance (or meets its threshold only as rounded); the finding names the metric, the slice, the claimed and the recomputed value.' },
  { code: 'predictions-invalid', severity: 'error', description: 'A predictions file cannot be read as its descriptor declares: not RFC 4180 CSV (unterminated quote, wrong number of fields), a declared column missing, a label, score or weight cell that is not valid, a corrupt or oversized gzip stream, or too many rows (line and column given).' },
  { code: 'predictions-absent', severity: 'info', description: 'The pack ships no predictions descriptor (data/evaluation/predictions.json): its claimed metrics cannot be re-checked.' },
  { code: 'metric-not-recomputable', severity: 'info', description: 'A claim cannot be recomputed: its metric is not in the registry, its dataset and split ship no predictions, a parameter it needs is missing, or its predictions file could not be read. Reported once per metric, never a failure.' },
  { code: 'slice-definition-invalid', severity: 'warning', description: 'A slice definition does not parse in the slice language, or names a column the predictions file does not have, or compares a column holding text with a number: the slice\'s claims cannot be recomputed.' },
  { code: 'predictions-row-id-duplicate', severity: 'warning', description: 'Two rows of a predictions file (or of two shards of one dataset and split) carry the same row id: rows may be duplicated.' }
] as const satisfies readonly CodeInfo[]

export type RecomputeCode = (typeof table)[number]['code']

export const RECOMPUTE_CODES: readonly CodeInfo[] = table

export const recomputeFinding = findingFactory(table).make
