import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderAttestation } from './render'
import type { AttestationInput } from './input'
import { plainInput, SAMPLE_DIGEST, SIGNERS, sampleAssessment, sampleInput, sampleReport } from './testing/sample-input'
import { extractAttachments, inkInRegion, pdfAttachments, pdfInfo, pdfPages, pdfText, qpdfCheck, renderPage, testFonts, writeTemp, type PdfOnDisk } from './testing/pdf-tools'

const fonts = testFonts()
const opts = { vouchVersion: '9.9.9-test', fonts }
const flat = (s: string): string => s.replace(/\s+/g, '')

describe('renderAttestation: a signed pack against its previous release', () => {
  let pdf: PdfOnDisk
  let bytes: Uint8Array
  const input = sampleInput({ slices: 60, withPrevious: true })

  beforeAll(async () => {
    bytes = await renderAttestation(input, opts)
    pdf = writeTemp(bytes)
  })
  afterAll(() => pdf.cleanup())

  it('passes qpdf --check', () => {
    const r = qpdfCheck(pdf.path)
    expect(r.output).toContain('No syntax or stream encoding errors')
    expect(r.ok).toBe(true)
  })

  it('prints the full digest, on every page footer too', () => {
    const pages = pdfPages(pdf.path)
    expect(pages).toBeGreaterThan(2)
    for (let p = 1; p <= pages; p++) {
      const t = pdfText(pdf.path, p)
      expect(t).toContain(`sha256:${SAMPLE_DIGEST}`)
      expect(t).toContain(`Page ${p} of ${pages}`)
    }
  })

  it("prints every signer's fingerprint and name in Latin, Greek, Cyrillic and CJK", () => {
    const text = pdfText(pdf.path)
    for (const s of SIGNERS) {
      expect(flat(text)).toContain(flat(s.fingerprint))
      expect(text).toContain(s.name)
    }
    expect(text).toContain('José Müller-Øberg')
    expect(text).toContain('Ελένη Παπαδοπούλου')
    expect(text).toContain('Дмитрий Иванов')
    expect(text).toContain('王小明')
    expect(text).toContain('山田太郎')
  })

  it('prints the sections an auditor needs', () => {
    const text = pdfText(pdf.path)
    for (const s of ['1. Verification', '2. Evaluation summary', '3. Against the previous release', '4. Sign-offs', '5. How to re-check', 'Approved', 'Regressions', 'Blocked', 'FM-12', 'R-1']) expect(text).toContain(s)
    expect(text).toContain('vouch verify credit-risk-scorer-2.1.0.zip --trust allowed_signers --require-approval')
    // Traceability fields with their status.
    expect(text).toContain('4b825dc642cb6eb9a060e54bf8d69288fbee4904')
    expect(text).toMatch(/FAIL/) // ece misses its threshold
  })

  it('attaches the evidence, and prints each attachment SHA-256 that matches the extracted bytes', () => {
    const names = pdfAttachments(pdf.path)
    expect(names).toEqual(expect.arrayContaining(['verification.json', 'diff.json', 'previous-verification.json', 'trust-allowed_signers']))
    expect(names.filter((n) => n.startsWith('signoff-'))).toHaveLength(input.report.signoffs.length)
    const out = join(pdf.dir, 'x')
    mkdirSync(out)
    const files = extractAttachments(pdf.path, out)
    const text = flat(pdfText(pdf.path))
    for (const [name, data] of files) {
      const sha = createHash('sha256').update(data).digest('hex')
      expect(text, name).toContain(sha)
    }
    const envelope = files.get(`signoff-${input.report.signoffs[0]?.path.split('/').pop()}`)
    expect(new TextDecoder().decode(envelope)).toBe(input.report.signoffs[0]?.text)
    const record = JSON.parse(new TextDecoder().decode(files.get('verification.json'))) as { schema: string; location: string; stats: object }
    expect(record.schema).toBe('vouch.attested-verification/v1')
    expect(record.location).toBe('credit-risk-scorer-2.1.0.zip')
    expect(record.stats).not.toHaveProperty('durationMs')
  })

  it('sets the document metadata', () => {
    const info = pdfInfo(pdf.path)
    expect(info).toMatch(/^Title:\s+Attestation: credit-risk-scorer 2\.1\.0$/m)
    expect(info).toMatch(/^Subject:.*sha256:a3f1c2d4/m)
    expect(info).toMatch(/^Keywords:.*credit-risk-scorer@2\.1\.0/m)
    expect(info).toMatch(/^Creator:\s+Vouch 9\.9\.9-test$/m)
    expect(info).toMatch(/^Producer:\s+Vouch 9\.9\.9-test$/m)
    expect(info).toMatch(/^PDF version:\s+1\.7$/m)
    const raw = new TextDecoder('latin1').decode(bytes)
    expect(/\/ID \[ <[0-9a-f]{32}> <[0-9a-f]{32}> \]/.test(raw)).toBe(true)
    expect(raw.includes('/AFRelationship /Source')).toBe(true)
  })

  it('has a bookmark to each section', () => {
    const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=outlines', pdf.path], { encoding: 'utf8' })) as { outlines: { title: string; destpageposfrom1: number }[] }
    expect(json.outlines.map((o) => o.title)).toEqual(['credit-risk-scorer 2.1.0: summary', '1. Verification', '2. Evaluation summary', '3. Against the previous release', '4. Sign-offs', '5. How to re-check'])
    const pages = json.outlines.map((o) => o.destpageposfrom1)
    expect(pages[0]).toBe(1)
    expect([...pages].sort((a, b) => a - b)).toEqual(pages)
  })

  it('renders page 1 with pdftoppm', () => {
    const png = renderPage(pdf.path, 1, join(pdf.dir, 'page1'))
    expect(existsSync(png)).toBe(true)
    expect(statSync(png).size).toBeGreaterThan(20_000)
  })
})

