/**
 * `vouch attest` end to end on the sample releases (resources/samples): a copy of 1.1.0 signed by
 * an engineer and an owner (envelopes made by the sign-off core), checked against a trust file,
 * attested against 1.0.0.
 */
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { acknowledgementFor } from '../../core/assess'
import { assessPack } from '../../core/assess/assess-pack'
import { fingerprint } from '../../core/signoff/keys'
import { verifyPack } from '../../core/verify/verify'
import { signoffFile, testSigner, trustText } from '../../core/attest/testing/signed'
import { pdfAttachments, pdfText, qpdfCheck } from '../../core/attest/testing/pdf-tools'
import { EXIT } from '../command'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'

const SAMPLES = resolve(__dirname, '../../../resources/samples')
const engineer = testSigner('ana.eng', 'engineer', 7)
const owner = testSigner('bob.owner', 'owner', 8)
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-cli-attest-'))
  await cp(join(SAMPLES, 'credit-default-1.1.0'), join(dir, 'pack'), { recursive: true })
  const report = await verifyPack(join(dir, 'pack'))
  await mkdir(join(dir, 'pack', 'signoffs'), { recursive: true })
  for (const [s, at] of [[engineer, '2026-11-20T09:00:00Z'], [owner, '2026-11-21T15:30:00Z']] as const) {
    const f = signoffFile(report, s, { at, notes: ['Проверено', '確認済み'] })
    await writeFile(join(dir, 'pack', f.path), f.text)
  }
  // A second copy whose approvals acknowledge the blockers of the diff against 1.0.0.
  await cp(join(SAMPLES, 'credit-default-1.1.0'), join(dir, 'acked'), { recursive: true })
  const acknowledges = acknowledgementFor((await assessPack(join(dir, 'acked'), { against: join(SAMPLES, 'credit-default-1.0.0') })).gate)
  await mkdir(join(dir, 'acked', 'signoffs'), { recursive: true })
  for (const [s, at] of [[engineer, '2026-11-20T09:00:00Z'], [owner, '2026-11-21T15:30:00Z']] as const) {
    const f = signoffFile(report, s, { at, acknowledges })
    await writeFile(join(dir, 'acked', f.path), f.text)
  }
  await writeFile(join(dir, 'allowed_signers'), trustText([engineer, owner]))
  await writeFile(join(dir, 'broken_trust'), 'this is not a trust line\n')
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function attest(args: readonly string[]) {
  const io = fakeIO({ cwd: dir })
  const code = await runCli(['attest', ...args], io)
  return { code, out: io.stdout(), err: io.stderr() }
}

