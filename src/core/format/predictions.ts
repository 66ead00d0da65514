/**
 * The predictions descriptor (`data/evaluation/predictions.json`, `vouch.predictions/v1`): which
 * payload files hold the predictions a pack's claims were computed from, and how to read them.
 * Optional: a pack without it verifies, and its claims are reported as not re-checkable.
 * Also the `compute` member a metric claim may carry in metrics.json (its registry metric and
 * parameters). docs/pack-format.md "Predictions" is the normative description.
 */
import type { Finding } from '../findings'
import { formatFinding } from './codes'
import { JsonParseError, parseStrictJsonBytes, toPlain, type JsonNode } from './json-strict'
import { validate, type ObjectSchema, type Schema } from './schema-dsl'

export const PREDICTIONS_PATH = 'data/evaluation/predictions.json'
export const PREDICTIONS_TAG = 'vouch.predictions/v1'

export type PredictionTask = 'binary' | 'regression' | 'multiclass'
export type ParamValue = number | string

export interface PredictionColumns {
  /** The observed outcome (binary: compared with `positive`; regression: a number; multiclass: a class). */
  readonly label: string
  /** Binary: the score or probability of the positive class; regression: the prediction. */
  readonly score?: string
  /** The predicted class (binary: compared with `positive`; multiclass: a class). */
  readonly predicted?: string
  /** A non-negative weight per row. */
  readonly weight?: string
  /** A unique id per row. */
  readonly rowId?: string
}

export interface PredictionsFile {
  /** Pack path of the file, e.g. "data/evaluation/predictions-holdout.csv". */
  readonly path: string
  readonly format: 'csv'
  readonly compression?: 'none' | 'gzip'
  readonly dataset: string
  readonly split: string
  readonly task?: PredictionTask
  readonly columns: PredictionColumns
  /** Binary task: the label (and predicted) value of the positive class, as written in the file. */
  readonly positive?: string
}

export interface PredictionsDoc {
  readonly schema: typeof PREDICTIONS_TAG
  readonly files: readonly PredictionsFile[]
}

/** How a claim was computed: a registry metric and its parameters (metrics.json `compute`). */
export interface MetricCompute {
  /** Registry metric id; the claim's own id when absent. */
  readonly metric?: string
  readonly params?: Readonly<Record<string, ParamValue>>
  /** How the claim's `ci` was computed, when it has one. */
  readonly interval?: 'wilson' | 'hanley-mcneil'
}

const str = (description: string): Schema => ({ type: 'string', minLength: 1, description })
const column = (description: string): Schema => ({ type: 'string', minLength: 1, description })

export const METRIC_COMPUTE_SCHEMA: ObjectSchema = {
  type: 'object',
  description: 'How the value was computed from the predictions (docs/recompute.md); lets Vouch recompute it.',
  properties: {
    metric: { type: 'string', pattern: '^[a-z][a-z0-9_]*$', patternHint: 'a registry metric id (lowercase, digits, _)', description: 'Registry metric id, e.g. "auc", "approval_rate"; the claim id when absent.' },
    params: {
      type: 'object',
      properties: {},
      required: [],
      additional: { type: 'anyOf', of: [{ type: 'number' }, { type: 'string' }] },
      description: 'Parameters of the metric, e.g. {"cutoff": 0.055}.'
    },
    interval: { type: 'string', enum: ['wilson', 'hanley-mcneil'], description: 'Method of the claimed ci, so it can be recomputed.' }
  },
  required: []
}

const file: ObjectSchema = {
  type: 'object',
  properties: {
    path: { type: 'string', pattern: '^data/.+', patternHint: 'a pack path under data/', description: 'Pack path of the predictions file (listed in the manifest).' },
    format: { type: 'string', enum: ['csv'], description: 'File format: RFC 4180 CSV with a header row, UTF-8.' },
    compression: { type: 'string', enum: ['none', 'gzip'], description: 'Whole-file compression; "none" when absent.' },
    dataset: str('A dataset id declared in traceability.json datasets.'),
    split: str('One of that dataset\'s splits.'),
    task: { type: 'string', enum: ['binary', 'regression', 'multiclass'], description: 'What the model predicts; "binary" when absent.' },
    columns: {
      type: 'object',
      properties: {
        label: column('Column of the observed outcome.'),
        score: column('Column of the score or probability of the positive class (regression: the prediction).'),
        predicted: column('Column of the predicted class.'),
        weight: column('Column of the row weight (a number >= 0).'),
        rowId: column('Column of a unique row id.')
      },
      required: ['label'],
      description: 'Column names in the header row.'
    },
    positive: { type: 'string', description: 'Binary task: the label value of the positive class, as written (e.g. "1").' }
  },
  required: ['path', 'format', 'dataset', 'split', 'columns']
}

export const PREDICTIONS_SCHEMA: ObjectSchema = {
  type: 'object',
  properties: {
    schema: { type: 'const', value: PREDICTIONS_TAG },
    files: { type: 'array', items: file, minItems: 1, description: 'Predictions files; several files with the same dataset and split are shards, read in this order.' }
  },
  required: ['schema', 'files']
}

export interface ParsedPredictions {
  readonly doc?: PredictionsDoc
  readonly node?: JsonNode
  readonly findings: readonly Finding[]
}

/** Strict JSON, schema, then the rules the schema cannot say (binary needs `positive` and a score or predicted column). */
export function parsePredictionsDoc(bytes: Uint8Array): ParsedPredictions {
  const path = PREDICTIONS_PATH
  let node: JsonNode
  try {
    node = parseStrictJsonBytes(bytes)
  } catch (e) {
    if (!(e instanceof JsonParseError)) throw e
    const code = e.kind === 'duplicate-key' ? 'json-duplicate-key' : 'json-invalid'
    return { findings: [formatFinding(code, `${path}:${e.line}:${e.column}: ${e.detail}`, { path, actual: `line ${e.line}, column ${e.column}` })] }
  }
  const issues = validate(node, PREDICTIONS_SCHEMA)
  const findings: Finding[] = issues.map((i) =>
    formatFinding(i.kind === 'invalid' ? 'schema-invalid' : 'schema-unknown-field', `${path}: ${i.message}`, { path, pointer: i.pointer, expected: i.expected, actual: i.actual })
  )
  if (issues.some((i) => i.kind === 'invalid')) return { node, findings }
  const doc = toPlain(node) as unknown as PredictionsDoc
  let ok = true
  doc.files.forEach((f, i) => {
    const task = f.task ?? 'binary'
    const bad = (field: string, expected: string, message: string): void => {
      ok = false
      findings.push(formatFinding('schema-invalid', `${path}: /files/${i}: ${message}`, { path, pointer: `/files/${i}/${field}`, expected, actual: 'absent' }))
    }
    if (task === 'binary' && f.positive === undefined) bad('positive', 'required field "positive" (task binary)', 'a binary task needs "positive", the label value of the positive class')
    if (task !== 'multiclass' && f.columns.score === undefined && f.columns.predicted === undefined) bad('columns/score', 'a score or predicted column', `a ${task} task needs a score (or predicted) column`)
    if (task === 'multiclass' && f.columns.predicted === undefined) bad('columns/predicted', 'required field "predicted" (task multiclass)', 'a multiclass task needs a predicted column')
  })
  return ok ? { doc, node, findings } : { node, findings }
}
