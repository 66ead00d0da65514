/**
 * Fills a `vouch init` skeleton the way a producer would, for tests: writes seeded predictions with
 * the columns the template declares, puts each blank's example in place, then takes every figure
 * (metric values, sample sizes, interval bounds) from what `vouch verify` recomputes on those
 * predictions, and builds. What is left is a pack that must verify with every claim reproduced.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { rng } from '../../diff/test-builders'
import { verifyPack } from '../../verify/verify'
import type { VerifyReport } from '../../verify/report'
import { buildPack } from '../build'
import type { PackTemplate, TemplateColumn } from '../template-data'

function cell(c: TemplateColumn, i: number, r: () => number): string {
  const pick = (xs: readonly string[]): string => xs[Math.floor(r() * xs.length)] as string
  switch (c.kind) {
    case 'id':
      return `${c.name}-${i}`
    case 'flag':
      return r() < 0.35 ? '1' : '0'
    case 'probability':
      return String(Math.round(r() * 1000) / 1000)
    case 'number':
      return String(Math.round(((c.min ?? 0) + r() * ((c.max ?? 1) - (c.min ?? 0))) * 100) / 100)
    case 'category':
    case 'class':
      return pick(c.values ?? ['a', 'b'])
  }
}

/** Seeded CSVs with the declared columns (`rows` for the first file, a quarter of it for the others). */
export async function writeTemplatePredictions(dir: string, t: PackTemplate, rows = 800, seed = 7): Promise<void> {
  const r = rng(seed)
  for (const [k, p] of t.predictions.entries()) {
    const n = k === 0 ? rows : Math.max(50, rows >> 2)
    const lines = [p.columns.map((c) => c.name).join(',')]
    for (let i = 0; i < n; i++) lines.push(p.columns.map((c) => cell(c, i, r)).join(','))
    const abs = join(dir, ...p.path.split('/'))
    await mkdir(dirname(abs), { recursive: true })
    await writeFile(abs, lines.join('\n') + '\n')
  }
}

/** Sets the value at a JSON pointer of a parsed document. */
export function setAt(doc: unknown, pointer: string, value: unknown): void {
  const keys = pointer.split('/').slice(1).map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~'))
  let node = doc as Record<string, unknown>
  for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>
  node[keys[keys.length - 1] as string] = value
}

async function editJson(dir: string, path: string, edit: (doc: unknown) => void): Promise<void> {
  const abs = join(dir, ...path.split('/'))
  const doc = JSON.parse(await readFile(abs, 'utf8')) as unknown
  edit(doc)
  await writeFile(abs, `${JSON.stringify(doc, null, 2)}\n`)
}

/** Puts every blank's example in place, and 0 for every figure (to be recomputed). */
export async function fillBlanks(dir: string, t: PackTemplate): Promise<void> {
  const byFile = new Map<string, typeof t.blanks>()
  for (const b of t.blanks) byFile.set(b.path, [...(byFile.get(b.path) ?? []), b])
  for (const [path, blanks] of byFile) await editJson(dir, path, (doc) => blanks.forEach((b) => setAt(doc, b.pointer, b.claim ? 0 : b.example)))
}

async function build(dir: string): Promise<void> {
  const r = await buildPack(dir)
  if (!r.ok) throw new Error(`the filled skeleton does not build: ${r.findings.map((f) => `${f.code} ${f.path ?? ''}${f.pointer ?? ''}: ${f.message}`).join('; ')}`)
}

/** The whole fill: predictions, examples, figures from the recomputation; returns the final verification. */
export async function fillTemplate(dir: string, t: PackTemplate): Promise<VerifyReport> {
  await writeTemplatePredictions(dir, t)
  await fillBlanks(dir, t)
  await build(dir)
  const first = await verifyPack(dir)
  const byFile = new Map<string, { pointer: string; value: number }[]>()
  for (const c of first.reproducibility?.claims ?? []) {
    if (c.status !== 'not-reproduced' || c.recomputed === undefined) continue
    byFile.set(c.path, [...(byFile.get(c.path) ?? []), { pointer: c.pointer, value: c.recomputed }])
  }
  for (const [path, edits] of byFile) await editJson(dir, path, (doc) => edits.forEach((e) => setAt(doc, e.pointer, e.value)))
  await build(dir)
  return verifyPack(dir)
}
