import { describe, expect, it } from 'vitest'
import { failure, report, slice, thr, type ReportSpec } from '../../core/diff/test-builders'
import { PackReadError } from '../../core/io/reader'
import { headlineClaim, reproducibility, sliceClaim } from '../../core/recompute/testing/reproducibility'
import type { VerifyReport } from '../../core/verify/report'
import { EXIT, type CliIO } from '../command'
import { runCli } from '../main'
import { makeDiffCommand } from './diff'

function io(opts: { isTTY?: boolean; env?: Record<string, string> } = {}) {
  const out: string[] = []
  const err: string[] = []
  const cli: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), isTTY: opts.isTTY ?? false, env: opts.env ?? {}, cwd: '/packs' }
  return { cli, out: () => out.join(''), err: () => err.join('') }
}

const metrics = [thr('auc', '0.81', '>=', '0.75'), thr('recall', '0.80', '>=', '0.70')]
const base: ReportSpec = {
  metrics,
  slices: [slice('young', { recall: 0.78 }, { critical: true }), slice('mid', { recall: 0.8 })],
  failures: [failure('F1', 'Thin-file applicants')]
}

/** A verifier over in-memory reports keyed by the pack's file name. */
function packs(map: Record<string, VerifyReport | Error>) {
  return makeDiffCommand(async (loc) => {
    const name = loc.split('/').pop() as string
    const r = map[name]
    if (r === undefined) throw new PackReadError('not-found', loc, 'no such file or directory')
    if (r instanceof Error) throw r
    return r
  })
}

const same = report(base)
const minor = report({ ...base, slices: [slice('young', { recall: 0.78 }, { critical: true }), slice('mid', { recall: 0.75 })] })
const critical = report({ ...base, version: '1.1.0', previousVersion: '1.0.0', slices: [slice('young', { recall: 0.7 }, { critical: true }), slice('mid', { recall: 0.8 })], failures: [failure('F1', 'Thin-file applicants'), failure('F2', 'Self-employed under-approval', { severity: 'high' })] })
const broken = report({ ...base, over: { ok: false, status: 'failed', findings: [{ code: 'hash-mismatch', severity: 'error', path: 'data/evaluation/slices.json', message: 'SHA-256 differs from the manifest' }] } })
const cmd = packs({ a: same, b: same, minor, critical, broken, incomplete: report({ ...base, over: { ok: false, status: 'incomplete' } }) })

