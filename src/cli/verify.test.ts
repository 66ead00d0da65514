/**
 * `vouch verify` through runCli with a fake CliIO. The verifier is stubbed here so that every exit
 * code and the --json shape are pinned independently of the core; samples.test.ts (scripts/)
 * runs the real verifier on the real samples.
 */
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { VerifyReport } from '../core/verify/report'
import { PackReadError } from '../core/io/reader'
import { headlineClaim, reproducibility, sliceClaim } from '../core/recompute/testing/reproducibility'
import { EXIT } from './command'
import { fakeIO } from './fake-io'
import { runCli } from './main'

const verifyPack = vi.hoisted(() => vi.fn())
vi.mock('../core/verify/verify', () => ({ verifyPack }))

function report(over: Partial<VerifyReport> = {}): VerifyReport {
  return {
    ok: true,
    status: 'verified',
    container: 'folder',
    location: '/packs/credit-default-1.1.0',
    pack: { name: 'credit-default-risk', version: '1.1.0', digest: 'ab'.repeat(32), previousVersion: '1.0.0' },
    bagInfo: [['Pack-Name', 'credit-default-risk']],
    evidence: {},
    traceability: [{ field: 'commit', status: 'ok', value: 'e91a6c3f58d2b04719c7ae5302f6d8b1a4c9e076', why: 'ties the evidence to code' }],
    files: [],
    signoffs: [],
    findings: [],
    stats: { filesChecked: 17, bytesChecked: 4_000_000, durationMs: 120 },
    ...over
  }
}

const failed = (): VerifyReport =>
  report({
    ok: false,
    status: 'failed',
    findings: [
      { code: 'payload-oxum-mismatch', severity: 'warning', message: 'Payload-Oxum disagrees', path: 'bag-info.txt' },
      { code: 'hash-mismatch', severity: 'error', message: 'content differs from the manifest', path: 'data/model/model.txt', expected: 'aa'.repeat(32), actual: 'bb'.repeat(32) }
    ]
  })

afterEach(() => verifyPack.mockReset())

