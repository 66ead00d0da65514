/**
 * `vouch init` templates: data in the repository (resources/templates/<name>/), not code. Each is
 * a template.json (what it is for, the predictions it expects, its sign-off checklist items and
 * every blank to fill) and the skeleton files under data/ with `null` where a value must be filled
 * in. docs/pack-format.md "Templates" is the format; a test fills each skeleton and verifies it.
 */
import { existsSync } from 'node:fs'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PredictionTask } from '../format/predictions'
import type { ChecklistItemDef } from '../signoff/checklist'

export const TEMPLATE_TAG = 'vouch.template/v1'
export const DEFAULT_TEMPLATE = 'tabular-binary'

/** How a column of the predictions file is read: what a producer writes there (and what tests generate). */
export type ColumnKind = 'id' | 'flag' | 'probability' | 'number' | 'category' | 'class'

export interface TemplateColumn {
  readonly name: string
  readonly kind: ColumnKind
  readonly meaning: string
  /** category and class: the values the skeleton's slices and parameters use. */
  readonly values?: readonly string[]
  /** number: the range examples are drawn from. */
  readonly min?: number
  readonly max?: number
}

export interface TemplatePredictions {
  /** Pack path of the CSV the skeleton's predictions.json declares. */
  readonly path: string
  readonly dataset: string
  readonly split: string
  readonly columns: readonly TemplateColumn[]
}

/** A value to fill in: `null` in the skeleton at `path` + `pointer`. */
export interface TemplateBlank {
  readonly path: string
  /** JSON pointer (RFC 6901) inside the file. */
  readonly pointer: string
  readonly hint: string
  /** A figure the evaluation computes (a metric value, sample size or bound): vouch verify recomputes it. */
  readonly claim?: boolean
  /** What a filled-in value looks like. */
  readonly example?: string | number | boolean
}

export interface PackTemplate {
  readonly schema: typeof TEMPLATE_TAG
  readonly name: string
  /** Other names `--template` accepts (e.g. "tabular", the name before templates were data). */
  readonly aliases: readonly string[]
  readonly title: string
  /** One paragraph: what kind of model it is for and what it reports (`vouch init --list-templates`). */
  readonly purpose: string
  readonly domain: string
  readonly task: PredictionTask
  readonly predictions: readonly TemplatePredictions[]
  /** Domain items for the sign-off checklist, added to the default items (`vouch signoff checklist --template`). */
  readonly checklist: readonly ChecklistItemDef[]
  readonly blanks: readonly TemplateBlank[]
}

/** A template that is missing, unknown or malformed: names the file and what is wrong. */
export class TemplateError extends Error {
  constructor(
    readonly code: 'unknown-template' | 'template-invalid' | 'templates-not-found',
    readonly path: string,
    message: string
  ) {
    super(message)
    this.name = 'TemplateError'
  }
}

/** resources/templates: the given folder, $VOUCH_RESOURCES/templates, or found above this module (source tree and bundles). */
export function findTemplatesDir(explicit?: string): string {
  const candidates: string[] = []
  if (explicit) candidates.push(explicit)
  if (process.env.VOUCH_RESOURCES) candidates.push(join(process.env.VOUCH_RESOURCES, 'templates'))
  let dir: string | undefined
  try {
    dir = dirname(fileURLToPath(import.meta.url))
  } catch {
    // No file URL for this module in some bundle formats: the other places remain.
  }
  for (let i = 0; dir !== undefined && i < 6; i++) {
    candidates.push(join(dir, 'resources', 'templates'))
    dir = dirname(dir)
  }
  candidates.push(resolve('resources', 'templates'))
  const found = candidates.find((c) => existsSync(join(c, DEFAULT_TEMPLATE, 'template.json')))
  if (!found) throw new TemplateError('templates-not-found', candidates[0] ?? 'resources/templates', `the vouch init templates were not found (looked in ${candidates.join(', ')})`)
  return found
}

