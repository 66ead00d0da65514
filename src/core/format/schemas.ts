/**
 * The schema of every evidence document of an Assurance Pack v1 (see evidence.ts for the types
 * and docs/pack-format.md for the prose). resources/schemas/<doc>.schema.json is generated from
 * these definitions (scripts: `npx tsx src/core/format/write-schemas.ts`; a test checks it is current).
 */
import type { Evidence } from './evidence'
import { METRIC_COMPUTE_SCHEMA } from './predictions'
import type { ArraySchema, NumberSchema, ObjectSchema, Schema, StringSchema } from './schema-dsl'

export type DocKey = keyof Evidence

const str = (description?: string): StringSchema => ({ type: 'string', minLength: 1, ...(description ? { description } : {}) })
const text = (description?: string): StringSchema => ({ type: 'string', ...(description ? { description } : {}) })
const oneOf = (values: readonly string[], description?: string): StringSchema => ({ type: 'string', enum: values, ...(description ? { description } : {}) })
const num = (description?: string): NumberSchema => ({ type: 'number', ...(description ? { description } : {}) })
const count = (description?: string): NumberSchema => ({ type: 'integer', minimum: 0, ...(description ? { description } : {}) })
const list = (items: Schema, minItems?: number, description?: string): ArraySchema => ({
  type: 'array',
  items,
  ...(minItems !== undefined ? { minItems } : {}),
  ...(description ? { description } : {})
})
const obj = (properties: Record<string, Schema>, required: readonly string[], extra: Partial<ObjectSchema> = {}): ObjectSchema => ({
  type: 'object',
  properties,
  required,
  ...extra
})
const doc = (tag: string, key: string, item: Schema, description: string): ObjectSchema =>
  obj({ schema: { type: 'const', value: tag }, [key]: list(item, undefined, description) }, ['schema', key])

export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:-]*$'
const id = (what: string): StringSchema => ({ type: 'string', pattern: ID_PATTERN, patternHint: 'an id (letters, digits, . _ : -, starting with a letter or digit)', description: `Unique id of this ${what}.` })
export const SHA256_DIGEST_PATTERN = '^sha256:[0-9a-f]{64}$'
const digest = (description: string): StringSchema => ({ type: 'string', pattern: SHA256_DIGEST_PATTERN, patternHint: '"sha256:" followed by 64 lowercase hex digits', description })
export const COMMIT_PATTERN = '^(?:[0-9a-fA-F]{40}|[0-9a-fA-F]{64})$'
const COMPARATORS = ['>=', '>', '<=', '<', '=='] as const
const SEVERITY4 = ['low', 'medium', 'high', 'critical'] as const
const dateTime = (description: string): StringSchema => ({ type: 'string', format: 'date-time', description })

/**
 * Characters a one-line value may never hold: C0 and C1 controls and DEL, every format character
 * of the Basic Multilingual Plane (Unicode category Cf: the bidi controls and marks, zero-width
 * space, word joiner, U+FEFF, soft hyphen, ...) except U+200C and U+200D, and the line and
 * paragraph separators: what core/text's sanitiser would show escaped, so an accepted value reads
 * the same on a terminal, in a PDF and in bag-info.txt. Explicit BMP ranges so that any ECMA-262
 * or Python `re` validator reads it alike; the few format characters above U+FFFF (tags, ...)
 * cannot be written so in both, and are refused by the builder instead (build.ts).
 */
const LINE_FORBIDDEN =
  '\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u0600-\\u0605\\u061c\\u06dd\\u070f\\u0890\\u0891\\u08e2\\u180e\\u200b\\u200e\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff\\ufff9-\\ufffb'
/**
 * A one-line value copied to bag-info.txt: none of the characters above, and no leading or
 * trailing white space (bag-info values are trimmed when read, so "a " would not round-trip).
 */
export const LINE_PATTERN = `^[^\\s${LINE_FORBIDDEN}](?:[^${LINE_FORBIDDEN}]*[^\\s${LINE_FORBIDDEN}])?$`
/** A version: one token, no white space at all, none of the characters above. */
export const VERSION_PATTERN = `^[^\\s${LINE_FORBIDDEN}]+$`
/** Has a character that is not white space (what "not empty" means for a traceability field). */
export const NOT_BLANK_PATTERN = '\\S'
/**
 * Bounds on the pack identity: a sign-off subject is "<name>@<version>", at most 300 UTF-16 units
 * (statement.ts); 100 + 1 + 40 code points is at most 281 units even when every one is astral.
 */
