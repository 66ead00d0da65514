/**
 * The recompute section: `vouch verify` on a pack shipping 1,000,000 prediction rows whose
 * metrics.json and slices.json claim 8 metrics on the whole set and on 30 slices, side by side
 * with what an analyst would run to re-check the same claims from the same CSV: a pandas +
 * scikit-learn script (recompute_reference.py, Debian's /usr/bin/python3). Runs alternate
 * (vouch, python, vouch, ...) so machine noise hits both; medians and their ratio are reported.
 * The pack is generated once (seeded) and cached in the bench folder.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { buildPack } from '../../src/core/build/build'
import { exampleEvidence, exampleEvidenceFiles } from '../../src/core/build/examples'
import { rng } from '../../src/core/diff/test-builders'
import { measure, type Measured } from './measure'
import type { BenchContext, BenchSection, Row, Target } from './types'

export const ROWS = 1_000_000
const CUTOFF = 0.06
const PYTHON = '/usr/bin/python3'
const TARGET_RATIO = 1.0
const TARGET_RSS_MB = 300
const METRICS: readonly [string, Record<string, number>?][] = [['auc'], ['gini'], ['ks'], ['brier'], ['log_loss'], ['ece'], ['approval_rate', { cutoff: CUTOFF }], ['bad_rate_approved', { cutoff: CUTOFF }]]

/** 30 slices over the columns a credit model's validation report cuts by. */
const SLICES: readonly string[] = [
  'age < 25', 'age >= 25 AND age < 40', 'age >= 40 AND age < 60', 'age >= 60', 'age < 25 AND tradelines < 3',
  'tradelines < 3', 'tradelines > 8', "income_band = 'low'", "income_band = 'mid'", "income_band = 'high'",
  "employment = 'employed'", "employment = 'self-employed'", "employment = 'retired'", "employment = 'student'",
  "channel = 'online'", "channel = 'branch'", "channel = 'broker'", "channel = 'telesales'", "product = 'personal-loan'", "product = 'credit-card'",
  "region = 'north'", "region = 'midlands'", "region = 'south-east'", "region = 'south-west'", "region = 'scotland'", "region = 'wales'",
  'months_at_address < 6', "age < 25 AND channel = 'broker'", "income_band = 'low' AND product = 'credit-card'", "region IN ('scotland', 'wales') AND age >= 60"
]

function predictionsCsv(): string {
  const r = rng(20261130)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T
  const parts: string[] = ['application_id,age,tradelines,income_band,employment,channel,product,region,months_at_address,pd,default_12m\n']
  for (let i = 0; i < ROWS; i++) {
    const age = 18 + Math.floor(r() * r() * 66)
    const risk = r()
    const pd = Math.min(0.999, Math.max(0.0005, 0.002 + 0.18 * risk * risk * risk + 0.03 * r()))
    const y = r() < pd * 1.05 ? 1 : 0
    parts.push(`A${1_000_000 + i},${age},${Math.floor(r() * 12)},${pick(['low', 'mid', 'mid', 'high'])},${pick(['employed', 'employed', 'employed', 'self-employed', 'retired', 'student'])},${pick(['online', 'online', 'branch', 'broker', 'telesales'])},${pick(['personal-loan', 'credit-card'])},${pick(['north', 'midlands', 'south-east', 'south-east', 'south-west', 'scotland', 'wales'])},${Math.floor(r() * 120)},${pd.toFixed(6)},${y}\n`)
  }
  return parts.join('')
}

const round4 = (x: number): number => Number(x.toFixed(4))

export interface BenchPack {
  readonly folder: string
  readonly csv: string
  readonly slicesJson: string
}

export async function ensurePack(ctx: BenchContext): Promise<BenchPack> {
  const folder = join(ctx.dir, `recompute-${ROWS}`)
  const csv = join(folder, 'data', 'evaluation', 'predictions.csv')
  const slicesJson = join(folder, 'data', 'evaluation', 'slices.json')
  const marker = `${folder}.done`
  if (existsSync(marker) && existsSync(folder)) return { folder, csv, slicesJson }
  await rm(folder, { recursive: true, force: true })
  ctx.log(`generating ${ROWS.toLocaleString('en')} prediction rows and their claims (once, cached in the bench folder)…`)
  const ev = structuredClone(exampleEvidence('tabular')) as unknown as Record<string, Record<string, unknown>>
  const dataset = 'applications-2024'
  const files = exampleEvidenceFiles(ev as never)
  for (const [p, text] of files) {
    await mkdir(join(folder, ...p.split('/').slice(0, -1)), { recursive: true })
    await writeFile(join(folder, ...p.split('/')), text)
  }
  await writeFile(csv, predictionsCsv())
  const slices = SLICES.map((definition, i) => ({ id: `slice-${String(i + 1).padStart(2, '0')}`, definition, sampleSize: 0, critical: i < 4, metrics: {} as Record<string, number> }))
  await writeFile(slicesJson, JSON.stringify({ schema: 'vouch.slices/v1', slices }, null, 2))
  // The claims are what the reference computes (untimed): the timed runs then check them.
  const ref = JSON.parse(execFileSync(PYTHON, [join(ctx.root, 'scripts', 'bench', 'recompute_reference.py'), csv, slicesJson, String(CUTOFF)], { encoding: 'utf8', maxBuffer: 1 << 26 })) as Record<string, Record<string, number>>
  const all = ref.all as Record<string, number>
  const metrics = METRICS.map(([id, params]) => ({ id, value: round4(all[id] as number), better: 'none', dataset, split: 'test', sampleSize: ROWS, ...(params ? { compute: { params } } : {}) }))
  for (const s of slices) {
    const r = ref[s.id] as Record<string, number>
    s.sampleSize = r.n as number
    for (const [id] of METRICS) s.metrics[id] = round4(r[id] as number)
  }
  const put = (p: string, doc: unknown): Promise<void> => writeFile(join(folder, ...p.split('/')), `${JSON.stringify(doc, null, 2)}\n`)
  await put('data/evaluation/metrics.json', { schema: 'vouch.metrics/v1', metrics })
  await put('data/evaluation/slices.json', { schema: 'vouch.slices/v1', slices })
  await put('data/evaluation/failures.json', { schema: 'vouch.failures/v1', failures: [] })
  const plan = JSON.parse(await readFile(join(folder, 'data', 'monitoring', 'plan.json'), 'utf8')) as { signals: { slice?: string }[] }
  await put('data/monitoring/plan.json', { ...plan, signals: plan.signals.filter((s) => s.slice === undefined) })
  await put('data/evaluation/predictions.json', {
    schema: 'vouch.predictions/v1',
    files: [{ path: 'data/evaluation/predictions.csv', format: 'csv', dataset, split: 'test', task: 'binary', columns: { label: 'default_12m', score: 'pd', rowId: 'application_id' }, positive: '1' }]
  })
  const built = await buildPack(folder)
  if (!built.ok) throw new Error(`buildPack failed on the recompute bench pack: ${built.findings.map((f) => f.message).join('; ')}`)
  await writeFile(marker, 'ok\n')
  return { folder, csv, slicesJson }
}

