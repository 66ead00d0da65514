import { describe, expect, it } from 'vitest'
import { failure, report as diffReport } from '../diff/test-builders'
import { answers, OTHER, PACK, signer, signoff, trustOf } from '../signoff/testing'
import type { Acknowledgement } from '../signoff/statement'
import type { VerifyReport } from '../verify/report'
import { prepareSignoff } from './approval-rule'
import { assessReports, type AssessInputs } from './assess-reports'
import { acknowledgementFor } from './gate'
import { exitCodeOf, STATUS_TABLE } from './status'
import type { Assessment } from './types'

const eng = signer('ana.eng', 1)
const own = signer('bob.owner', 2)
const mallory = signer('mallory', 3)
const trust = trustOf([
  { s: eng, roles: ['engineer'] },
  { s: own, roles: ['owner'] }
])
const NOW = Date.parse('2026-12-01T00:00:00Z')

/** This release (PACK), optionally with a new critical failure mode so the diff against PREVIOUS blocks. */
function pack(signoffs: { path: string; text: string }[], opts: { blocked?: boolean; findings?: VerifyReport['findings'] } = {}): VerifyReport {
  const errors = (opts.findings ?? []).some((f) => f.severity === 'error')
  return diffReport({
    name: PACK.name,
    version: PACK.version,
    previousVersion: OTHER.version,
    failures: opts.blocked ? [failure('FM-9', 'Scores drift for new applicants', { severity: 'critical' })] : [],
    over: {
      pack: { name: PACK.name, version: PACK.version, digest: PACK.digest, previousVersion: OTHER.version },
      signoffs,
      files: signoffs.map((s, i) => ({ path: s.path, size: s.text.length, sha256: String(i).repeat(64), status: 'signoff' as const })),
      findings: opts.findings ?? [],
      ok: !errors,
      status: errors ? 'failed' : 'verified'
    }
  })
}
const PREVIOUS = diffReport({ name: OTHER.name, version: OTHER.version, over: { pack: { name: OTHER.name, version: OTHER.version, digest: OTHER.digest } } })

function assess(r: VerifyReport, opts: AssessInputs = {}): Assessment {
  return assessReports(r, { now: NOW, ...opts })
}

const blockedAck = (): Acknowledgement => {
  const gate = assess(pack([], { blocked: true }), { previous: { report: PREVIOUS } }).gate
  const ack = acknowledgementFor(gate)
  if (!ack) throw new Error('the test gate should block')
  return ack
}