export const MAX_NAME_CHARS = 100
export const MAX_VERSION_CHARS = 40
const LINE_HINT = 'one line without control or bidi characters, without leading or trailing spaces'
const VERSION_HINT = 'a version without spaces, control or bidi characters'
const version = (description: string): StringSchema => ({ type: 'string', pattern: VERSION_PATTERN, maxLength: MAX_VERSION_CHARS, patternHint: VERSION_HINT, description })
/** A traceability string: deferred to the traceability checks, which call a blank one missing. */
const traced = (description: string): StringSchema => ({ type: 'string', minLength: 1, pattern: NOT_BLANK_PATTERN, patternHint: 'not blank', description })
const tracedLine = (description: string): StringSchema => ({ type: 'string', minLength: 1, pattern: LINE_PATTERN, patternHint: LINE_HINT, description })

const owner = obj({ name: str('Person or team.'), role: str('e.g. "Model owner", "Validator".'), email: text('Contact address.') }, ['name', 'role'])

const pack = obj(
  {
    schema: { type: 'const', value: 'vouch.pack/v1' },
    name: { type: 'string', pattern: LINE_PATTERN, minLength: 1, maxLength: MAX_NAME_CHARS, patternHint: `a name on ${LINE_HINT}`, description: 'Pack (model) name; copied to bag-info Pack-Name.' },
    version: version('Release version, e.g. "1.1.0"; copied to bag-info Pack-Version.'),
    previousVersion: version('The release this one supersedes; copied to bag-info Previous-Version.'),
    domain: oneOf(['tabular', 'vision', 'nlp', 'other']),
    description: str('What the model does, in a paragraph.'),
    model: obj(
      {
        name: str('Model name.'),
        framework: text('e.g. "scikit-learn 1.5".'),
        format: text('e.g. "onnx", "joblib", "safetensors".'),
        files: list({ type: 'string', pattern: '^data/.+', patternHint: 'a pack path under data/' }, undefined, 'Weights shipped in the pack, as pack paths (listed in the manifest).'),
        external: obj(
          {
            uri: str('Where the weights live.'),
            sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', patternHint: '64 lowercase hex digits', description: 'SHA-256 of the weights file.' },
            sizeBytes: count('Size of the weights file in bytes.')
          },
          ['uri', 'sha256', 'sizeBytes'],
          { description: 'Weights too large to ship, referenced by digest.' }
        )
      },
      ['name']
    ),
    intendedUse: list(str(), 1, 'Uses the model was validated for.'),
    outOfScope: list(str(), undefined, 'Uses it must not be put to.'),
    owners: list(owner, 1, 'Accountable people.')
  },
  ['schema', 'name', 'version', 'domain', 'description', 'model', 'intendedUse', 'outOfScope', 'owners']
)

const metric = obj(
  {
    id: id('metric'),
    name: text('Display name.'),
    value: num('Measured value. Compared to threshold exactly as written (decimal literal).'),
    threshold: num('Acceptance threshold; requires comparator.'),
    comparator: oneOf(COMPARATORS, '"value <comparator> threshold" must hold to pass.'),
    better: oneOf(['higher', 'lower', 'none'], 'Which direction is an improvement.'),
    dataset: str('A dataset id declared in traceability.json datasets.'),
    split: str('e.g. "test", "holdout-2026q3".'),
    sampleSize: count('Number of examples the value was computed on.'),
    ci: obj(
      { lower: num(), upper: num(), level: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, description: 'e.g. 0.95' } },
      ['lower', 'upper', 'level'],
      { description: 'Confidence interval.' }
    ),
    compute: METRIC_COMPUTE_SCHEMA
  },
  ['id', 'value', 'better', 'dataset', 'split', 'sampleSize'],
  { dependentRequired: { threshold: ['comparator'], comparator: ['threshold'] } }
)

const slice = obj(
  {
    id: id('slice'),
    name: text('Display name.'),
    definition: str('Human-readable definition, e.g. "age < 25 AND income_band = \'low\'".'),
    sampleSize: count(),
    critical: { type: 'boolean', description: 'A regression on a critical slice blocks a release.' },
    metrics: obj({}, [], { additional: num(), description: 'metric id -> value on this slice.' })
  },
  ['id', 'definition', 'sampleSize', 'critical', 'metrics']
)

const failure = obj(
  {
    id: id('failure mode'),
    title: str(),
    severity: oneOf(SEVERITY4),
    slice: str('A slice id from slices.json.'),
    status: oneOf(['open', 'mitigated', 'resolved', 'accepted']),
    evidence: str('A pack path or a short description of where the evidence is.'),
    description: text()
  },
  ['id', 'title', 'severity', 'status', 'evidence']
)

const risk = obj(
  {
    id: id('risk'),
    hazard: str(),
    severity: oneOf(SEVERITY4),
    likelihood: oneOf(['rare', 'unlikely', 'possible', 'likely', 'almost-certain']),
    mitigation: str(),
    owner: str(),
    status: oneOf(['open', 'mitigated', 'accepted', 'closed'])
  },
  ['id', 'hazard', 'severity', 'likelihood', 'mitigation', 'owner']
)