function median(ms: readonly Measured[]): Measured {
  return [...ms].sort((a, b) => a.wallMs - b.wallMs)[Math.floor((ms.length - 1) / 2)] as Measured
}

const mb = (x: number | undefined): string => (x === undefined ? '?' : `${x.toFixed(0)} MB`)

export const recomputeSection: BenchSection = {
  id: 'recompute',
  title: `Recompute claims from ${ROWS.toLocaleString('en')} predictions (30 slices x 8 metrics): vouch verify vs pandas + scikit-learn`,
  run: async (ctx) => {
    if (!existsSync(PYTHON)) return { rows: [], targets: [], notes: [`skipped: ${PYTHON} (with python3-sklearn, python3-pandas) is not installed`] }
    const pack = await ensurePack(ctx)
    const runs = Math.max(3, ctx.args.runs)
    ctx.log(`timing ${runs} alternating runs each…`)
    const v: Measured[] = []
    const py: Measured[] = []
    for (let i = 0; i < runs; i++) {
      const a = await measure(process.execPath, [ctx.cli, 'verify', pack.folder, '--json'])
      // verify --json v2 (docs/cli.md): the one assessment, whose reproducibility section says whether every claim reproduced.
      const j = JSON.parse(a.stdout) as { status: string; assessment?: { integrity?: { findings?: { code: string }[] }; reproducibility?: { status: string } | null } }
      const findings = j.assessment?.integrity?.findings ?? []
      if (a.exitCode !== 0 || j.status !== 'verified' || j.assessment?.reproducibility?.status !== 'reproduced') {
        throw new Error(`vouch verify did not reproduce the bench pack (exit ${a.exitCode}, ${j.status}, ${j.assessment?.reproducibility?.status ?? 'no reproducibility'}): ${a.stderr || JSON.stringify(findings.slice(0, 5))}`)
      }
      v.push(a)
      const b = await measure(PYTHON, [join(ctx.root, 'scripts', 'bench', 'recompute_reference.py'), pack.csv, pack.slicesJson, String(CUTOFF)], { stdoutToNull: true })
      if (b.exitCode !== 0) throw new Error(`the reference script failed: ${b.stderr}`)
      py.push(b)
    }
    const mv = median(v)
    const mp = median(py)
    const peak = Math.max(...v.map((m) => m.peakRssMb ?? 0))
    const ratio = mv.wallMs / mp.wallMs
    const rows: Row[] = [
      { label: 'vouch verify <pack> (hash + recompute 248 claims)', wallMs: mv.wallMs, cpuMs: mv.cpuMs, peakRssMb: peak || undefined, ratio: `${ratio.toFixed(2)}x python` },
      { label: 'python3 recompute_reference.py (pandas + scikit-learn)', wallMs: mp.wallMs, cpuMs: mp.cpuMs, peakRssMb: Math.max(...py.map((m) => m.peakRssMb ?? 0)) || undefined, ratio: '1.00x' }
    ]
    const targets: Target[] = [
      { name: `recompute wall <= ${TARGET_RATIO.toFixed(1)}x the pandas + scikit-learn script`, pass: ratio <= TARGET_RATIO, detail: `${ratio.toFixed(2)}x` },
      { name: `peak RSS < ${TARGET_RSS_MB} MB (vouch verify, 1M predictions)`, pass: peak > 0 && peak < TARGET_RSS_MB, detail: mb(peak || undefined) }
    ]
    return {
      rows,
      targets,
      notes: [
        `pack: ${pack.folder} (${ROWS.toLocaleString('en')} rows, ${SLICES.length} slices, ${METRICS.length} metrics; claims written from the reference's values, so a verified pack means both agree)`,
        `medians of ${runs} alternating runs; per-run walls vouch [${v.map((m) => Math.round(m.wallMs)).join(', ')}] ms, python [${py.map((m) => Math.round(m.wallMs)).join(', ')}] ms`
      ]
    }
  }
}