describe('renderAttestation: determinism', () => {
  it('gives byte-identical output for the same input, and dates from the sign-offs', async () => {
    const input = sampleInput({ slices: 30, withPrevious: true })
    const a = await renderAttestation(input, opts)
    const b = await renderAttestation(sampleInput({ slices: 30, withPrevious: true }), opts)
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true)
    const pa = writeTemp(a)
    try {
      expect(pdfInfo(pa.path)).toMatch(/^CreationDate:\s+Tue Oct\s+6 09:00:00 2026 UTC$/m)
    } finally {
      pa.cleanup()
    }
    const c = await renderAttestation(input, { ...opts, exportDate: new Date('2027-01-02T03:04:05Z') })
    expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false)
    const pc = writeTemp(c)
    try {
      expect(pdfInfo(pc.path)).toMatch(/^CreationDate:\s+Sat Jan\s+2 03:04:05 2027 UTC$/m)
    } finally {
      pc.cleanup()
    }
  })
})

describe('renderAttestation: hostile and large inputs', () => {
  it('prints an unprintable character as a visible U+FFFD, never crashing', async () => {
    const base = sampleInput({ slices: 5, withSignoffs: true })
    const a = base.assessment
    const input: AttestationInput = {
      ...base,
      assessment: { ...a, signoffs: a.signoffs.map((s, i) => (i === 0 && s.statement ? { ...s, statement: { ...s.statement, signerName: 'Kim 김민준 \u202eevil\u0007 \ue000' } } : s)) }
    }
    const pdf = writeTemp(await renderAttestation(input, opts))
    try {
      const text = pdfText(pdf.path)
      expect(text).toContain('Kim ���')
      expect(text).not.toContain('\u202e')
      expect(qpdfCheck(pdf.path).ok).toBe(true)
    } finally {
      pdf.cleanup()
    }
  })

  it('draws CJK, Greek and Cyrillic glyphs on the page, not just in the text layer', async () => {
    const ink = async (name: string): Promise<number> => {
      const report = sampleReport({ withSignoffs: false }, { pack: { name, version: '1', digest: SAMPLE_DIGEST } })
      const pdf = writeTemp(await renderAttestation(plainInput(report), opts))
      try {
        expect(pdfText(pdf.path, 1)).toContain(name)
        // The title line (20 pt, about 70-110 pt from the top of page 1).
        return inkInRegion(pdf.path, 1, { x: 50, y: 70, w: 300, h: 40 })
      } finally {
        pdf.cleanup()
      }
    }
    const blank = await ink('.')
    for (const name of ['信用风险评分模型', 'Πιστωτικός κίνδυνος', 'Кредитный риск']) expect(await ink(name), name).toBeGreaterThan(blank + 0.04)
  })

  it('renders without the CJK font (CJK becomes U+FFFD)', async () => {
    const pdf = writeTemp(await renderAttestation(sampleInput({ slices: 5 }), { ...opts, fonts: testFonts(false) }))
    try {
      const text = pdfText(pdf.path)
      expect(text).toContain('Ελένη Παπαδοπούλου')
      expect(text).not.toContain('王小明')
      expect(text).toContain('���')
    } finally {
      pdf.cleanup()
    }
  })

  it('flows 5,000 slices: critical ones in full across pages with repeated headers, the rest summarised', async () => {
    const report = sampleReport({ slices: 5000 })
    const slices = report.evidence.slices?.slices ?? []
    // Make 400 slices critical so the table must cross several pages.
    const many = { ...report, evidence: { ...report.evidence, slices: { schema: 'vouch.slices/v1' as const, slices: slices.map((s, i) => ({ ...s, critical: i % 12 === 0 })) } } }
    const pdf = writeTemp(await renderAttestation(plainInput(many), opts))
    try {
      const pages = pdfPages(pdf.path)
      expect(pages).toBeGreaterThan(8)
      expect(pages).toBeLessThan(40)
      const text = pdfText(pdf.path)
      expect(text).toContain('5,000 slices: 417 critical')
      for (let i = 0; i < 5000; i += 12) expect(text).toContain(`slice-${String(i).padStart(4, '0')}`)
      expect(text).not.toContain('slice-0001')
      // pdftotext separates pages with a form feed.
      const withHeader = text.split('\f').slice(1).filter((t) => /Slice\s+Definition/.test(t)).length
      expect(withHeader).toBeGreaterThanOrEqual(5)
    } finally {
      pdf.cleanup()
    }
  })

  it('renders a pack that could barely be read: no digest, no evidence, a 50,000-character message', async () => {
    const report = sampleReport({ withSignoffs: false, findings: [{ code: 'tagmanifest-missing', severity: 'error', message: 'x'.repeat(50_000) }] }, { pack: {}, evidence: {}, traceability: [], bagInfo: [] })
    const pdf = writeTemp(await renderAttestation(plainInput(report), opts))
    try {
      expect(qpdfCheck(pdf.path).ok).toBe(true)
      const text = pdfText(pdf.path)
      expect(text).toContain('unknown (tagmanifest-sha256.txt missing or unreadable)')
      expect(text).toContain('No valid metrics document in the pack.')
      expect(text).toContain('the pack carries no date')
      expect(text).toContain('…')
    } finally {
      pdf.cleanup()
    }
  })

  it('stays readable with 700 sign-offs: 50 cards, then rows, then a count; every envelope attached', async () => {
    const base = sampleReport({ withSignoffs: false })
    const signoffs = Array.from({ length: 700 }, (_, i) => ({ path: `signoffs/s-${String(i).padStart(3, '0')}.json`, text: `{"n":${i}}\n` }))
    const report = { ...base, signoffs }
    const one = sampleAssessment(sampleReport({ withSignoffs: true })).signoffs[2]
    if (!one?.statement) throw new Error('fixture')
    const assessment = {
      ...sampleAssessment(report),
      signoffs: signoffs.map((f, i) => ({ ...one, path: f.path, statement: { ...one.statement!, signerName: `signer.${i}`, fingerprint: `ed25519:${String(i).padStart(64, '0')}`, signedAt: '2026-10-03T09:00:00Z', checklist: [] } }))
    }
    const pdf = writeTemp(await renderAttestation({ report, assessment }, opts))
    try {
      expect(pdfPages(pdf.path)).toBeLessThan(60)
      const text = pdfText(pdf.path)
      expect(text).toContain('Sign-off 50: signer.49')
      expect(text).not.toContain('Sign-off 51:')
      expect(text).toContain('Further sign-offs (650)')
      expect(text).toContain('150 more sign-offs are not listed')
      expect(text).toContain('verification.json')
      expect(pdfAttachments(pdf.path)).toHaveLength(702)
    } finally {
      pdf.cleanup()
    }
  })

  it('lists every finding of a failed pack, and says when there are none', async () => {
    const findings = Array.from({ length: 120 }, (_, i) => ({ code: 'hash-mismatch', severity: 'error' as const, path: `data/file-${i}.bin`, message: `hash does not match the manifest`, expected: 'a'.repeat(64), actual: 'b'.repeat(64) }))
    const pdf = writeTemp(await renderAttestation(plainInput(sampleReport({ findings, withSignoffs: false })), opts))
    try {
      const text = pdfText(pdf.path)
      expect(text).toContain('Failed')
      for (let i = 0; i < 120; i++) expect(text).toContain(`data/file-${i}.bin`)
      expect(text).toContain('The pack carries no sign-offs.')
      expect(text).toContain('Not assessed')
    } finally {
      pdf.cleanup()
    }
  })
})
