/**
 * Every `vouch init` template (resources/templates): its template.json agrees with its skeleton
 * (every null is a listed blank and the reverse; the columns are the ones the descriptor and the
 * slices read; every metric is in the registry for the template's task), and each skeleton, once
 * filled in, builds and verifies with every claim recomputed.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { MetricsDoc, SlicesDoc } from '../format/evidence'
import { parsePredictionsDoc } from '../format/predictions'
import { metricDef } from '../recompute/metrics/registry'
import { columnUses, parseSlice } from '../recompute/slice-lang'
import { CHECKLIST_ID, DEFAULT_CHECKLIST } from '../signoff/checklist'
import { initPack } from './init'
import { listTemplates, loadTemplate, templateForPack, type PackTemplate } from './template-data'
import { fillTemplate } from './testing/fill-template'

let tmp = ''
let all: readonly PackTemplate[] = []
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'vouch-templates-'))
  all = await listTemplates()
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

/** JSON pointers of every null in a document. */
function nulls(doc: unknown, at = ''): string[] {
  if (doc === null) return [at]
  if (Array.isArray(doc)) return doc.flatMap((x, i) => nulls(x, `${at}/${i}`))
  if (typeof doc === 'object') return Object.entries(doc as Record<string, unknown>).flatMap(([k, v]) => nulls(v, `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`))
  return []
}

const NAMES = ['llm-eval', 'multiclass', 'tabular-binary', 'tabular-regression']

describe('vouch init templates', () => {
  it('are the four domains, each with a purpose, and tabular still names the binary one', async () => {
    expect(all.map((t) => t.name)).toEqual(NAMES)
    for (const t of all) expect(t.purpose.length).toBeGreaterThan(60)
    expect((await loadTemplate('tabular')).template.name).toBe('tabular-binary')
    await expect(loadTemplate('audio')).rejects.toMatchObject({ name: 'TemplateError', code: 'unknown-template' })
  })

  for (const name of NAMES) {
    describe(name, () => {
      let t: PackTemplate
      let files: readonly string[] = []
      let dir = ''
      beforeAll(async () => {
        dir = join(tmp, name)
        const r = await initPack(dir, name)
        t = r.template
        files = r.written
      })
      const read = async (p: string): Promise<unknown> => JSON.parse(await readFile(join(dir, ...p.split('/')), 'utf8')) as unknown

      it('lists exactly the nulls of its skeleton as blanks, each with a hint, and an example unless it is a figure', async () => {
        const found: string[] = []
        for (const f of files.filter((p) => p.endsWith('.json'))) for (const p of nulls(await read(f))) found.push(`${f}${p}`)
        expect(found.sort()).toEqual(t.blanks.map((b) => `${b.path}${b.pointer}`).sort())
        for (const b of t.blanks) expect(b.claim === true || b.example !== undefined, `${b.path}${b.pointer}`).toBe(true)
      })

      it('declares the predictions its descriptor names, and its slices read only those columns', async () => {
        const desc = parsePredictionsDoc(new TextEncoder().encode(JSON.stringify(await read('data/evaluation/predictions.json'))))
        expect(desc.findings).toEqual([])
        expect(desc.doc?.files.map((f) => [f.path, f.dataset, f.split, f.task])).toEqual(t.predictions.map((p) => [p.path, p.dataset, p.split, t.task]))
        for (const [i, f] of (desc.doc?.files ?? []).entries()) {
          const cols = new Set(t.predictions[i]?.columns.map((c) => c.name))
          for (const c of Object.values(f.columns)) expect(cols.has(c), c).toBe(true)
        }
        const first = new Set(t.predictions[0]?.columns.map((c) => c.name))
        for (const s of ((await read('data/evaluation/slices.json')) as SlicesDoc).slices) for (const c of columnUses(parseSlice(s.definition)).keys()) expect(first.has(c), `${s.id}: ${c}`).toBe(true)
      })

      it('reports metrics of the registry, defined for its task', async () => {
        for (const m of ((await read('data/evaluation/metrics.json')) as MetricsDoc).metrics) {
          const def = metricDef(m.compute?.metric ?? m.id)
          expect(def, m.id).toBeDefined()
          expect(def?.tasks, m.id).toContain(t.task)
        }
      })

      it('adds domain items to the sign-off checklist', () => {
        expect(t.checklist.length).toBeGreaterThanOrEqual(3)
        for (const c of t.checklist) {
          expect(c.id).toMatch(CHECKLIST_ID)
          expect(DEFAULT_CHECKLIST.map((d) => d.id)).not.toContain(c.id)
        }
      })

      it('once filled in, builds and verifies with every claim recomputed from its predictions', async () => {
        const r = await fillTemplate(dir, t)
        expect(r.findings.filter((f) => f.severity !== 'info')).toEqual([])
        expect(r.status).toBe('verified')
        expect(r.reproducibility?.status).toBe('reproduced')
        const s = r.reproducibility!.summary
        for (const part of [s.headline, s.slices, s.sampleSizes, s.intervals]) expect([part.notReproduced, part.notRecomputable]).toEqual([0, 0])
        expect(s.headline.reproduced).toBe(((await read('data/evaluation/metrics.json')) as MetricsDoc).metrics.length)
        expect(r.coverage?.required).toBeGreaterThan(0)
        expect(r.coverage?.covered).toBe(r.coverage?.required)
      }, 30_000)
    })
  }
})

describe('the template a pack follows (the app offers its sign-off items)', () => {
  it('each template has its own domain and task, so a pack matches at most one', () => {
    const pairs = all.map((t) => `${t.domain}/${t.task}`)
    expect(new Set(pairs).size).toBe(all.length)
  })

  it('is found from the pack domain and a task its predictions declare, never without predictions', () => {
    for (const t of all) expect(templateForPack(all, t.domain, [t.task])?.name).toBe(t.name)
    expect(templateForPack(all, 'nlp', ['items'])?.checklist.map((c) => c.id)).toContain('pii-leakage-measured')
    expect(templateForPack(all, 'tabular', [])).toBeUndefined()
    expect(templateForPack(all, undefined, ['binary'])).toBeUndefined()
    expect(templateForPack(all, 'vision', ['binary'])).toBeUndefined()
  })
})
