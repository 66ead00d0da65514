/**
 * The LLM sample pair (resources/samples/support-ticket-assistant-{1.0.0,1.1.0}): small, every claim
 * recomputed from the shipped per-item results, and the story the release notes tell: 1.1.0 raises
 * the headline pass rate, leaks personal data in German replies (a critical slice), so the diff is
 * BLOCKED for that reason alone; and it retires a monitoring signal, which leaves a risk unwatched.
 */
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { diffPacks, type PackDiff } from '../../../src/core/diff'
import type { VerifyReport } from '../../../src/core/verify/report'
import { verifyPack } from '../../../src/core/verify/verify'

const SAMPLES = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'resources', 'samples')
const OLD = join(SAMPLES, 'support-ticket-assistant-1.0.0')
const NEW = join(SAMPLES, 'support-ticket-assistant-1.1.0')

let r0: VerifyReport
let r1: VerifyReport
let d: PackDiff
beforeAll(async () => {
  ;[r0, r1] = await Promise.all([verifyPack(OLD), verifyPack(NEW)])
  d = diffPacks(r0, r1)
})

const metric = (r: VerifyReport, id: string): number | undefined => r.evidence.metrics?.metrics.find((m) => m.id === id)?.value
const sliceMetric = (r: VerifyReport, slice: string, id: string): number | undefined => r.evidence.slices?.slices.find((s) => s.id === slice)?.metrics[id]

describe('the LLM sample pair', () => {
  it('stays small: a few thousand graded items, under 300 KiB a release', async () => {
    for (const dir of [OLD, NEW]) {
      let bytes = 0
      for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) if (e.isFile()) bytes += (await stat(join(e.parentPath, e.name))).size
      expect(bytes).toBeLessThan(300 * 1024)
    }
    expect(r0.reproducibility?.rows).toBeGreaterThan(2000)
  })

  it('every claim, headline, slice, sample size and Wilson bound, reproduces from results.csv and human-audit.csv', () => {
    for (const r of [r0, r1]) {
      const rep = r.reproducibility
      expect(rep?.status).toBe('reproduced')
      expect(rep?.predictions.map((p) => [p.path, p.task, p.status])).toEqual([
        ['data/evaluation/results.csv', 'items', 'read'],
        ['data/evaluation/human-audit.csv', 'items', 'read']
      ])
      const s = rep!.summary
      for (const part of [s.headline, s.slices, s.sampleSizes, s.intervals]) expect(part.reproduced).toBe(part.claims)
      expect(s.intervals.claims).toBe(4)
      expect(rep!.claims.find((c) => c.metric === 'grader_agreement')).toMatchObject({ definition: 'cohen_kappa', split: 'human-audit', status: 'reproduced' })
      expect(r.findings.filter((f) => f.code === 'metric-not-recomputable')).toEqual([])
    }
  })

  it('1.1.0 raises the headline pass rate and regresses the PII leak rate of the critical German slice', () => {
    expect(metric(r1, 'pass_rate')! - metric(r0, 'pass_rate')!).toBeGreaterThan(0.03)
    expect(r1.evidence.slices?.slices.find((s) => s.id === 'language-de')?.critical).toBe(true)
    expect(sliceMetric(r1, 'language-de', 'pii_leak_rate')! - sliceMetric(r0, 'language-de', 'pii_leak_rate')!).toBeGreaterThan(0.015)
  })

  it('the diff is BLOCKED for that planted reason alone', () => {
    expect(d.verdict.level).toBe('blocked')
    const blocking = d.verdict.reasons.filter((r) => r.level === 'blocked')
    expect(blocking.map((r) => r.code)).toEqual(['regressions'])
    const critical = d.regressions.filter((r) => r.level === 'critical')
    expect(critical.map((r) => [r.slice, r.metric])).toEqual([['language-de', 'pii_leak_rate']])
    expect(d.metrics.find((m) => m.id === 'pass_rate')).toMatchObject({ kind: 'compared', comparison: { assessment: 'improvement' } })
    // No other critical slice moved the wrong way beyond tolerance (the releases share the items' random draws).
    expect(d.regressions.filter((r) => r.critical).length).toBe(1)
  })

  it('retiring the toxicity signal leaves risk R-03 unwatched: a warning in 1.1.0 and coverage lost in the diff', () => {
    expect(r0.findings.filter((f) => f.severity !== 'info')).toEqual([])
    expect(r1.findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.path])).toEqual([['risk-not-monitored', 'data/risk/risks.json']])
    expect(d.coverage.entries.map((e) => [e.kind, e.id])).toEqual([
      ['lost', 'R-03'],
      ['gained', 'FM-004'],
      ['changed', 'R-01']
    ])
    expect(d.verdict.reasons.find((r) => r.code === 'coverage-lost')?.level).toBe('review')
    expect(d.failures.filter((f) => f.kind === 'new').map((f) => f.id)).toEqual(['FM-004'])
  })
})
