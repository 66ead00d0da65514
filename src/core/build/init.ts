/**
 * `vouch init`: a pack skeleton with every evidence file filled with examples of the right shape
 * (consistent with each other, so `vouch build` accepts it before anyone edits it).
 */
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { exampleEvidence, exampleEvidenceFiles } from './templates'
import { PackWriteError, type Template } from './types'

const SLICE_REPORT = `# Slice analysis

Replace this file with the analysis behind data/evaluation/failures.json: how each failure mode
was found, on which slice, and what mitigates it. Every file under data/ is hashed into the pack.
`

/** Writes the skeleton into `dir` (created if absent; refused with PackWriteError if not empty). Returns the pack paths written. */
export async function initPack(dir: string, template: Template = 'tabular'): Promise<readonly string[]> {
  const st = await stat(dir).catch(() => undefined)
  if (st && !st.isDirectory()) throw new PackWriteError('not-a-directory', dir, `${dir} exists and is not a folder`)
  if (st && (await readdir(dir)).length > 0) throw new PackWriteError('dir-not-empty', dir, `${dir} is not empty: vouch init only writes into a new or empty folder`)
  const files = new Map(exampleEvidenceFiles(exampleEvidence(template)))
  files.set('data/reports/slice-analysis.md', SLICE_REPORT)
  try {
    for (const [p, text] of files) {
      const abs = join(dir, ...p.split('/'))
      await mkdir(dirname(abs), { recursive: true })
      await writeFile(abs, text, { flag: 'wx' })
    }
  } catch (e) {
    throw new PackWriteError('write-failed', dir, `Could not write the skeleton in ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
  }
  return [...files.keys()].sort()
}