describe('assessReports: one overall status, fixed precedence', () => {
  it('verified without a trust file, even with sign-offs (approval not assessed); exit 0', () => {
    const a = assess(pack([signoff(eng, 'engineer'), signoff(own, 'owner')]))
    expect(a.status).toBe('verified')
    expect(a.approval.assessed).toBe(false)
    expect(a.signoffs.map((s) => s.result)).toEqual(['untrusted', 'untrusted'])
    expect(a.reasons).toContain('approval not assessed: no trust file was given')
    expect(exitCodeOf(a)).toBe(0)
  })

  it('approved with both roles; a verifier error makes it failed whatever the sign-offs say', () => {
    const s = [signoff(eng, 'engineer'), signoff(own, 'owner')]
    expect(assess(pack(s), { trust }).status).toBe('approved')
    const broken = assess(pack(s, { findings: [{ code: 'hash-mismatch', severity: 'error', path: 'data/evaluation/metrics.json', message: 'differs' }] }), { trust, require: { approval: true } })
    expect(broken.status).toBe('failed')
    expect(broken.approval.status).toBe('not-approved')
    expect(broken.integrity.failing.files).toEqual([{ path: 'data/evaluation/metrics.json', code: 'hash-mismatch', plain: 'changed since the pack was built: its SHA-256 differs from the manifest', errors: 1 }])
    expect(broken.reasons[1]).toBe('data/evaluation/metrics.json: changed since the pack was built: its SHA-256 differs from the manifest')
    expect(exitCodeOf(broken)).toBe(1)
  })

  it('an invalid envelope or one from another pack fails the pack, with or without a trust file', () => {
    const good = signoff(eng, 'engineer')
    const e = JSON.parse(good.text) as { signatures: { sig: string }[] }
    e.signatures[0]!.sig = `${e.signatures[0]!.sig[0] === 'A' ? 'B' : 'A'}${e.signatures[0]!.sig.slice(1)}`
    const forged = { path: 'signoffs/forged.json', text: JSON.stringify(e) }
    const spliced = signoff(own, 'owner', { pack: OTHER })
    for (const [bad, result] of [[forged, 'invalid'], [spliced, 'other-pack']] as const) {
      for (const t of [undefined, trust]) {
        const a = assess(pack([good, bad]), t ? { trust: t } : {})
        expect(a.status).toBe('failed')
        expect(a.integrity.status).toBe('failed')
        expect(a.signoffs.find((s) => s.path === bad.path)?.result).toBe(result)
        expect(a.integrity.failing.files.map((f) => f.path)).toEqual([bad.path])
      }
    }
  })

  it('not approved only when approval is required; an untrusted signer never approves', () => {
    const s = [signoff(eng, 'engineer'), signoff(mallory, 'owner')]
    const free = assess(pack(s), { trust })
    expect(free.status).toBe('verified')
    expect(free.approval.status).toBe('not-approved')
    const required = assess(pack(s), { trust, require: { approval: true } })
    expect(required.status).toBe('not-approved')
    expect(required.requirements).toEqual([expect.objectContaining({ kind: 'approval', met: false, unmetStatus: 'not-approved' })])
    expect(required.signoffs.map((x) => x.result)).toEqual(['valid', 'untrusted'])
    expect(exitCodeOf(required)).toBe(1)
    expect(assess(pack(s), { require: { approval: true } }).requirements[0]?.reason).toMatch(/no trust file/)
  })

  it('rejected after approval: the later reject stands, the earlier approval is superseded, required or not', () => {
    const s = [signoff(eng, 'engineer'), signoff(own, 'owner', { at: '2026-11-20T09:00:00Z' }), signoff(own, 'owner', { decision: 'reject', at: '2026-11-21T09:00:00Z' })]
    for (const require of [{}, { approval: true }]) {
      const a = assess(pack(s), { trust, require })
      expect(a.status).toBe('rejected')
      expect(exitCodeOf(a)).toBe(1)
      const owner = a.signoffs.filter((x) => x.statement?.role === 'owner')
      expect(owner.map((x) => [x.statement?.decision, x.result, x.counts])).toEqual([
        ['approve', 'superseded', false],
        ['reject', 'valid', true]
      ])
      expect(owner[0]?.supersededBy).toBe(owner[1]?.path)
    }
  })

  it('lists the sign-offs in time order with each envelope SHA-256, whatever the file names', () => {
    const late = { ...signoff(own, 'owner', { at: '2026-11-22T09:00:00Z' }), path: 'signoffs/a-late.json' }
    const early = { ...signoff(eng, 'engineer', { at: '2026-11-19T09:00:00Z' }), path: 'signoffs/z-early.json' }
    const a = assess(pack([late, early, { path: 'signoffs/broken.json', text: '{' }]), { trust })
    expect(a.signoffs.map((s) => s.path)).toEqual(['signoffs/z-early.json', 'signoffs/a-late.json', 'signoffs/broken.json'])
    expect(a.signoffs.map((s) => s.sha256)).toEqual(['1'.repeat(64), '0'.repeat(64), '2'.repeat(64)])
  })

  it('incomplete outranks everything, with exit 3', () => {
    const a = assess({ ...pack([signoff(eng, 'engineer')]), status: 'incomplete', ok: false }, { trust, require: { approval: true } })
    expect(a.status).toBe('incomplete')
    expect(exitCodeOf(a)).toBe(3)
  })

  it('the table is in precedence order with one exit code per status', () => {
    expect(STATUS_TABLE.map((s) => s.status)).toEqual(['incomplete', 'failed', 'rejected', 'not-reproducible', 'not-approved', 'approved-with-acknowledged-blockers', 'approved', 'verified'])
  })
})

