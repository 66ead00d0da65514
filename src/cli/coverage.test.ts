/**
 * `vouch verify --require-coverage` and `vouch build` on a pack built to break the coverage rule,
 * through runCli on the real core.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { makePack, type TestPack } from '../core/verify/testing/make-pack'
import { EXIT } from './command'
import { fakeIO } from './fake-io'
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
