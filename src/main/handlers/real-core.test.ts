/**
 * The handlers over the real core on copies of the embedded samples: the wiring (not the rules,
 * which core tests own) from open to an approved, attested pack.
 */
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
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
    const deps = fakeDeps(join(dir, 'user'), SAMPLES, { progressIntervalMs: 10 })
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

    // One key and one signature: scrypt at the OWASP floor costs about a second each, and the
    // approval rules are core's to test (the full two-signer flow is exercised through `vouch serve`).
    const eng = await h['keys:create']({ name: 'eng.ana', role: 'engineer', passphrase: 'correct horse' })
    await h['trust:save'](`eng.ana roles=engineer ed25519 ${eng.publicKeyLine.split(' ')[1]}\n`)
    const answers = checklist.map((c) => ({ id: c.id, answer: 'yes' as const }))
    const signed = await h['signoff:sign'](newer.packId, { keyId: eng.keyId, passphrase: 'correct horse', role: 'engineer', decision: 'approve', answers })
    expect(signed.signoffPath).toMatch(/^signoffs\/.*engineer.*\.json$/)
    expect(signed.assessment.roles.find((r) => r.role === 'engineer')?.status).toBe('approved')
    expect(signed.assessment.status).toBe('not-approved') // the owner has not signed
    expect(await readdir(join(dir, 'packs', 'credit-default-1.1.0', 'signoffs'))).toHaveLength(1)

    const pdf = await h['attest:export'](newer.packId, { againstId: older.packId })
    expect(pdf).toMatchObject({ kind: 'download', fileName: 'credit-default-risk-1.1.0-attestation.pdf' })
    expect(pdf.kind === 'download' && pdf.bytes).toBeGreaterThan(10_000)
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
    await expect(h['signoff:assess'](pack.packId)).rejects.toMatchObject({ code: 'trust-file-invalid' })
    await expect(h['attest:export'](pack.packId, {})).rejects.toMatchObject({ code: 'trust-file-invalid' })
  })
})
