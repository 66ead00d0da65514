/**
 * What every sample pair shares: how JSON is written, how a release folder becomes a bag (the
 * product's own builder), fake-but-stable digests, and number formatting for the model cards.
 */
import { createHash } from 'node:crypto'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { buildPack } from '../../src/core/build/build'

/** JSON as the packs hold it: two-space indent, LF, trailing newline. */
export function jsonText(doc: unknown): string {
  return `${JSON.stringify(doc, null, 2)}\n`
}

/** "sha256:<hex>" of a label: stands for the digest of a snapshot the sample does not ship. */
export const digestOf = (label: string): string => `sha256:${createHash('sha256').update(label).digest('hex')}`

/** 30000 -> "30,000" without Intl, whose output depends on the ICU data Node was built with. */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Writes data/ files into `dir` (which must not exist or will be replaced) and builds the bag. */
export async function writeRelease(dir: string, files: ReadonlyMap<string, string>): Promise<string> {
  await rm(dir, { recursive: true, force: true })
  for (const [path, text] of files) {
    const abs = join(dir, ...path.split('/'))
    await mkdir(dirname(abs), { recursive: true })
    await writeFile(abs, text)
  }
  const r = await buildPack(dir)
  if (!r.ok || r.digest === undefined) {
    const msgs = r.findings.map((f) => `${f.severity} ${f.code} ${f.path ?? ''}: ${f.message}`).join('\n')
    throw new Error(`building ${dir} failed:\n${msgs}`)
  }
  return r.digest
}
