/**
 * PDF benchmark: an attestation of a 5,000-slice x 10-metric release against its previous
 * release (a diff with hundreds of slice regressions), with four sign-offs. Reports the first
 * (cold) render and the median of warm renders, pages and size. Target: a few seconds.
 * Run alone: `npx tsx scripts/bench/attest.ts`; scripts/bench/sections.ts registers attestSection.
 */
import { performance } from 'node:perf_hooks'
import { attestationInput, renderAttestation } from '../../src/core/attest'
import { loadFonts } from '../../src/core/attest/node-fonts'
import { sampleAssessment } from '../../src/core/attest/testing/sample-input'
import { diffPacks } from '../../src/core/diff'
import { benchPacks } from './diff'
import type { BenchSection } from './types'

export interface AttestBenchResult {
  readonly coldMs: number
  readonly medianMs: number
  readonly runs: number
  readonly pages: number
  readonly bytes: number
  readonly summary: string
}

export async function measureAttest(runs = 3): Promise<AttestBenchResult> {
  const { oldR, newR } = benchPacks()
  const diff = diffPacks(oldR, newR)
  const input = attestationInput({ report: newR, previous: oldR, diff, assessment: sampleAssessment(newR, { blocked: diff.verdict.level === 'blocked' }) })
  const t0 = performance.now()
  const fonts = await loadFonts()
  let bytes = await renderAttestation(input, { vouchVersion: 'bench', fonts })
  const coldMs = performance.now() - t0
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    bytes = await renderAttestation(input, { vouchVersion: 'bench', fonts })
    times.push(performance.now() - t)
  }
  times.sort((a, b) => a - b)
  const pages = (new TextDecoder('latin1').decode(bytes).match(/\/Type \/Page\s/g) ?? []).length
  return {
    coldMs,
    medianMs: times[Math.floor(times.length / 2)] ?? Number.NaN,
    runs,
    pages,
    bytes: bytes.length,
    summary: `${diff.counts.regressions} regressions in the diff (critical ones and the first others listed), ${newR.evidence.slices?.slices.length ?? 0} slices (${(newR.evidence.slices?.slices ?? []).filter((s) => s.critical).length} critical)`
  }
}

export const attestSection: BenchSection = {
  id: 'attest',
  title: 'PDF attestation: 5,000 slices x 10 metrics, against the previous release',
  run: async (ctx) => {
    const r = await measureAttest(Math.max(ctx.args.runs, 3))
    return {
      rows: [
        { label: 'renderAttestation, first (fonts loaded)', wallMs: r.coldMs },
        { label: 'renderAttestation, warm', wallMs: r.medianMs, detail: `median of ${r.runs}; ${r.pages} pages, ${(r.bytes / 1024).toFixed(0)} KiB` }
      ],
      targets: [
        { name: 'PDF of a 5,000-slice release in seconds (warm)', pass: r.medianMs < 5000, detail: `median ${r.medianMs.toFixed(0)} ms < 5000 ms` },
        { name: 'PDF of a 5,000-slice release in seconds (fresh process)', pass: r.coldMs < 10_000, detail: `first render ${r.coldMs.toFixed(0)} ms < 10000 ms` }
      ],
      notes: [r.summary]
    }
  }
}

export async function benchAttest(): Promise<string> {
  const r = await measureAttest()
  return [
    'attest: 5,000 slices x 10 metrics, diff against the previous release, 4 sign-offs',
    `  first render ${r.coldMs.toFixed(0)} ms (fonts loaded), warm median ${r.medianMs.toFixed(0)} ms over ${r.runs} runs (targets: warm < 5000 ms, first < 10000 ms)`,
    `  ${r.pages} pages, ${(r.bytes / 1024).toFixed(0)} KiB; ${r.summary}`
  ].join('\n')
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /bench[\\/]attest\.ts$/.test(process.argv[1])
if (isMain) {
  benchAttest().then(
    (s) => process.stdout.write(`${s}\n`),
    (e: unknown) => {
      process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`)
      process.exitCode = 1
    }
  )
}