describe('vouch attest', () => {
  it('against a Blocked previous release, approvals without an acknowledgement leave it Not approved (exit 1)', async () => {
    const r = await attest(['pack', '--against', join(SAMPLES, 'credit-default-1.0.0'), '--trust', 'allowed_signers', '--require-approval', '--out', 'blocked.pdf'])
    expect(r.code).toBe(EXIT.failed)
    expect(r.out).toMatch(/^NOT APPROVED {2}credit-default-risk 1\.1\.0/m)
    expect(pdfText(join(dir, 'blocked.pdf'), 1)).toMatch(/Overall status\s+Not approved/i)
  })

  it('writes a checked, signed attestation against the previous release: approved with acknowledged blockers', async () => {
    const r = await attest(['acked', '--against', join(SAMPLES, 'credit-default-1.0.0'), '--trust', 'allowed_signers', '--require-approval', '--out', 'att.pdf'])
    expect(r.err).toBe('')
    expect(r.code).toBe(EXIT.ok)
    expect(r.out).toContain(`wrote ${join(dir, 'att.pdf')}`)
    expect(r.out).toMatch(/^APPROVED WITH ACKNOWLEDGED BLOCKERS {2}credit-default-risk 1\.1\.0/m)
    const pdf = join(dir, 'att.pdf')
    expect(qpdfCheck(pdf).ok).toBe(true)
    expect(pdfText(pdf, 1)).toMatch(/Overall status\s+Approved with acknowledged blockers/i)
    const text = pdfText(pdf)
    const flat = text.replace(/\s+/g, '')
    for (const s of [engineer, owner]) expect(flat).toContain(fingerprint(s.publicKey))
    expect(flat).toContain('Acknowledgedblockers')
    expect(text).toContain('credit-default-risk 1.0.0')
    expect(flat.replace(/-/g, '')).toContain('vouchverifyackedtrustallowed_signersagainstcreditdefault1.0.0requireapproval')
    const names = pdfAttachments(pdf)
    expect(names).toEqual(expect.arrayContaining(['verification.json', 'assessment.json', 'diff.json', 'previous-verification.json', 'trust-allowed_signers']))
    expect(names.filter((n) => n.startsWith('signoff-'))).toHaveLength(2)
    // Atomic write: nothing but the PDF is left beside it.
    expect((await readdir(dir)).filter((n) => n.includes('vouch-tmp'))).toEqual([])
  })

  it('gives the same bytes twice, and a different date with --now', async () => {
    const first = await attest(['pack', '--trust', 'allowed_signers', '--out', 'a1.pdf'])
    expect(first.code).toBe(EXIT.ok)
    expect(first.out).toMatch(/^APPROVED {2}/m)
    expect(pdfText(join(dir, 'a1.pdf'))).toContain('Проверено')
    await attest(['pack', '--trust', 'allowed_signers', '--out', 'a2.pdf'])
    const a1 = await readFile(join(dir, 'a1.pdf'))
    expect(a1.equals(await readFile(join(dir, 'a2.pdf')))).toBe(true)
    expect(pdfText(join(dir, 'a1.pdf'))).toContain('2026-11-21 15:30:00 UTC (latest sign-off)')
    await attest(['pack', '--trust', 'allowed_signers', '--out', 'a3.pdf', '--now'])
    expect(a1.equals(await readFile(join(dir, 'a3.pdf')))).toBe(false)
    expect(pdfText(join(dir, 'a3.pdf'))).toContain('(time of export)')
  })

  it('attests an unsigned sample without a trust file (approval not assessed)', async () => {
    const r = await attest([join(SAMPLES, 'credit-default-1.0.0'), '-o', 'unsigned.pdf'])
    expect(r.code).toBe(EXIT.ok)
    expect(r.out).toMatch(/^VERIFIED {2}/m)
    expect(r.out).toContain('approval not assessed: no trust file was given')
    const text = pdfText(join(dir, 'unsigned.pdf'))
    expect(text).toContain('The pack carries no sign-offs.')
    expect(text).toContain('Not assessed')
  })

  it('attests a zip made by vouch pack', async () => {
    const io = fakeIO({ cwd: dir })
    expect(await runCli(['pack', join(SAMPLES, 'credit-default-1.0.0'), '-o', 'prev.zip'], io)).toBe(EXIT.ok)
    const r = await attest(['prev.zip', '--out', 'zip.pdf'])
    expect(r.code).toBe(EXIT.ok)
    expect(qpdfCheck(join(dir, 'zip.pdf')).ok).toBe(true)
    const text = pdfText(join(dir, 'zip.pdf'))
    expect(text).toContain('zip: prev.zip')
    expect(text).toContain('vouch verify prev.zip --trust <trust file> --require-approval')
  })

  it('exits 1 (PDF still written) when the pack fails verification', async () => {
    await cp(join(dir, 'pack'), join(dir, 'tampered'), { recursive: true })
    await writeFile(join(dir, 'tampered', 'data', 'pack.json'), '{"tampered": true}\n')
    const r = await attest(['tampered', '--out', 'tampered.pdf'])
    expect(r.code).toBe(EXIT.failed)
    expect(r.err).toContain('failed verification')
    expect(pdfText(join(dir, 'tampered.pdf'))).toContain('Failed')
  })

  it('exit 2 without --out, 3 for an unreadable pack, 4 for an invalid trust file', async () => {
    expect((await attest(['pack'])).code).toBe(EXIT.usage)
    const missing = await attest(['no-such-pack', '--out', 'x.pdf'])
    expect(missing.code).toBe(EXIT.unreadable)
    expect(missing.err).toContain('cannot read')
    const bad = await attest(['pack', '--trust', 'broken_trust', '--out', 'x.pdf'])
    expect(bad.code).toBe(EXIT.error)
    expect(bad.err).toMatch(/trust file .*broken_trust is invalid: line 1/)
    const noDir = await attest(['pack', '--out', join(dir, 'no', 'such', 'dir', 'x.pdf')])
    expect(noDir.code).toBe(EXIT.error)
    expect(noDir.err).toContain('nothing was written')
    expect((await readdir(dir)).includes('x.pdf')).toBe(false)
  })
})