const isStr = (x: unknown): x is string => typeof x === 'string' && x.length > 0
const COLUMN_KINDS: readonly ColumnKind[] = ['id', 'flag', 'probability', 'number', 'category', 'class']

/** Checks the shape of a template.json (a repository file, but a typo must say where it is). */
export function parseTemplate(text: string, file: string): PackTemplate {
  const bad = (what: string): never => {
    throw new TemplateError('template-invalid', file, `${file}: ${what}`)
  }
  let t: Record<string, unknown>
  try {
    t = JSON.parse(text) as Record<string, unknown>
  } catch (e) {
    return bad(`not JSON (${(e as Error).message})`)
  }
  if (t.schema !== TEMPLATE_TAG) bad(`"schema" must be "${TEMPLATE_TAG}"`)
  for (const k of ['name', 'title', 'purpose', 'domain', 'task']) if (!isStr(t[k])) bad(`"${k}" must be a non-empty string`)
  if (!Array.isArray(t.aliases) || !t.aliases.every(isStr)) bad('"aliases" must be an array of names')
  if (!Array.isArray(t.predictions)) bad('"predictions" must be an array')
  ;(t.predictions as Record<string, unknown>[]).forEach((p, i) => {
    for (const k of ['path', 'dataset', 'split']) if (!isStr(p[k])) bad(`predictions[${i}].${k} must be a non-empty string`)
    if (!Array.isArray(p.columns)) bad(`predictions[${i}].columns must be an array`)
    ;(p.columns as Record<string, unknown>[]).forEach((c, j) => {
      if (!isStr(c.name) || !isStr(c.meaning) || !COLUMN_KINDS.includes(c.kind as ColumnKind)) bad(`predictions[${i}].columns[${j}] needs a name, a meaning and a kind (${COLUMN_KINDS.join(', ')})`)
    })
  })
  if (!Array.isArray(t.checklist) || !(t.checklist as Record<string, unknown>[]).every((c) => isStr(c.id) && isStr(c.text))) bad('"checklist" must be an array of {id, text}')
  if (!Array.isArray(t.blanks) || !(t.blanks as Record<string, unknown>[]).every((b) => isStr(b.path) && typeof b.pointer === 'string' && isStr(b.hint))) bad('"blanks" must be an array of {path, pointer, hint}')
  return t as unknown as PackTemplate
}

/** Every template, by name. */
export async function listTemplates(templatesDir?: string): Promise<readonly PackTemplate[]> {
  const root = findTemplatesDir(templatesDir)
  const out: PackTemplate[] = []
  for (const e of (await readdir(root, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const file = join(root, e.name, 'template.json')
    if (e.isDirectory() && existsSync(file)) out.push(parseTemplate(await readFile(file, 'utf8'), file))
  }
  return out
}

/**
 * The template a pack evidently follows: the one of its domain (pack.json) whose task one of its
 * predictions files declares. Each template has its own (domain, task) pair (a test keeps it so), so
 * there is at most one; a pack without predictions follows none. The app offers that template's
 * sign-off items, as `vouch signoff checklist --template` does.
 */
export function templateForPack(templates: readonly PackTemplate[], domain: string | undefined, tasks: readonly string[]): PackTemplate | undefined {
  if (domain === undefined) return undefined
  return templates.find((t) => t.domain === domain && tasks.includes(t.task))
}

/** A template by name or alias, with its folder. */
export async function loadTemplate(name: string, templatesDir?: string): Promise<{ readonly template: PackTemplate; readonly dir: string }> {
  const root = findTemplatesDir(templatesDir)
  const all = await listTemplates(root)
  const t = all.find((x) => x.name === name) ?? all.find((x) => x.aliases.includes(name))
  if (!t) throw new TemplateError('unknown-template', root, `no template "${name}" (templates: ${all.map((x) => x.name).join(', ')}; vouch init --list-templates says what each is for)`)
  return { template: t, dir: join(root, t.name) }
}
