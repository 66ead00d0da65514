import { describe, expect, it } from 'vitest'
import { diffPacks } from '../diff'
import { assessSignoffs } from '../signoff/assess'
import { fingerprint } from '../signoff/keys'
import { parseTrustFile } from '../signoff/trust'
import { attestationInput, diffView, signoffsView } from './from-core'
import { renderAttestation } from './render'
import { sampleReport } from './testing/sample-input'
import { pdfText, qpdfCheck, testFonts, writeTemp } from './testing/pdf-tools'
import { signoffFile, testSigner, trustText } from './testing/signed'

const engineer = testSigner('jose.muller', 'engineer', 1)
const owner = testSigner('eleni.p', 'owner', 2)
const stranger = testSigner('mallory', 'owner', 3)

function signedReport() {
  const base = sampleReport({ withSignoffs: false })
  return {
    ...base,
    signoffs: [
      signoffFile(base, engineer, { at: '2026-10-03T09:00:00Z', notes: ['Проверено', '確認済み', 'Ελέγχθηκε'] }),
      signoffFile(base, owner, { at: '2026-10-04T10:30:00Z', comment: 'Одобрено — 批准' }),
      signoffFile(base, stranger, { at: '2026-10-05T08:00:00Z' })
    ]
  }
}

describe('signoffsView', () => {
  it('reports each sign-off against the trust file and the approval verdict', () => {
    const report = signedReport()
    const view = signoffsView(assessSignoffs(report, parseTrustFile(trustText([engineer, owner])), { requiredRoles: ['engineer', 'owner'], requiredChecklist: [], distinctSigners: true, now: Date.parse('2026-11-01T00:00:00Z') }))
    expect(view.approval?.verdict).toBe('Approved')
    expect(view.approval?.tone).toBe('ok')
    const bySigner = new Map(view.signoffs.map((s) => [s.signer, s]))
    expect(bySigner.get('jose.muller')?.trust).toBe('trusted')
    expect(bySigner.get('jose.muller')?.fingerprint).toBe(fingerprint(engineer.publicKey))
    expect(bySigner.get('jose.muller')?.checklist[0]).toEqual({ item: expect.stringContaining('Intended use'), answer: 'yes', note: 'Проверено' })
    expect(bySigner.get('eleni.p')?.comment).toBe('Одобрено — 批准')
    expect(bySigner.get('mallory')?.trust).toBe('untrusted')
  })

  it('without a trust file: every signature still shown, approval not assessed', () => {
    const view = signoffsView(assessSignoffs(signedReport(), undefined))
    expect(view.approval).toBeUndefined()
    expect(view.signoffs.map((s) => s.trust)).toEqual(['not-checked', 'not-checked', 'not-checked'])
  })

  it('marks a tampered envelope invalid', () => {
    const report = signedReport()
    const first = report.signoffs[0]
    if (!first) throw new Error('fixture')
    const tampered = { ...report, signoffs: [{ ...first, text: first.text.replace(/"sig":\s*"./, (m) => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A')) }] }
    const view = signoffsView(assessSignoffs(tampered, parseTrustFile(trustText([engineer, owner]))))
    expect(view.signoffs[0]?.trust).toBe('invalid')
    expect(view.approval?.verdict).toBe('Not approved')
  })
})

describe('diffView', () => {
  it('summarises a PackDiff: verdict, regressions, regressed slices', () => {
    const old = sampleReport({ slices: 20, withSignoffs: false }, { pack: { name: 'credit-risk-scorer', version: '2.0.3', digest: 'b'.repeat(64) } })
    const cur = sampleReport({ slices: 20, withSignoffs: false })
    const slices = cur.evidence.slices?.slices ?? []
    const worse = { ...cur, evidence: { ...cur.evidence, slices: { schema: 'vouch.slices/v1' as const, slices: slices.map((s, i) => (i === 0 ? { ...s, metrics: { ...s.metrics, recall: 0.1 } } : s)) } } }
    const v = diffView(diffPacks(old, worse))
    expect(v.verdictTone).toBe('bad')
    expect(v.regressedSlices).toContain('slice-0000')
    expect(v.regressions.some((r) => r.subject === 'slice slice-0000 / recall' && r.severe)).toBe(true)
    expect(v.previous?.version).toBe('2.0.3')
    expect(JSON.parse(v.json ?? '')).toHaveProperty('schema', 'vouch.diff/v1')
  })
})

describe('attestationInput end to end', () => {
  it('renders real sign-offs: fingerprints, statuses, approval and multilingual notes in the PDF', async () => {
    const report = signedReport()
    const trust = trustText([engineer, owner])
    const input = attestationInput({
      report,
      assessment: assessSignoffs(report, parseTrustFile(trust), { requiredRoles: ['engineer', 'owner'], requiredChecklist: [], distinctSigners: true }),
      trust: { name: 'allowed_signers', bytes: new TextEncoder().encode(trust) }
    })
    const pdf = writeTemp(await renderAttestation(input, { vouchVersion: 'test', fonts: testFonts() }))
    try {
      expect(qpdfCheck(pdf.path).ok).toBe(true)
      const text = pdfText(pdf.path).replace(/\s+/g, '')
      for (const s of [engineer, owner, stranger]) expect(text).toContain(fingerprint(s.publicKey))
      for (const w of ['Проверено', '確認済み', 'Ελέγχθηκε', 'Одобрено—批准', 'validandtrusted', 'Approved']) expect(text).toContain(w)
    } finally {
      pdf.cleanup()
    }
  })
})