describe('assessReports: the release gate and acknowledged blockers', () => {
  it('the gate carries the diff verdict and its blocking reasons', () => {
    const a = assess(pack([], { blocked: true }), { previous: { report: PREVIOUS } })
    expect(a.gate).toMatchObject({ verdict: 'blocked', previous: { name: OTHER.name, version: OTHER.version, digest: OTHER.digest } })
    expect(a.gate?.blockers.map((b) => b.code)).toEqual(['new-failure-mode'])
    expect(a.status).toBe('verified')
    expect(a.reasons.at(-1)).toMatch(/^the diff against credit-default@1.0.0 is Blocked: 1 new failure mode \(1 critical\)$/)
  })

  it('an approval that does not acknowledge the blockers does not count: never a bare Approved', () => {
    const a = assess(pack([signoff(eng, 'engineer'), signoff(own, 'owner')], { blocked: true }), { trust, previous: { report: PREVIOUS }, require: { approval: true } })
    expect(a.status).toBe('not-approved')
    expect(a.signoffs.map((s) => [s.result, s.reason?.code])).toEqual([
      ['not-counted', 'signoff-blockers-not-acknowledged'],
      ['not-counted', 'signoff-blockers-not-acknowledged']
    ])
    expect(a.approval.reasons.join('\n')).toMatch(/engineer: the approval by ana.eng does not count \(the diff against credit-default@1.0.0 is Blocked/)
  })

  it('approvals that acknowledge the blockers: Approved with acknowledged blockers, exit 0', () => {
    const acknowledges = blockedAck()
    const s = [signoff(eng, 'engineer', { acknowledges }), signoff(own, 'owner', { acknowledges })]
    const a = assess(pack(s, { blocked: true }), { trust, previous: { report: PREVIOUS }, require: { approval: true } })
    expect(a.status).toBe('approved-with-acknowledged-blockers')
    expect(a.approval.roles.flatMap((r) => r.by.map((b) => b.acknowledgesBlockers))).toEqual([true, true])
    expect(exitCodeOf(a)).toBe(0)
    // Without the previous release the signed acknowledgements still show: never a bare Approved.
    expect(assess(pack(s, { blocked: true }), { trust }).status).toBe('approved-with-acknowledged-blockers')
    // Against a release it does not block, the old acknowledgement is moot.
    expect(assess(pack(s), { trust, previous: { report: PREVIOUS } }).status).toBe('approved')
  })

  it('an acknowledgement of another previous release, or of fewer blockers, does not count', () => {
    const ack = blockedAck()
    const otherPrev: Acknowledgement = { ...ack, previous: { name: 'credit-default@0.9.0', digest: { sha256: 'ef'.repeat(32) } } }
    const fewer: Acknowledgement = { ...ack, blockers: [{ code: 'regressions', message: '1 regression' }] }
    for (const acknowledges of [otherPrev, fewer]) {
      const a = assess(pack([signoff(eng, 'engineer', { acknowledges: ack }), signoff(own, 'owner', { acknowledges })], { blocked: true }), { trust, previous: { report: PREVIOUS } })
      expect(a.approval.status).toBe('not-approved')
      expect(a.signoffs[1]?.reason?.code).toBe('signoff-blockers-not-acknowledged')
    }
  })
})

describe('the approval rule (shared by vouch sign and the app)', () => {
  const yes = answers().map((c) => ({ id: c.id, answer: c.answer }))
  const withNo = yes.map((c, i) => (i === 2 ? { ...c, answer: 'no' as const } : c))
  const gate = assess(pack([], { blocked: true }), { previous: { report: PREVIOUS } }).gate

  it('refuses an approve with a "no", never a reject', () => {
    expect(() => prepareSignoff({ decision: 'approve', checklist: withNo }, null)).toThrow(/answered "no": no-critical-slice-regression/)
    expect(prepareSignoff({ decision: 'reject', checklist: withNo }, gate)).toEqual({})
  })

  it('refuses an approve against a Blocked gate unless the signer acknowledges it, and then signs the acknowledgement', () => {
    expect(() => prepareSignoff({ decision: 'approve', checklist: yes }, gate)).toThrow(/Blocked .*must acknowledge/)
    expect(prepareSignoff({ decision: 'approve', checklist: yes, acknowledgeBlockers: true }, gate)).toEqual({
      acknowledges: { previous: { name: 'credit-default@1.0.0', digest: { sha256: OTHER.digest } }, blockers: [{ code: 'new-failure-mode', message: '1 new failure mode (1 critical)' }] }
    })
    expect(prepareSignoff({ decision: 'approve', checklist: yes, acknowledgeBlockers: true }, null)).toEqual({})
  })
})
