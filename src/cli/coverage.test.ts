/**
 * `vouch verify --require-coverage` and `vouch build` on a pack built to break the coverage rule,
 * through runCli on the real core.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { diffPacks } from '../core/diff'
import { failure, report, risk, signal } from '../core/diff/test-builders'
import { makePack, type TestPack } from '../core/verify/testing/make-pack'
import { formatDiffMarkdown } from './diff-markdown'
import { formatDiffText } from './diff-text'
import { EXIT } from './command'
import { fakeIO } from './fake-io'
import { makeStyle } from './format/style'
import { runCli } from './main'

let pack: TestPack | undefined
afterEach(async () => {
  await pack?.cleanup()
  pack = undefined
})

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO({ cwd: pack?.dir ?? '/' })
  const code = await runCli(argv, io)
  return { code, out: io.stdout(), err: io.stderr() }
}

describe('risk coverage on the command line', () => {
  it('a serious risk no signal watches: a warning by default, NOT COVERED (exit 1) with --require-coverage', async () => {
    pack = await makePack({ evidence: (ev) => void delete ev.risks.risks[0]!.monitoredBy })
    const plain = await run('verify', pack.dir)
    expect(plain.code).toBe(EXIT.ok)
    expect(plain.out).toMatch(/^VERIFIED .*1 warning/)
    expect(plain.out).toContain('coverage      0/1 high or critical risks and open failure modes watched by a signal; not watched: R-001')
    expect(plain.out).toContain('risk-not-monitored')
    const strict = await run('verify', pack.dir, '--require-coverage')
    expect(strict.code).toBe(EXIT.failed)
    expect(strict.out).toMatch(/^NOT COVERED /)
    expect(strict.out).toContain('coverage required: 1 of 1 high or critical risks and open failure modes not watched by any monitoring signal: R-001')
    const json = await run('verify', pack.dir, '--require-coverage', '--json')
    const j = JSON.parse(json.out) as { status: string; exitCode: number; assessment: { coverage: unknown; requirements: { kind: string; met: boolean }[] } }
    expect([j.status, j.exitCode, json.code]).toEqual(['not-covered', 1, EXIT.failed])
    expect(j.assessment.coverage).toEqual({ required: 1, covered: 0, uncovered: [{ kind: 'risk', id: 'R-001', severity: 'high', status: 'mitigated', why: 'it names no monitoring signal (monitoredBy)' }] })
    expect(j.assessment.requirements).toMatchObject([{ kind: 'coverage', met: false }])
  })

  it('a watched pack meets the requirement; build lists the warning without refusing', async () => {
    pack = await makePack()
    const ok = await run('verify', pack.dir, '--require-coverage')
    expect(ok.code).toBe(EXIT.ok)
    expect(ok.out).toContain('required      coverage: met')
    await pack.write('data/risk/risks.json', (await pack.readText('data/risk/risks.json')).replace(/"monitoredBy": \[\s*"MON-001"\s*\]/, '"monitoredBy": []'))
    const b = await run('build', pack.dir)
    expect(b.code).toBe(EXIT.ok)
    expect(b.out).toContain('risk-not-monitored')
  })
})

describe('vouch diff: risk coverage', () => {
  const d = diffPacks(
    report({ risks: [risk('R-03', { severity: 'high', monitoredBy: ['MON-05'] })], failures: [], monitoring: [signal('MON-05')] }),
    report({ risks: [risk('R-03', { severity: 'high', monitoredBy: [] })], failures: [failure('FM-5', 'PII in | German replies', { severity: 'high', monitoredBy: ['MON-07'] })], monitoring: [signal('MON-07')] })
  )

  it('the terminal report lists coverage lost and gained with why', () => {
    const t = formatDiffText(d, makeStyle({ isTTY: false, env: {} }))
    expect(t).toContain('REVIEW  1 new failure mode, coverage lost: R-03 (not watched by any monitoring signal), risks changed')
    expect(t).toContain('Risk coverage  old 1/1 watched, new 1/2 watched')
    expect(t).toContain('  LOST     risk R-03 (high): was watched by MON-05; now it names no monitoring signal (monitoredBy)')
    expect(t).toContain('  GAINED   failure mode FM-5 (high): new in this release, watched by MON-07')
  })

  it('the Markdown comment has a coverage table with escaped cells', () => {
    const m = formatDiffMarkdown(d)
    expect(m).toContain('### Risk coverage')
    expect(m).toContain('Old: 1/1 watched; new: 1/2 watched')
    expect(m).toContain('| **lost** | risk R-03 (high) | was watched by MON-05; now it names no monitoring signal (monitoredBy) |')
    expect(m).toContain('| **gained** | failure mode FM-5 (high) | new in this release, watched by MON-07 |')
  })
})