describe('vouch diff', () => {
  it('identical packs: exit 0 and an acceptable verdict', async () => {
    const t = io()
    expect(await cmd(['a', 'b'], t.cli)).toBe(EXIT.ok)
    expect(t.out()).toContain('ACCEPTABLE  no material changes')
    expect(t.out()).not.toContain('\u001b[')
  })

  it('--fail-on decides the exit code for regressions', async () => {
    expect(await cmd(['a', 'minor'], io().cli)).toBe(EXIT.failed) // default: regression
    expect(await cmd(['a', 'minor', '--fail-on', 'critical'], io().cli)).toBe(EXIT.ok)
    expect(await cmd(['a', 'minor', '--fail-on', 'never'], io().cli)).toBe(EXIT.ok)
    expect(await cmd(['a', 'critical', '--fail-on', 'critical'], io().cli)).toBe(EXIT.failed)
    expect(await cmd(['a', 'minor', '--abs-tol', '0.1'], io().cli)).toBe(EXIT.ok)
  })

  it('terminal report: verdict, regressions first, failure modes', async () => {
    const t = io()
    await cmd(['a', 'critical'], t.cli)
    const o = t.out()
    expect(o).toMatch(/^vouch diff {2}credit 1\.0\.0 → credit 1\.1\.0\nBLOCKED {2}1 regression \(1 in a critical slice\), 1 new failure mode\n/)
    expect(o.indexOf('Regressions (1)')).toBeLessThan(o.indexOf('Headline metrics'))
    expect(o).toContain('CRITICAL young · recall  0.78 → 0.7  -0.08 (-10.3%)')
    expect(o).toContain('NEW        F2  Self-employed under-approval (high, open)')
  })

  it('colour only on a TTY without NO_COLOR; pack text cannot drive the terminal', async () => {
    const evil = report({ ...base, slices: [slice('young', { recall: 0.78 }, { critical: true }), slice('x\u001b[2Jy', { recall: 0.5 })] })
    const c = packs({ a: same, evil })
    const tty = io({ isTTY: true })
    await c(['a', 'evil'], tty.cli)
    expect(tty.out()).toContain('\u001b[1m')
    expect(tty.out()).not.toContain('\u001b[2J')
    expect(tty.out()).toContain('x\\x1b[2Jy')
    const noColor = io({ isTTY: true, env: { NO_COLOR: '1' } })
    await c(['a', 'evil'], noColor.cli)
    expect(noColor.out()).not.toContain('\u001b[')
  })

  it('--json prints the documented diff plus the gate', async () => {
    const t = io()
    expect(await cmd(['a', 'critical', '--json', '--fail-on', 'critical'], t.cli)).toBe(EXIT.failed)
    const j = JSON.parse(t.out())
    expect(j.schema).toBe('vouch.diff/v1')
    expect(j.verdict.level).toBe('blocked')
    expect(j.gate).toEqual({ failOn: 'critical', holds: true })
    expect(j.regressions[0]).toMatchObject({ scope: 'slice', slice: 'young', metric: 'recall', level: 'critical' })
    expect(j.failures[0]).toMatchObject({ kind: 'new', id: 'F2' })
    expect(Object.keys(j).slice(0, 6)).toEqual(['schema', 'old', 'new', 'consecutive', 'verification', 'verdict'])
  })

  it('--markdown prints PR-comment tables with escaped cells', async () => {
    const odd = report({ ...base, slices: [slice('young', { recall: 0.78 }, { critical: true }), slice('a|b<img src=x>', { recall: 0.8 })] })
    const t = io()
    await packs({ a: same, odd, critical })(['a', 'critical', '--markdown'], t.cli)
    const md = t.out()
    expect(md).toContain('## Vouch diff: credit 1.0.0 → credit 1.1.0')
    expect(md).toContain('Verdict: **BLOCKED**: 1 regression (1 in a critical slice), 1 new failure mode')
    expect(md).toContain('| Level | Slice | Metric | Old | New | Δ | Δ% | Threshold | Notes |')
    expect(md).toContain('| critical | young | recall | 0.78 | 0.7 | -0.08 | -10.3% | pass | critical slice |')
    expect(md).toContain('| **new** | F2 | Self-employed under-approval | high | open |')
    const t2 = io()
    await packs({ a: same, odd })(['a', 'odd', '--markdown'], t2.cli)
    expect(t2.out()).toContain('a\\|b&lt;img src=x&gt;')
    expect(t2.out()).not.toContain('<img')
  })

  it('a pack that failed verification exits 1 even with --fail-on never, and is shown', async () => {
    const t = io()
    expect(await cmd(['a', 'broken', '--fail-on', 'never'], t.cli)).toBe(EXIT.failed)
    expect(t.out()).toContain('BLOCKED  new pack failed verification (1 error)')
    expect(t.out()).toContain('error hash-mismatch data/evaluation/slices.json: SHA-256 differs from the manifest')
    const md = io()
    await cmd(['a', 'broken', '--markdown'], md.cli)
    expect(md.out()).toContain('### Verification errors (new pack)')
  })

  it('a claim that does not reproduce: blocked, listed with claimed and recomputed (escaped) in text, Markdown and --json', async () => {
    const claims = [headlineClaim('auc', '0.81'), sliceClaim('young\u202e', 'recall', '0.78', { status: 'not-reproduced', recomputed: 0.7, tolerance: 0.0050001 })]
    const forged = report({ ...base, over: { ok: false, status: 'failed', findings: [{ code: 'metric-not-reproduced', severity: 'error', path: 'data/evaluation/slices.json', message: 'recall' }], reproducibility: reproducibility(claims) } })
    const c = packs({ a: report({ ...base, over: { reproducibility: reproducibility([headlineClaim('auc', '0.81')]) } }), forged })
    const t = io()
    expect(await c(['a', 'forged', '--fail-on', 'never'], t.cli)).toBe(EXIT.failed)
    expect(t.out()).toMatch(/^BLOCKED {2}new pack failed verification \(1 error\), 1 claim does not reproduce in the new release \(recall on slice young\\u202e\)/m)
    expect(t.out()).toContain('  old  reproduced  1 of 1 headline metrics and 0 of 0 slice metrics reproduced from 30,000 predictions')
    expect(t.out()).toContain('✕ recall on slice young\\u202e: claimed 0.78, recomputed 0.7 (tolerance ±0.005)')
    expect(t.out()).not.toContain('\u202e')
    const md = io()
    await c(['a', 'forged', '--markdown'], md.cli)
    expect(md.out()).toContain('### Claims not reproduced (new release)')
    expect(md.out()).toContain('| recall on slice young\\u202e | 0.78 | 0.7 | ±0.005 | outside the tolerance |')
    const j = io()
    await c(['a', 'forged', '--json'], j.cli)
    const d = JSON.parse(j.out())
    expect(d.reproducibility.new).toMatchObject({ status: 'not-reproduced', notReproduced: [{ metric: 'recall', slice: 'young\u202e', claimed: '0.78', recomputed: 0.7 }] })
    expect(d.verdict.reasons).toContainEqual(expect.objectContaining({ code: 'claims-not-reproduced', level: 'blocked' }))
  })

  it('exit 3 when a pack cannot be read, naming both when both fail', async () => {
    const t = io()
    expect(await cmd(['missing-1', 'missing-2', '--json'], t.cli)).toBe(EXIT.unreadable)
    expect(t.err()).toContain('cannot read the old pack /packs/missing-1')
    expect(t.err()).toContain('cannot read the new pack /packs/missing-2')
    expect(JSON.parse(t.out())).toMatchObject({ ok: false, error: [{ side: 'old', code: 'not-found' }, { side: 'new' }] })
    expect(await cmd(['a', 'incomplete'], io().cli)).toBe(EXIT.unreadable)
  })

  it('usage errors exit 2 through the CLI entry point', async () => {
    for (const argv of [['diff', 'a'], ['diff', 'a', 'b', '--json', '--markdown'], ['diff', 'a', 'b', '--fail-on', 'sometimes'], ['diff', 'a', 'b', '--abs-tol', '-1'], ['diff', 'a', 'b', '--rel-tol', 'lots']]) {
      const t = io()
      expect(await runCli(argv, t.cli)).toBe(EXIT.usage)
      expect(t.err()).toMatch(/^vouch diff: .+\nRun 'vouch diff --help' for usage\.\n$/)
    }
    const h = io()
    expect(await runCli(['diff', '--help'], h.cli)).toBe(EXIT.ok)
    expect(h.out()).toContain('usage: vouch diff <old> <new>')
  })
})
