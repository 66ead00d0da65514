import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { diffPacks } from '../diff'
import { assessReports } from '../assess/assess-reports'
import { fingerprint } from '../signoff/keys'
import { parseTrustFile } from '../signoff/trust'
import { attestationInput, diffView } from './from-core'
import { renderAttestation } from './render'
import { sampleReport } from './testing/sample-input'
import { pdfText, qpdfCheck, testFonts, writeTemp } from './testing/pdf-tools'
import { signoffFile, testSigner, trustText } from './testing/signed'

const engineer = testSigner('jose.muller', 'engineer', 1)
const owner = testSigner('eleni.p', 'owner', 2)
const stranger = testSigner('mallory', 'owner', 3)

function signedReport() {
  const base = sampleReport({ withSignoffs: false })
  const signoffs = [
    signoffFile(base, engineer, { at: '2026-10-03T09:00:00Z', notes: ['Проверено', '確認済み', 'Ελέγχθηκε'] }),
    signoffFile(base, owner, { at: '2026-10-04T10:30:00Z', comment: 'Одобрено — 批准' }),
    signoffFile(base, stranger, { at: '2026-10-05T08:00:00Z' })
  ]
  const files = signoffs.map((f) => ({ path: f.path, size: f.text.length, sha256: createHash('sha256').update(f.text).digest('hex'), status: 'signoff' as const }))
  return { ...base, signoffs, files }
}

const TRUST = parseTrustFile(trustText([engineer, owner]))
const NOW = Date.parse('2026-11-01T00:00:00Z')
const POLICY = { requiredRoles: ['engineer', 'owner'], requiredChecklist: [], distinctSigners: true }

async function renderText(input: ReturnType<typeof attestationInput>): Promise<{ page1: string; all: string }> {
  const pdf = writeTemp(await renderAttestation(input, { vouchVersion: 'test', fonts: testFonts() }))
  try {
    return { page1: pdfText(pdf.path, 1), all: pdfText(pdf.path) }
  } finally {
    pdf.cleanup()
  }
}

describe('the PDF renders the assessment (and decides nothing)', () => {
  it('page 1 carries the overall status and the history lists each envelope with its SHA-256, in time order', async () => {
    const report = signedReport()
    const assessment = assessReports(report, { trust: TRUST, policy: POLICY, now: NOW, require: { approval: true } })
    expect(assessment.status).toBe('approved')
    const { page1, all } = await renderText(attestationInput({ report, assessment }))
    expect(page1).toMatch(/Overall status\s+Approved\b/i)
    const flat = all.replace(/\s+/g, '')
    for (const e of assessment.signoffs) expect(flat).toContain(e.sha256 ?? 'missing')
    const order = ['Sign-off 1: jose.muller', 'Sign-off 2: eleni.p', 'Sign-off 3: mallory'].map((h) => all.indexOf(h))
    expect(order.every((x, k) => x > 0 && (k === 0 || x > (order[k - 1] ?? 0)))).toBe(true)
    expect(all).toContain('valid signature, not trusted for this role')
  })

  it('a tampered envelope: page 1 says Failed, the sign-off INVALID, approval Not approved', async () => {
    const report = signedReport()
    const first = report.signoffs[0]
    if (!first) throw new Error('fixture')
    const tampered = { ...report, signoffs: [{ ...first, text: first.text.replace(/"sig":\s*"./, (m) => m.slice(0, -1) + (m.endsWith('A') ? 'B' : 'A')) }, ...report.signoffs.slice(1)] }
    const assessment = assessReports(tampered, { trust: TRUST, policy: POLICY, now: NOW })
    const { page1, all } = await renderText(attestationInput({ report: tampered, assessment }))
    expect(page1).toMatch(/Overall status\s+Failed\b/i)
    expect(page1).not.toMatch(/Overall status\s+Verified/i)
    expect(all).toContain('INVALID')
    expect(all).toContain('signature does not verify')
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
      assessment: assessReports(report, { trust: parseTrustFile(trust), policy: POLICY }),
      trust: { name: 'allowed_signers', bytes: new TextEncoder().encode(trust) }
    })
    const pdf = writeTemp(await renderAttestation(input, { vouchVersion: 'test', fonts: testFonts() }))
    try {
      expect(qpdfCheck(pdf.path).ok).toBe(true)
      const text = pdfText(pdf.path).replace(/\s+/g, '')
      for (const s of [engineer, owner, stranger]) expect(text).toContain(fingerprint(s.publicKey))
      for (const w of ['Проверено', '確認済み', 'Ελέγχθηκε', 'Одобрено—批准', 'valid,trusted,counts', 'Approved']) expect(text).toContain(w)
    } finally {
      pdf.cleanup()
    }
  })
})
