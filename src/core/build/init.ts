/**
 * `vouch init`: copies a template's skeleton (resources/templates/<name>/data) into a new or empty
 * folder. The skeleton holds `null` wherever a value must be filled in, so it cannot be built
 * before it is: no example figure ever ships as if it were measured.
 */
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import { DEFAULT_TEMPLATE, loadTemplate, type PackTemplate } from './template-data'
import { PackWriteError } from './types'

export interface InitResult {
  readonly template: PackTemplate
  /** Pack paths written, sorted. */
  readonly written: readonly string[]
}

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = []
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, e.name)
    if (e.isDirectory()) out.push(...(await filesUnder(p)))
    else if (e.isFile()) out.push(p)
  }
  return out
}

/**
 * Writes the skeleton of `templateName` (a name or alias) into `dir` (created if absent; refused
 * with PackWriteError if not empty). An unknown template is a TemplateError, before anything is written.
 */
export async function initPack(dir: string, templateName: string = DEFAULT_TEMPLATE, templatesDir?: string): Promise<InitResult> {
  const { template, dir: source } = await loadTemplate(templateName, templatesDir)
  const st = await stat(dir).catch(() => undefined)
  if (st && !st.isDirectory()) throw new PackWriteError('not-a-directory', dir, `${dir} exists and is not a folder`)
  if (st && (await readdir(dir)).length > 0) throw new PackWriteError('dir-not-empty', dir, `${dir} is not empty: vouch init only writes into a new or empty folder`)
  const files = new Map<string, Buffer>()
  for (const abs of await filesUnder(join(source, 'data'))) files.set(relative(source, abs).split(sep).join('/'), await readFile(abs))
  try {
    for (const [p, bytes] of files) {
      const abs = join(dir, ...p.split('/'))
      await mkdir(dirname(abs), { recursive: true })
      await writeFile(abs, bytes, { flag: 'wx' })
    }
  } catch (e) {
    // Nothing half-written stays behind: the folder was new or empty, so everything in it is ours.
    if (st) await rm(join(dir, 'data'), { recursive: true, force: true }).catch(() => undefined)
    else await rm(dir, { recursive: true, force: true }).catch(() => undefined)
    throw new PackWriteError('write-failed', dir, `Could not write the skeleton in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  return { template, written: [...files.keys()].sort() }
}