describe('vouch verify', () => {
  it('exit 0 and a summary for a verified pack', async () => {
    verifyPack.mockResolvedValue(report())
    const io = fakeIO({ cwd: '/packs' })
    expect(await runCli(['verify', 'credit-default-1.1.0'], io)).toBe(EXIT.ok)
    expect(verifyPack.mock.calls[0]?.[0]).toBe('/packs/credit-default-1.1.0')
    const out = io.stdout()
    expect(out.split('\n')[0]).toBe('VERIFIED  credit-default-risk 1.1.0  — no findings')
    expect(out).toContain(`sha256:${'ab'.repeat(32)}`)
    expect(out).toContain('17 files, 3.8 MiB in 120 ms')
    expect(out).toContain('1/1 fields ok')
    expect(out).not.toContain('\u001b[')
  })

  it('exit 1, summary first, then every finding with its path, errors first', async () => {
    verifyPack.mockResolvedValue(failed())
    const io = fakeIO()
    expect(await runCli(['verify', 'p'], io)).toBe(EXIT.failed)
    const out = io.stdout()
    expect(out.startsWith('FAILED  credit-default-risk 1.1.0  — 1 error, 1 warning')).toBe(true)
    const hash = out.indexOf('hash-mismatch  data/model/model.txt')
    const oxum = out.indexOf('payload-oxum-mismatch  bag-info.txt')
    expect(hash).toBeGreaterThan(0)
    expect(oxum).toBeGreaterThan(hash)
    expect(out).toContain(`expected ${'aa'.repeat(32)}`)
    expect(out).toContain(`actual   ${'bb'.repeat(32)}`)
  })

  it('colours only on a TTY without NO_COLOR', async () => {
    verifyPack.mockResolvedValue(failed())
    const tty = fakeIO({ isTTY: true, env: { TERM: 'xterm' } })
    await runCli(['verify', 'p', '--no-progress'], tty)
    expect(tty.stdout()).toContain('\u001b[31m')
    const noColor = fakeIO({ isTTY: true, env: { NO_COLOR: '1' } })
    await runCli(['verify', 'p', '--no-progress'], noColor)
    expect(noColor.stdout()).not.toContain('\u001b[')
  })

  it('escapes control characters from the pack in terminal output', async () => {
    verifyPack.mockResolvedValue(report({ pack: { name: 'evil\u001b[2Jname', version: '1' } }))
    const io = fakeIO()
    await runCli(['verify', 'p'], io)
    expect(io.stdout()).toContain('evil\\x1b[2Jname')
  })

  it('shows a progress line on stderr only on a terminal, and clears it', async () => {
    verifyPack.mockImplementation(async (_loc: string, opts: { onProgress?: (p: object) => void }) => {
      opts.onProgress?.({ filesDone: 3, filesTotal: 17, bytesDone: 1024 * 1024, bytesTotal: 4 * 1024 * 1024 })
      return report()
    })
    const tty = fakeIO({ isTTY: true })
    await runCli(['verify', 'p'], tty)
    expect(tty.stderr()).toContain('verifying… 25%  3/17 files  1.0 MiB of 4.0 MiB')
    expect(tty.stderr().endsWith('\r\u001b[2K')).toBe(true)
    for (const argv of [['verify', 'p', '--no-progress'], ['verify', 'p', '--json']]) {
      const quiet = fakeIO({ isTTY: true })
      await runCli(argv, quiet)
      expect(quiet.stderr()).toBe('')
    }
    const piped = fakeIO()
    await runCli(['verify', 'p'], piped)
    expect(piped.stderr()).toBe('')
  })

  it('--json prints one documented object: the status and exit code on top, the assessment below', async () => {
    verifyPack.mockResolvedValue(failed())
    const io = fakeIO()
    expect(await runCli(['verify', 'p', '--json'], io)).toBe(EXIT.failed)
    const j = JSON.parse(io.stdout())
    expect(Object.keys(j)).toEqual(['schema', 'ok', 'status', 'exitCode', 'error', 'assessment'])
    expect(j).toMatchObject({ schema: 'vouch.verify-result/v2', ok: false, status: 'failed', exitCode: 1, error: null })
    const a = j.assessment
    expect(Object.keys(a)).toEqual(['schema', 'status', 'reasons', 'pack', 'integrity', 'signoffs', 'approval', 'gate', 'requirements', 'reproducibility', 'coverage', 'evidence'])
    expect(a.pack).toEqual({ name: 'credit-default-risk', version: '1.1.0', digest: 'ab'.repeat(32), previousVersion: '1.0.0', container: 'folder', location: '/packs/credit-default-1.1.0' })
    expect(a.integrity.counts).toEqual({ error: 1, warning: 1, info: 0 })
    expect(a.integrity.findings).toHaveLength(2)
    expect(a.integrity.findings[1]).toMatchObject({ code: 'hash-mismatch', path: 'data/model/model.txt' })
    expect(a.integrity.failing).toEqual({ total: 1, files: [{ path: 'data/model/model.txt', code: 'hash-mismatch', plain: expect.stringContaining('changed since the pack was built'), errors: 1 }] })
    expect(a.gate).toBeNull()
  })

  it('--json keeps null (not missing) for absent pack fields', async () => {
    verifyPack.mockResolvedValue(report({ pack: {} }))
    const io = fakeIO()
    await runCli(['verify', 'p', '--json'], io)
    expect(JSON.parse(io.stdout()).assessment.pack).toMatchObject({ name: null, version: null, digest: null, previousVersion: null })
  })

  it('a sign-off envelope that does not verify makes text, --json and exit code all say failed', async () => {
    verifyPack.mockResolvedValue(report({ signoffs: [{ path: 'signoffs/x.json', text: '{"payloadType": 1' }] }))
    const text = fakeIO()
    expect(await runCli(['verify', 'p'], text)).toBe(EXIT.failed)
    expect(text.stdout()).toMatch(/^FAILED/)
    expect(text.stdout()).toContain('signoffs/x.json: a sign-off file that is not valid JSON')
    const json = fakeIO()
    expect(await runCli(['verify', 'p', '--json'], json)).toBe(EXIT.failed)
    expect(JSON.parse(json.stdout())).toMatchObject({ ok: false, status: 'failed', exitCode: 1 })
  })

  it('--require-approval on an intact pack reads NOT APPROVED (never FAILED), exit 1, its own --json status', async () => {
    verifyPack.mockResolvedValue(report())
    const text = fakeIO()
    expect(await runCli(['verify', 'p', '--require-approval'], text)).toBe(EXIT.failed)
    expect(text.stdout()).toMatch(/^NOT APPROVED {2}credit-default-risk 1\.1\.0/)
    expect(text.stdout()).not.toContain('FAILED')
    expect(text.stdout()).toMatch(/required +approval: NOT MET — no trust file was given/)
    const json = fakeIO()
    expect(await runCli(['verify', 'p', '--require-approval', '--json'], json)).toBe(EXIT.failed)
    const j = JSON.parse(json.stdout())
    expect(j).toMatchObject({ ok: false, status: 'not-approved', exitCode: 1 })
    expect(j.assessment.requirements).toEqual([{ kind: 'approval', met: false, reason: 'no trust file was given, so no sign-off can be trusted', unmetStatus: 'not-approved' }])
  })

  it('--require-reproducible on a pack with no predictions reads NOT REPRODUCIBLE, exit 1; --json carries the section', async () => {
    const none = reproducibility([headlineClaim('auc', '0.7958'), sliceClaim('young', 'auc', '0.7171')], { predictions: false })
    verifyPack.mockResolvedValue(report({ reproducibility: none }))
    const plain = fakeIO()
    expect(await runCli(['verify', 'p'], plain)).toBe(EXIT.ok)
    expect(plain.stdout()).toMatch(/\n {2}claims +No predictions shipped: 1 headline metric and 1 slice metric cannot be re-checked\n/)
    const text = fakeIO()
    expect(await runCli(['verify', 'p', '--require-reproducible'], text)).toBe(EXIT.failed)
    expect(text.stdout()).toMatch(/^NOT REPRODUCIBLE {2}credit-default-risk 1\.1\.0/)
    expect(text.stdout()).toMatch(/required +reproducible: NOT MET — the pack ships no predictions \(data\/evaluation\/predictions.json\)/)
    expect(text.stdout()).not.toMatch(/^ +approval/m)
    const json = fakeIO()
    expect(await runCli(['verify', 'p', '--require-reproducible', '--json'], json)).toBe(EXIT.failed)
    const j = JSON.parse(json.stdout())
    expect(j).toMatchObject({ ok: false, status: 'not-reproducible', exitCode: 1 })
    expect(j.assessment.reproducibility).toEqual(none)
    expect(j.assessment.requirements).toEqual([expect.objectContaining({ kind: 'reproducible', met: false, unmetStatus: 'not-reproducible' })])
  })

  it('lists each claim that does not reproduce (metric, slice, claimed, recomputed), pack text escaped, the rest counted', async () => {
    const bad = Array.from({ length: 12 }, (_, i) => sliceClaim(i === 0 ? 'young\u001b[2J\u202e' : `s${i}`, 'recall', '0.61', { status: 'not-reproduced', recomputed: 0.5, tolerance: 0.0050001 }))
    verifyPack.mockResolvedValue(report({ ok: false, status: 'failed', findings: [{ code: 'metric-not-reproduced', severity: 'error', path: 'data/evaluation/slices.json', message: 'x' }], reproducibility: reproducibility([headlineClaim('auc', '0.7958'), ...bad]) }))
    const io = fakeIO()
    expect(await runCli(['verify', 'p'], io)).toBe(EXIT.failed)
    const out = io.stdout()
    expect(out).toContain('claims        1 of 1 headline metrics and 0 of 12 slice metrics reproduced from 30,000 predictions')
    expect(out).toContain('✕ not reproduced recall on slice young\\x1b[2J\\u202e: claimed 0.61, recomputed 0.5 (tolerance ±0.005)')
    expect(out).not.toContain('\u001b')
    expect(out.match(/✕ not reproduced/g)).toHaveLength(10)
    expect(out).toContain('… and 2 more not reproduced (vouch verify --json: .assessment.reproducibility.claims)')
  })

  it('exit 3 and one line (no stack) when the pack cannot be read', async () => {
    verifyPack.mockRejectedValue(new PackReadError('not-found', '/x/missing.zip', 'no such file'))
    const io = fakeIO()
    expect(await runCli(['verify', '/x/missing.zip'], io)).toBe(EXIT.unreadable)
    expect(io.stderr()).toBe('vouch verify: cannot read /x/missing.zip: no such file [not-found]\n')
    expect(io.stdout()).toBe('')
  })

  it('exit 3 with --json still prints the object, status unreadable', async () => {
    verifyPack.mockRejectedValue(new PackReadError('not-an-archive', '/x/a.zip', 'not a zip, tar or folder'))
    const io = fakeIO()
    expect(await runCli(['verify', '/x/a.zip', '--json'], io)).toBe(EXIT.unreadable)
    const j = JSON.parse(io.stdout())
    expect(j).toMatchObject({ ok: false, status: 'unreadable', exitCode: 3, error: { which: 'pack', code: 'not-an-archive', path: '/x/a.zip' }, assessment: null })
  })

  it('an incomplete verification is never exit 0', async () => {
    verifyPack.mockResolvedValue(report({ ok: false, status: 'incomplete' }))
    const io = fakeIO()
    expect(await runCli(['verify', 'p'], io)).toBe(EXIT.unreadable)
    expect(io.stdout()).toMatch(/^INCOMPLETE/)
    expect(io.stdout()).toContain('NOT verified')
  })

  it('exit 4 and no stack trace on an unexpected error', async () => {
    verifyPack.mockRejectedValue(new TypeError('boom'))
    const io = fakeIO()
    expect(await runCli(['verify', 'p'], io)).toBe(EXIT.error)
    expect(io.stderr()).toBe('vouch verify: boom\n')
  })

  it('exit 2 for usage errors, 0 for --help', async () => {
    for (const argv of [['verify'], ['verify', 'a', 'b'], ['verify', 'p', '--jsn'], ['verify', 'p', '--trust']]) {
      const io = fakeIO()
      expect(await runCli(argv, io)).toBe(EXIT.usage)
      expect(io.stderr()).toMatch(/^vouch verify: .+\nRun 'vouch verify --help' for usage\.\n$/)
    }
    const io = fakeIO()
    expect(await runCli(['verify', '--help'], io)).toBe(EXIT.ok)
    expect(io.stdout()).toContain('usage: vouch verify <pack> [--trust <file>] [--against <previous pack>] [--require-approval] [--require-reproducible] [--require-coverage] [--json]')
    expect(verifyPack).not.toHaveBeenCalled()
  })
})
