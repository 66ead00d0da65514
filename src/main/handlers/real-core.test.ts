/**
 * The handlers over the real core on copies of the embedded samples: the wiring (not the rules,
 * which core tests own) from open to an approved, attested pack.
 */
import { execFileSync } from 'node:child_process'
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHandlers } from '.'
import { fakeDeps } from './test-support'
import { trustPath } from './key-store'

const SAMPLES = resolve(__dirname, '../../../resources/samples')
let dir: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-real-core-'))
  await cp(join(SAMPLES, 'credit-default-1.0.0'), join(dir, 'packs', 'credit-default-1.0.0'), { recursive: true })
  await cp(join(SAMPLES, 'credit-default-1.1.0'), join(dir, 'packs', 'credit-default-1.1.0'), { recursive: true })
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('handlers over the real core', () => {
  it('opens, verifies with progress, compares with the previous release, signs, and attests', async () => {
    const base = fakeDeps(join(dir, 'user'), SAMPLES, { progressIntervalMs: 10 })
    let delivered: Uint8Array | undefined
    const deps = { ...base, deliverFile: (...a: Parameters<typeof base.deliverFile>) => ((delivered = a[0]), base.deliverFile(...a)) }
    const h = createHandlers(deps)
    const newer = await h['pack:open'](join(dir, 'packs', 'credit-default-1.1.0'))
    expect(newer).toMatchObject({ name: 'credit-default-risk', version: '1.1.0', previousVersion: '1.0.0' })
    // The overview can show before hashing: evidence read (schema-checked) at open.
    expect(newer.provisionalEvidence?.pack?.name).toBe('credit-default-risk')
    expect(newer.provisionalEvidence?.metrics?.metrics.length).toBeGreaterThan(0)

    const report = await h['pack:verify'](newer.packId, 'v1')
    expect(report.status).toBe('verified')
    expect(deps.events.some((e) => e.event === 'pack:progress')).toBe(true)

    const prevPath = await h['diff:previous'](newer.packId)
    expect(prevPath).toBe(join(dir, 'packs', 'credit-default-1.0.0'))
    const older = await h['pack:open'](prevPath!)
    const diff = await h['diff:compute'](older.packId, newer.packId)
    expect(diff.counts.criticalRegressions).toBeGreaterThan(0)
    expect(diff.counts.failuresNew).toBeGreaterThan(0)

    const checklist = await h['signoff:checklist'](newer.packId, older.packId)
    expect(checklist.find((c) => c.id === 'no-critical-slice-regression')?.suggested?.answer).toBe('no')
    expect(checklist.find((c) => c.id === 'traceability')?.suggested?.answer).toBe('yes')
    // The pack follows the tabular-binary template (domain tabular, binary predictions): its items follow the default ones.
    expect(checklist.slice(-3).map((c) => [c.id, c.suggested])).toEqual([
      ['cutoff-reviewed', undefined],
      ['calibration-checked', undefined],
      ['protected-slices-reviewed', undefined]
    ])

    // One key and one signature: scrypt at the OWASP floor costs about a second each, and the
    // approval rules are core's to test (the full two-signer flow is exercised through `vouch serve`).
    const eng = await h['keys:create']({ name: 'eng.ana', role: 'engineer', passphrase: 'correct horse' })
    await h['trust:save'](`eng.ana roles=engineer ed25519 ${eng.publicKeyLine.split(' ')[1]}\n`)
    const answers = checklist.map((c) => ({ id: c.id, answer: 'yes' as const }))
    const req = { keyId: eng.keyId, passphrase: 'correct horse', role: 'engineer', decision: 'approve' as const, answers }
    // The app applies the same approval rule as `vouch sign`, before anything is written.
    const withNo = answers.map((a) => (a.id === 'no-critical-slice-regression' ? { ...a, answer: 'no' as const, note: 'age-18-24-thin-file regressed' } : a))
    await expect(h['signoff:sign'](newer.packId, { ...req, answers: withNo })).rejects.toMatchObject({ code: 'approval-refused', message: expect.stringContaining('answered "no"') })
    await expect(h['signoff:sign'](newer.packId, req)).rejects.toMatchObject({ code: 'approval-refused', message: expect.stringContaining('Blocked') })
    await expect(readdir(join(dir, 'packs', 'credit-default-1.1.0', 'signoffs'))).rejects.toThrow()
    const signed = await h['signoff:sign'](newer.packId, { ...req, acknowledgeBlockers: true })
    expect(signed.signoffPath).toMatch(/^signoffs\/.*engineer.*\.json$/)
    expect(signed.copy).toBeUndefined()
    expect(signed.assessment.approval.roles.find((r) => r.role === 'engineer')?.by[0]?.acknowledgesBlockers).toBe(true)
    expect(signed.assessment.status).toBe('not-approved') // approval is required once the trust file lists a key; the owner has not signed
    expect(await h['pack:assess'](newer.packId)).toEqual(signed.assessment)
    expect(await readdir(join(dir, 'packs', 'credit-default-1.1.0', 'signoffs'))).toHaveLength(1)
    // The signed statement carries the domain items with their text, as `vouch signoff checklist --template` gives them.
    const envelope = JSON.parse(await readFile(join(dir, 'packs', 'credit-default-1.1.0', signed.signoffPath), 'utf8')) as { payload: string }
    const statement = Buffer.from(envelope.payload, 'base64').toString('utf8')
    expect(statement).toMatch(/"id":"cutoff-reviewed","text":"[^"]+","answer":"yes"/)

    const pdf = await h['attest:export'](newer.packId)
    expect(pdf).toMatchObject({ kind: 'download', fileName: 'credit-default-risk-1.1.0-attestation.pdf' })
    expect(pdf.kind === 'download' && pdf.bytes).toBeGreaterThan(10_000)
    // The app's PDF carries the curves from its charts' cache, 1.0.0 (the release it compares with) overlaid.
    await writeFile(join(dir, 'app.pdf'), delivered!)
    const text = execFileSync('pdftotext', [join(dir, 'app.pdf'), '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
    expect(text).toContain('A. Evaluation curves')
    expect(text).toContain('ROC curve: 1.1.0 (solid) AUC 0.7958 (claimed 0.7958); 1,803 positives, 28,197 negatives; 1.0.0 (dashed) AUC 0.7704')
    expect(text).toContain('Critical slice Thin credit file (thin-file)')
  })

  it('offers an LLM pack the llm-eval items, and an approve with one of them answered no is refused', async () => {
    await cp(join(SAMPLES, 'support-ticket-assistant-1.1.0'), join(dir, 'packs', 'support-ticket-assistant-1.1.0'), { recursive: true })
    const h = createHandlers(fakeDeps(join(dir, 'user-llm'), SAMPLES))
    const opened = await h['pack:open'](join(dir, 'packs', 'support-ticket-assistant-1.1.0'))
    await h['pack:verify'](opened.packId, 'v1')
    const checklist = await h['signoff:checklist'](opened.packId, undefined)
    expect(checklist.map((c) => c.id)).toEqual(expect.arrayContaining(['jailbreak-suite-run', 'pii-leakage-measured', 'grader-agreement-checked']))
    expect(checklist.map((c) => c.id)).not.toContain('cutoff-reviewed')
    const key = await h['keys:create']({ name: 'eng.li', role: 'engineer', passphrase: 'correct horse' })
    const answers = checklist.map((c) => ({ id: c.id, answer: c.id === 'pii-leakage-measured' ? ('no' as const) : ('yes' as const), ...(c.id === 'pii-leakage-measured' ? { note: 'not measured for German' } : {}) }))
    await expect(h['signoff:sign'](opened.packId, { keyId: key.keyId, passphrase: 'correct horse', role: 'engineer', decision: 'approve', answers })).rejects.toMatchObject({
      code: 'approval-refused',
      message: expect.stringContaining('answered "no"')
    })
    await expect(readdir(join(dir, 'packs', 'support-ticket-assistant-1.1.0', 'signoffs'))).rejects.toThrow()
  })

  it('refuses a trust file with a bad line instead of reading around it (fail closed)', async () => {
    const user = join(dir, 'user-bad-trust')
    const deps = fakeDeps(user, SAMPLES)
    const h = createHandlers(deps)
    const pack = await h['pack:open'](join(dir, 'packs', 'credit-default-1.0.0'))
    const key = Buffer.alloc(32, 7).toString('base64')
    // Written behind the app's back (trust:save refuses it): the mistyped revocation must not be skipped.
    await mkdir(user, { recursive: true })
    await writeFile(trustPath(user), `ana roles=engineer ed25519 ${key}
@revokd ed25519 ${key}
`)
    await expect(h['pack:assess'](pack.packId)).rejects.toMatchObject({ code: 'trust-file-invalid' })
    await expect(h['attest:export'](pack.packId)).rejects.toMatchObject({ code: 'trust-file-invalid' })
  })

  it('never writes into an embedded sample: signing one signs a copy in the workspace, with its previous release beside it', async () => {
    const user = join(dir, 'user-sample')
    const h = createHandlers(fakeDeps(user, SAMPLES))
    const sample = await h['pack:open'](join(SAMPLES, 'credit-default-1.1.0'))
    expect(sample.readOnly).toBe(true)
    const before = (await readdir(join(SAMPLES, 'credit-default-1.1.0'))).sort()
    const key = await h['keys:create']({ name: 'olu.owner', role: 'owner', passphrase: 'staple paper' })
    const answers = (await h['signoff:checklist'](sample.packId)).map((c) => ({ id: c.id, answer: 'n/a' as const, note: 'rejected: see comment' }))
    const signed = await h['signoff:sign'](sample.packId, { keyId: key.keyId, passphrase: 'staple paper', role: 'owner', decision: 'reject', answers })
    expect((await readdir(join(SAMPLES, 'credit-default-1.1.0'))).sort()).toEqual(before)
    const copy = signed.copy?.location ?? ''
    expect(copy.startsWith(join(user, 'workspace'))).toBe(true)
    expect(await readdir(join(copy, 'signoffs'))).toHaveLength(1)
    expect(await readdir(join(copy, '..'))).toEqual(['credit-default-1.0.0', 'credit-default-1.1.0'])
    // The copy is assessed against the same previous release.
    expect(signed.assessment.gate?.verdict).toBe('blocked')
    expect(signed.assessment.signoffs.map((e) => e.statement?.decision)).toEqual(['reject'])
  })
})
