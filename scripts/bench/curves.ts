/**
 * The curves section (docs/curves.md): the charts of a pack shipping 1,000,000 predictions (the
 * recompute section's pack: population and 4 critical slices), side by side with the pandas +
 * scikit-learn + numpy script an analyst would run for the same pictures (curves_reference.py), and
 * the number of points handed to the renderer against the 30,000-row sample: the drawing rule keeps
 * a 1M-row pack as light to draw as the sample. Vouch is timed in process (read the predictions back,
 * compute the point lists, build the drawing model); runs alternate with the script.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { curveSet } from '../../src/core/curves/curve-set'
import { loadCurveSource } from '../../src/core/curves/load-node'
import { plotsOf } from '../../src/core/curves/plots'
import type { Plot } from '../../src/core/curves/plot-types'
import { verifyPack } from '../../src/core/verify/verify'
import type { VerifyReport } from '../../src/core/verify/report'
import { measure, timeIt, type Measured } from './measure'
import { ensurePack, ROWS } from './recompute'
import type { BenchContext, BenchSection, Row, Target } from './types'

const PYTHON = '/usr/bin/python3'
const TARGET_RATIO = 1.0
/** The 1M-row pack may hand the renderer at most this many times the sample's points. */
const TARGET_POINTS_RATIO = 1.5

const drawnPoints = (plots: readonly Plot[]): number => plots.reduce((n, p) => n + (p.kind === 'xy' ? p.series.reduce((m, s) => m + s.points.length, 0) : 0), 0)

/** Read back, compute the population and every critical slice, build the drawing model; returns the points drawn. */
async function charts(report: VerifyReport): Promise<number> {
  const loaded = await loadCurveSource(report)
  if (loaded.kind !== 'source') throw new Error(`no curves: ${loaded.reason}`)
  const src = loaded.source
  let points = 0
  for (const slice of [null, ...src.sliceOptions().filter((s) => s.critical).map((s) => s.id)]) points += drawnPoints(plotsOf({ new: curveSet(src, slice)! }))
  return points
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number

export const curvesSection: BenchSection = {
  id: 'curves',
  title: `Curves of ${ROWS.toLocaleString('en')} predictions (population + 4 critical slices): vouch core vs pandas + scikit-learn; points drawn vs the 30,000-row sample`,
  run: async (ctx: BenchContext) => {
    if (!existsSync(PYTHON)) return { rows: [], targets: [], notes: [`skipped: ${PYTHON} (with python3-sklearn, python3-pandas) is not installed`] }
    const pack = await ensurePack(ctx)
    const big = await verifyPack(pack.folder)
    const sample = await verifyPack(join(ctx.root, 'resources', 'samples', 'credit-default-1.1.0'))
    const runs = Math.max(3, ctx.args.runs)
    ctx.log(`timing ${runs} alternating runs each…`)
    const v: number[] = []
    const py: Measured[] = []
    let bigPoints = 0
    for (let i = 0; i < runs; i++) {
      const t = await timeIt(() => charts(big))
      v.push(t.wallMs)
      bigPoints = t.value
      const b = await measure(PYTHON, [join(ctx.root, 'scripts', 'bench', 'curves_reference.py'), pack.csv, pack.slicesJson], { stdoutToNull: true })
      if (b.exitCode !== 0) throw new Error(`the reference script failed: ${b.stderr}`)
      py.push(b)
    }
    const s = await timeIt(() => charts(sample))
    const ref = JSON.parse(execFileSync(PYTHON, [join(ctx.root, 'scripts', 'bench', 'curves_reference.py'), pack.csv, pack.slicesJson], { encoding: 'utf8', maxBuffer: 1 << 24 })) as Record<string, { roc_points: number }>
    const exact = Object.values(ref).reduce((n, r) => n + r.roc_points, 0)
    const mv = median(v)
    const mp = median(py.map((m) => m.wallMs))
    const ratio = mv / mp
    const pointsRatio = bigPoints / s.value
    const rows: Row[] = [
      { label: 'vouch core: read back + curves + drawing model (1M rows)', wallMs: mv, ratio: `${ratio.toFixed(2)}x python`, detail: `${bigPoints.toLocaleString('en')} points drawn` },
      { label: 'python3 curves_reference.py (pandas + scikit-learn + numpy)', wallMs: mp, ratio: '1.00x', detail: `${exact.toLocaleString('en')} exact ROC points` },
      { label: 'vouch core on the sample credit-default-1.1.0 (30,000 rows)', wallMs: s.wallMs, detail: `${s.value.toLocaleString('en')} points drawn` }
    ]
    const targets: Target[] = [
      { name: `curves wall <= ${TARGET_RATIO.toFixed(1)}x the pandas + scikit-learn script`, pass: ratio <= TARGET_RATIO, detail: `${ratio.toFixed(2)}x` },
      { name: `points drawn for 1M rows <= ${TARGET_POINTS_RATIO}x the sample's`, pass: pointsRatio <= TARGET_POINTS_RATIO, detail: `${pointsRatio.toFixed(2)}x (${bigPoints} vs ${s.value})` }
    ]
    return {
      rows,
      targets,
      notes: [`medians of ${runs} alternating runs; per-run walls vouch [${v.map(Math.round).join(', ')}] ms, python [${py.map((m) => Math.round(m.wallMs)).join(', ')}] ms`]
    }
  }
}