const signal = obj(
  {
    id: id('monitoring signal'),
    signal: str('What is watched.'),
    metric: str('A metric id from metrics.json.'),
    slice: str('A slice id from slices.json.'),
    threshold: num('Alert threshold.'),
    comparator: oneOf(COMPARATORS, '"observed <comparator> threshold" is the healthy state.'),
    window: str('e.g. "7d", "1000 decisions".'),
    action: str('What happens on breach.'),
    owner: str(),
    escalation: str('Who is told next.')
  },
  ['id', 'signal', 'metric', 'threshold', 'comparator', 'window', 'action', 'owner', 'escalation']
)

const guardrail = obj(
  {
    id: id('guardrail'),
    kind: str('e.g. "input-validation", "output-filter", "human-review", "rate-limit", "fairness".'),
    setting: str(),
    value: { type: 'anyOf', of: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] },
    description: text()
  },
  ['id', 'kind', 'setting', 'value']
)

const dataset = obj(
  {
    id: id('dataset'),
    version: str(),
    digest: digest('SHA-256 of the dataset snapshot.'),
    splits: list(str(), 1)
  },
  ['id', 'version', 'digest', 'splits']
)

const traceability = obj(
  {
    schema: { type: 'const', value: 'vouch.traceability/v1' },
    commit: { type: 'string', pattern: COMMIT_PATTERN, patternHint: 'a full 40- or 64-hex git commit', description: 'Full git commit of the code that produced the evidence; copied to bag-info Source-Commit.' },
    repository: traced('Repository URL or name.'),
    dataVersion: tracedLine('Data version; copied to bag-info Data-Version.'),
    dataDigest: digest('SHA-256 of the training/evaluation data snapshot.'),
    runId: tracedLine('Pipeline run id; copied to bag-info Run-ID.'),
    pipeline: traced('Pipeline name or URL.'),
    started: dateTime('RFC 3339 start of the run.'),
    finished: dateTime('RFC 3339 end of the run; its date becomes Bagging-Date.'),
    environment: obj({}, [], { additional: text(), minProperties: 1, description: 'name -> version of the run environment (python, libraries, OS); at least one.' }),
    datasets: list(dataset, 1, 'Every dataset a metric refers to.')
  },
  ['schema', 'commit', 'repository', 'dataVersion', 'dataDigest', 'runId', 'pipeline', 'started', 'finished', 'environment', 'datasets']
)

export const SCHEMAS: Readonly<Record<DocKey, { readonly tag: string; readonly title: string; readonly schema: ObjectSchema }>> = {
  pack: { tag: 'vouch.pack/v1', title: 'Assurance Pack: pack.json', schema: pack },
  metrics: { tag: 'vouch.metrics/v1', title: 'Assurance Pack: evaluation/metrics.json', schema: doc('vouch.metrics/v1', 'metrics', metric, 'Headline metrics.') },
  slices: { tag: 'vouch.slices/v1', title: 'Assurance Pack: evaluation/slices.json', schema: doc('vouch.slices/v1', 'slices', slice, 'Evaluation slices.') },
  failures: { tag: 'vouch.failures/v1', title: 'Assurance Pack: evaluation/failures.json', schema: doc('vouch.failures/v1', 'failures', failure, 'Known failure modes.') },
  risks: { tag: 'vouch.risks/v1', title: 'Assurance Pack: risk/risks.json', schema: doc('vouch.risks/v1', 'risks', risk, 'Risk register.') },
  monitoring: { tag: 'vouch.monitoring/v1', title: 'Assurance Pack: monitoring/plan.json', schema: doc('vouch.monitoring/v1', 'signals', signal, 'Monitoring signals.') },
  guardrails: { tag: 'vouch.guardrails/v1', title: 'Assurance Pack: policy/guardrails.json', schema: doc('vouch.guardrails/v1', 'guardrails', guardrail, 'Guardrail settings.') },
  traceability: { tag: 'vouch.traceability/v1', title: 'Assurance Pack: traceability.json', schema: traceability }
}

/** Traceability fields whose presence and form are reported by the traceability checks (one finding, the specific code). */
export const TRACEABILITY_DEFERRED: ReadonlySet<string> = new Set(
  ['commit', 'repository', 'dataVersion', 'dataDigest', 'runId', 'pipeline', 'started', 'finished'].map((k) => `/${k}`)
)

/** Traceability objects whose emptiness the traceability checks report (traceability-missing), not the schema validator. */
export const TRACEABILITY_DEFERRED_BOUNDS: ReadonlySet<string> = new Set(['/environment'])

/** File name of the published schema for a document, e.g. "metrics.schema.json". */
export function schemaFileName(key: DocKey): string {
  return `${key}.schema.json`
}

/** `$id` of a published schema. URNs: the schemas are offline artefacts, not fetched. */
export function schemaId(key: DocKey): string {
  return `urn:vouch:schema:${key}:v1`
}
