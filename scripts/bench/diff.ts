/**
 * Diff benchmark: two releases of 5,000 slices x 10 metrics (plus 10 headline metrics with
 * thresholds), diffed several times; prints the median and the worst run. Target: well under 1 s.
 * Run alone: `npx tsx scripts/bench/diff.ts`; scripts/bench.ts calls benchDiff().
 */
import { performance } from 'node:perf_hooks'
import { diffPacks } from '../../src/core/diff'
import { metric, report, rng, slice } from '../../src/core/diff/test-builders'
import type { Metric, Slice } from '../../src/core/format/evidence'
import type { BenchSection } from './types'

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000

export function benchPacks(slices = 5_000, metricsPerSlice = 10): { oldR: ReturnType<typeof report>; newR: ReturnType<typeof report> } {
  const r = rng(42)
  const ids = Array.from({ length: metricsPerSlice }, (_, i) => `m${i}`)
  const metrics: Metric[] = ids.map((id, i) =>
    metric(id, String(round4(0.7 + r() * 0.2)), { threshold: 0.6, thresholdLiteral: '0.6', comparator: '>=', better: i % 3 === 2 ? 'lower' : 'higher' })
  )
  const oldS: Slice[] = []
  const newS: Slice[] = []
  for (let s = 0; s < slices; s++) {
    const o: Record<string, number> = {}
    const n: Record<string, number> = {}
    for (const id of ids) {
      const v = round4(0.55 + r() * 0.4)
      o[id] = v
      // Most values move a little, some a lot; a few stay put.
      n[id] = r() < 0.1 ? v : round4(v + (r() - 0.5) * 0.04)
    }
    const critical = s % 50 === 0
    oldS.push(slice(`slice-${s}`, o, { sampleSize: 50 + Math.floor(r() * 5_000), critical, definition: `bucket = ${s}` }))
    // 1% renamed, 0.5% vanished, 0.5% new.
    if (s % 200 === 1) continue
    const id = s % 100 === 3 ? `renamed-${s}` : `slice-${s}`
    newS.push(slice(id, n, { sampleSize: 50 + Math.floor(r() * 5_000), critical, definition: `bucket = ${s}` }))
    if (s % 200 === 7) newS.push(slice(`fresh-${s}`, n, { definition: `fresh = ${s}` }))
  }
  return {
    oldR: report({ version: '1.0.0', metrics, slices: oldS }),
    newR: report({ version: '1.1.0', previousVersion: '1.0.0', metrics, slices: newS })
  }
}

export interface DiffBenchResult {
  readonly runs: number
  readonly medianMs: number
  readonly worstMs: number
  /** CPU time (user + system) per diff: less sensitive than wall time on a busy machine. */
  readonly cpuMsPerDiff: number
  readonly jsonMs: number
  readonly summary: string
}

export function measureDiff(runs = 7): DiffBenchResult {
  const { oldR, newR } = benchPacks()
  diffPacks(oldR, newR) // warm-up (JIT)
  const times: number[] = []
  let last = diffPacks(oldR, newR)
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    last = diffPacks(oldR, newR)
    times.push(performance.now() - t0)
  }
  const cpu = process.cpuUsage(cpu0)
  times.sort((a, b) => a - b)
  const t0 = performance.now()
  JSON.stringify(last)
  const jsonMs = performance.now() - t0
  const c = last.counts
  return {
    runs,
    medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    worstMs: times[times.length - 1] ?? Number.NaN,
    cpuMsPerDiff: (cpu.user + cpu.system) / 1000 / runs,
    jsonMs,
    summary: `${c.regressions} regressions, ${c.slicesRenamed} renamed, ${c.slicesRemoved} vanished, ${c.slicesAdded} new slices; verdict ${last.verdict.level}`
  }
}

/** The bench section (scripts/bench/sections.ts): one row, one target (median wall time < 1 s). */
export const diffSection: BenchSection = {
  id: 'diff',
  title: 'Diff: two releases of 5,000 slices x 10 metrics',
  run: async (ctx) => {
    const r = measureDiff(Math.max(ctx.args.runs, 5))
    return {
      rows: [{ label: 'diffPacks (in process)', wallMs: r.medianMs, cpuMs: r.cpuMsPerDiff, detail: `median of ${r.runs}, worst ${r.worstMs.toFixed(0)} ms; JSON.stringify ${r.jsonMs.toFixed(0)} ms` }],
      targets: [{ name: 'diff 5,000 slices x 10 metrics well under 1 s', pass: r.medianMs < 1000, detail: `median ${r.medianMs.toFixed(0)} ms < 1000 ms` }],
      notes: [r.summary]
    }
  }
}

export async function benchDiff(): Promise<string> {
  const r = measureDiff()
  return [
    'diff: 5,000 slices x 10 metrics (50,000 slice values + 10 headline metrics)',
    `  diffPacks median ${r.medianMs.toFixed(0)} ms, worst ${r.worstMs.toFixed(0)} ms over ${r.runs} runs, CPU ${r.cpuMsPerDiff.toFixed(0)} ms per diff (target < 1000 ms)`,
    `  JSON.stringify of the diff ${r.jsonMs.toFixed(0)} ms; ${r.summary}`
  ].join('\n')
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /bench[\\/]diff\.ts$/.test(process.argv[1])
if (isMain) {
  benchDiff().then(
    (s) => process.stdout.write(`${s}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
      process.exitCode = 1
    }
  )
}
