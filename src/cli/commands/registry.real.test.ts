/**
 * push, pull, sign --push, log and gate against a real registry (Debian's docker-registry, CNCF
 * distribution 2.8: no referrers API, so the referrers tag schema is exercised), and skopeo, an
 * independent OCI client, reading what Vouch pushed. Vouch also pulls a pack whose manifest was
 * written with curl.
 */
import { execFileSync } from 'node:child_process'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../command'
import { MT } from '../../core/registry/media-types'
import { referrersTag } from '../../core/registry/reference'
import { startRegistry, type RunningRegistry } from '../../core/registry/testing/real-registry'
import { boundPack, makeSigners, pushModel, runner, SAMPLE, SAMPLE_PREVIOUS, sign, type Run } from './registry-testkit'

let reg: RunningRegistry
let dir = ''
let vouch: ReturnType<typeof runner>
let model = { digest: '', size: 0 }
let pack = ''
let ref = ''
const H = '--plain-http'

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-reg-real-'))
  vouch = runner(dir)
  ;[reg] = await Promise.all([startRegistry(), makeSigners(dir)])
  model = await pushModel(reg.host, 'models/credit-default', 'v1.1.0', 'weights of model 1.1.0')
  pack = await boundPack(dir, model.digest, model.size)
  ref = `${reg.host}/models/credit-default:pack-1.1.0`
})
afterAll(async () => {
  await reg?.stop()
  await rm(dir, { recursive: true, force: true })
})

const json = (r: Run): Record<string, any> => JSON.parse(r.out) // eslint-disable-line @typescript-eslint/no-explicit-any
/** The parts of an assessment that do not depend on where the pack was read from. */
const verdictOf = (a: Record<string, any>): Record<string, unknown> => ({ ...a, pack: { ...a.pack, location: null, container: null }, integrity: { ...a.integrity, stats: null }, gate: a.gate ? { ...a.gate, previous: { ...a.gate.previous, location: null } } : null }) // eslint-disable-line @typescript-eslint/no-explicit-any
const skopeo = (image: string): Record<string, any> => JSON.parse(execFileSync('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${image}`], { encoding: 'utf8' })) // eslint-disable-line @typescript-eslint/no-explicit-any

describe('push', () => {
  it('pushes the pack as a referrer of the model; skopeo shows its artifactType, subject and layer digest', async () => {
    const r = await vouch(['push', pack, ref, '--subject', model.digest, H, '--json'])
    expect(r.code, r.err).toBe(EXIT.ok)
    const j = json(r)
    expect(j).toMatchObject({ schema: 'vouch.push-result/v1', ok: true, referrers: 'tag-schema', subject: { digest: model.digest, namedByPack: true } })
    const m = skopeo(`${reg.host}/models/credit-default@${j.manifest.digest}`)
    expect(m.artifactType).toBe(MT.packArtifact)
    expect(m.subject.digest).toBe(model.digest)
    expect(m.layers.map((l: { digest: string }) => l.digest)).toEqual([j.layer.digest])
    expect(m.annotations['dev.vouch.pack.digest']).toBe(`sha256:${j.pack.digest}`)
    // The fallback index (distribution 2.8 has no referrers API), as skopeo sees it.
    const idx = skopeo(`${reg.host}/models/credit-default:${referrersTag(model.digest)}`)
    expect(idx.manifests).toEqual([expect.objectContaining({ digest: j.manifest.digest, artifactType: MT.packArtifact })])
  })

  it('is idempotent and container-blind: again, or from a zip of the same pack, gives the same manifest and uploads no layer', async () => {
    const first = json(await vouch(['push', pack, ref, '--subject', model.digest, H, '--json']))
    expect((await vouch(['pack', pack, '-o', 'bound.zip'])).code).toBe(EXIT.ok)
    const again = json(await vouch(['push', 'bound.zip', ref, '--subject', model.digest, H, '--json']))
    expect(again.manifest.digest).toBe(first.manifest.digest)
    expect(again.layer.uploaded).toBe(false)
    expect(skopeo(`${reg.host}/models/credit-default:${referrersTag(model.digest)}`).manifests).toHaveLength(1)
  })

  it('refuses a pack that does not verify, before any upload', async () => {
    const broken = await boundPack(dir, model.digest, model.size)
    await writeFile(join(broken, 'data', 'evaluation', 'metrics.json'), '{"tampered": true}\n')
    const r = await vouch(['push', broken, `${reg.host}/models/broken:1`, H])
    expect(r.code).toBe(EXIT.failed)
    expect(r.err).toMatch(/does not verify.*nothing was uploaded.*\[pack-not-verified\]/)
    expect(execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', `http://${reg.host}/v2/models/broken/tags/list`], { encoding: 'utf8' })).toBe('404')
  })
})

describe('sign --push, gate, pull and log', () => {
  const gateArgs = (): string[] => ['gate', `${reg.host}/models/credit-default@${model.digest}`, '--trust', 'trust.txt', '--require-approval', H]

  it('gate blocks the model while its pack is unapproved and passes once engineer and owner have signed and pushed', async () => {
    const before = await vouch([...gateArgs(), '--json'])
    expect(before.code).toBe(EXIT.failed)
    expect(json(before)).toMatchObject({ decision: 'blocked', status: 'not-approved', exitCode: 1, decidingPack: 0, packs: [{ status: 'not-approved', binding: { bound: true } }] })
    // The assessment is embedded as vouch verify --json embeds it, with the requirement that failed.
    expect(json(before).assessment).toMatchObject({ schema: 'vouch.assessment/v1', status: 'not-approved', requirements: [{ kind: 'approval', met: false }] })
    expect(json(before).assessment.pack.location).toBe(`${reg.host}/models/credit-default@${json(before).packs[0].manifest}`)
    expect(before.code).toBe(json(before).exitCode)
    expect((await vouch(gateArgs().filter((a) => a !== '--require-approval'))).code).toBe(EXIT.ok)
    const eng = await sign(dir, pack, 'engineer', ['--push', ref, H])
    expect(eng.code, eng.err).toBe(EXIT.ok)
    expect(eng.out).toMatch(/pushed to .* as sha256:/)
    expect((await vouch(gateArgs())).code).toBe(EXIT.failed)
    await new Promise((r) => setTimeout(r, 1100)) // a later signedAt for the owner (seconds resolution)
    expect((await sign(dir, pack, 'owner', ['--push', ref, H])).code).toBe(EXIT.ok)
    const after = await vouch(gateArgs())
    expect(after.code, after.out + after.err).toBe(EXIT.ok)
    expect(after.out).toMatch(/^PASS .*\n {2}APPROVED: credit-default-risk@1\.1\.0/)
    expect(after.out).toMatch(/ {4}APPROVED {2}credit-default-risk 1\.1\.0 .*\(decides\)\n[\s\S]* {6}required +approval: met/)
    // Pushing the signed pack again changes nothing in the registry: the sign-offs are already there.
    const again = json(await vouch(['push', pack, ref, '--subject', model.digest, H, '--json']))
    expect(again.signoffs.map((s: { added: boolean }) => s.added)).toEqual([false, false])
  })

  it('pull embeds every pushed sign-off, and the pulled zip verifies as Approved', async () => {
    const r = await vouch(['pull', ref, '-o', 'pulled.zip', H])
    expect(r.code, r.err).toBe(EXIT.ok)
    expect(r.out).toMatch(/resolved +pack-1\.1\.0 -> sha256:/)
    expect(r.out).toMatch(/2 embedded/)
    expect((await vouch(['verify', 'pulled.zip', '--trust', 'trust.txt', '--require-approval'])).code).toBe(EXIT.ok)
    const byModel = await vouch(['pull', `${reg.host}/models/credit-default@${model.digest}`, '-o', 'by-model', H, '--json'])
    expect(json(byModel)).toMatchObject({ ok: true, container: 'folder', signoffs: [{}, {}] })
    expect((await readdir(join(dir, 'by-model', 'signoffs'))).length).toBe(2)
    // One verdict: the gate's assessment is the one vouch verify gives the pulled copy.
    const verified = json(await vouch(['verify', 'pulled.zip', '--trust', 'trust.txt', '--require-approval', '--json']))
    const gated = json(await vouch(['gate', `${reg.host}/models/credit-default@${model.digest}`, '--trust', 'trust.txt', '--require-approval', H, '--json']))
    expect(gated).toMatchObject({ ok: verified.ok, status: verified.status, exitCode: verified.exitCode })
    expect(verdictOf(gated.assessment)).toEqual(verdictOf(verified.assessment))
  })

  it('gate --against the previous release in the registry applies the release gate as verify --against does', async () => {
    const prev = json(await vouch(['push', SAMPLE_PREVIOUS, `${reg.host}/models/credit-default:pack-1.0.0`, H, '--json']))
    const against = `${reg.host}/models/credit-default@${prev.manifest.digest}`
    const r = await vouch([...gateArgs(), '--against', against, '--json'])
    // Engineer and owner approved without acknowledging the diff's blockers: their approvals do not count.
    expect(r.code).toBe(EXIT.failed)
    const g = json(r)
    expect(g).toMatchObject({ decision: 'blocked', status: 'not-approved', against: { reference: against, pack: { version: '1.0.0' } } })
    expect(g.assessment.gate).toMatchObject({ verdict: 'blocked', previous: { version: '1.0.0', location: against } })
    const v = json(await vouch(['verify', 'pulled.zip', '--trust', 'trust.txt', '--require-approval', '--against', SAMPLE_PREVIOUS, '--json']))
    expect(verdictOf(g.assessment)).toEqual(verdictOf(v.assessment))
    const text = await vouch([...gateArgs(), '--against', against])
    expect(text.out).toMatch(/^BLOCKED .*\n {2}NOT APPROVED: [\s\S]*against +credit-default-risk@1\.0\.0 +.*@sha256:[\s\S]*against +credit-default-risk 1\.0\.0: BLOCKED/)
    // The previous release must be readable, and one pack.
    const none = await vouch([...gateArgs(), '--against', `${reg.host}/models/credit-default@${model.digest.replace(/.$/, (c) => (c === '0' ? '1' : '0'))}`, '--json'])
    expect(none.code).toBe(EXIT.unreadable)
    expect(json(none)).toMatchObject({ ok: false, decision: 'undecided', error: { which: 'previous', code: 'not-found' } })
    expect(none.err).toMatch(/could not decide: the previous release: .*\[not-found\]; treat as blocked/)
  })

  it('gate --require-reproducible gives the assessment verify --require-reproducible gives the pulled copy', async () => {
    const r = await vouch([...gateArgs(), '--require-reproducible', '--json'])
    const g = json(r)
    expect(g.requirements).toEqual({ approval: true, reproducible: true })
    expect(g.assessment.requirements.map((q: { kind: string }) => q.kind)).toEqual(['approval', 'reproducible'])
    // The sample claims an out-of-time AUC on data it does not ship: approved, but not reproducible.
    expect(g).toMatchObject({ ok: false, decision: 'blocked', status: 'not-reproducible' })
    expect(r.code).toBe(EXIT.failed)
    const v = json(await vouch(['verify', 'pulled.zip', '--trust', 'trust.txt', '--require-approval', '--require-reproducible', '--json']))
    expect(v).toMatchObject({ status: 'not-reproducible', exitCode: EXIT.failed })
    expect(verdictOf(g.assessment)).toEqual(verdictOf(v.assessment))
  })

  it('log lists the history in time order, and reports a sign-off deleted from a pulled copy', async () => {
    const r = await vouch(['log', ref, H, '--json'])
    expect(r.code).toBe(EXIT.ok)
    const entries = json(r).entries as { role: string; status: string; signedAt: string }[]
    expect(entries.map((e) => [e.role, e.status])).toEqual([['engineer', 'valid'], ['owner', 'valid']])
    expect(entries[0]!.signedAt < entries[1]!.signedAt).toBe(true)
    expect((await vouch(['log', ref, H, '--pack', 'pulled.zip'])).code).toBe(EXIT.ok)
    // Delete the owner's sign-off from a pulled copy, re-zip it: the copy still verifies, but log sees the removal.
    expect((await vouch(['pull', ref, '-o', 'copy', H])).code).toBe(EXIT.ok)
    const owner = (await readdir(join(dir, 'copy', 'signoffs'))).find((n) => n.includes('-owner-'))!
    await rm(join(dir, 'copy', 'signoffs', owner))
    expect((await vouch(['pack', 'copy', '-o', 'copy.zip'])).code).toBe(EXIT.ok)
    expect((await vouch(['verify', 'copy.zip'])).code).toBe(EXIT.ok)
    const diff = await vouch(['log', ref, H, '--pack', 'copy.zip'])
    expect(diff.code).toBe(EXIT.failed)
    expect(diff.out).toMatch(/MISSING LOCALLY .* owner approve by bob\.owner/)
  })
})

describe('gate blocks', () => {
  it('a model no pack refers to', async () => {
    const bare = await pushModel(reg.host, 'models/credit-default', 'v2-bare', 'weights nobody vouched for')
    const r = await vouch(['gate', `${reg.host}/models/credit-default@${bare.digest}`, '--trust', 'trust.txt', H])
    expect(r.code).toBe(EXIT.failed)
    expect(r.out).toMatch(/^BLOCKED[\s\S]*no pack: no Vouch pack refers to/)
  })

  it('a model whose pack was tampered with (pushed with --allow-failed)', async () => {
    const m = await pushModel(reg.host, 'models/credit-default', 'v3', 'weights of model 3')
    const tampered = await boundPack(dir, m.digest, m.size)
    await writeFile(join(tampered, 'data', 'model-card.md'), 'edited after the build\n')
    expect((await vouch(['push', tampered, `${reg.host}/models/credit-default:pack-3`, '--subject', m.digest, '--allow-failed', H])).code).toBe(EXIT.ok)
    const r = await vouch(['gate', `${reg.host}/models/credit-default@${m.digest}`, '--trust', 'trust.txt', H, '--json'])
    expect(r.code).toBe(EXIT.failed)
    expect(json(r)).toMatchObject({ decision: 'blocked', status: 'failed', exitCode: 1, packs: [{ status: 'failed' }], assessment: { integrity: { status: 'failed' } } })
    expect(json(r).reason).toMatch(/^FAILED: credit-default-risk@1\.1\.0 .*data\/model-card\.md: changed since the pack was built/)
  })

  it('a model whose only pack does not name it (an approved pack attached to another model)', async () => {
    const m = await pushModel(reg.host, 'models/credit-default', 'v4', 'weights of model 4')
    const p = await vouch(['push', 'pulled.zip', `${reg.host}/models/credit-default:pack-for-v4`, '--subject', m.digest, H])
    expect(p.code).toBe(EXIT.ok)
    expect(p.err).toMatch(/does not name .*vouch gate will not accept/)
    const r = await vouch(['gate', `${reg.host}/models/credit-default@${m.digest}`, '--trust', 'trust.txt', '--require-approval', H, '--json'])
    expect(r.code).toBe(EXIT.failed)
    // Unbound: the pack is intact and approved (its assessment says so), but it names another model.
    expect(json(r)).toMatchObject({ status: 'unbound', exitCode: 1, packs: [{ status: 'unbound', binding: { bound: false }, assessment: { status: 'approved' } }] })
  })

  it('a model with a trusted rejection in any of its packs, even when another pack is approved', async () => {
    const m = await pushModel(reg.host, 'models/credit-default', 'v5', 'weights of model 5')
    const approved = await boundPack(dir, m.digest, m.size)
    for (const role of ['engineer', 'owner'] as const) expect((await sign(dir, approved, role)).code).toBe(EXIT.ok)
    expect((await vouch(['push', approved, `${reg.host}/models/credit-default:pack-5a`, '--subject', m.digest, H])).code).toBe(EXIT.ok)
    const gateM = ['gate', `${reg.host}/models/credit-default@${m.digest}`, '--trust', 'trust.txt', '--require-approval', H]
    expect((await vouch(gateM)).code).toBe(EXIT.ok)
    const other = await boundPack(dir, m.digest, m.size, (doc) => (doc.description = `${String(doc.description)} Revalidated.`))
    expect((await sign(dir, other, 'owner', [], 'reject')).code).toBe(EXIT.ok)
    expect((await vouch(['push', other, `${reg.host}/models/credit-default:pack-5b`, '--subject', m.digest, H])).code).toBe(EXIT.ok)
    const r = await vouch(gateM)
    expect(r.code).toBe(EXIT.failed)
    expect(r.out).toMatch(/^BLOCKED .*\n {2}REJECTED: /)
    // Neither pack can be the previous release of another: gate asks for one, as pull does.
    const several = await vouch([...gateM, '--against', `${reg.host}/models/credit-default@${m.digest}`])
    expect(several.code).toBe(EXIT.usage)
    expect(several.err).toMatch(/--against: 2 packs refer to sha256:/)
  })
})

describe('interop', () => {
  it('pulls a pack whose layer GNU tar made and whose manifest curl wrote to the distribution API', async () => {
    const base = `http://${reg.host}/v2/interop/pack`
    const upload = (file: string): { digest: string; size: number } => {
      const digest = `sha256:${execFileSync('sha256sum', [file], { encoding: 'utf8' }).split(' ')[0]}`
      const headers = execFileSync('curl', ['-s', '-D', '-', '-o', '/dev/null', '-X', 'POST', `${base}/blobs/uploads/`], { encoding: 'utf8' })
      const loc = /^location: (.+)$/im.exec(headers)![1]!.trim()
      const url = new URL(loc, base)
      url.searchParams.set('digest', digest)
      expect(execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PUT', '-H', 'Content-Type: application/octet-stream', '--data-binary', `@${file}`, url.href], { encoding: 'utf8' })).toBe('201')
      return { digest, size: Number(execFileSync('stat', ['-c', '%s', file], { encoding: 'utf8' })) }
    }
    execFileSync('tar', ['-cf', join(dir, 'gnu.tar'), '-C', SAMPLE, '.'])
    await writeFile(join(dir, 'empty.json'), '{}')
    const layer = upload(join(dir, 'gnu.tar'))
    const config = upload(join(dir, 'empty.json'))
    const manifest = {
      schemaVersion: 2,
      mediaType: MT.ociManifest,
      artifactType: MT.packArtifact,
      config: { mediaType: MT.empty, ...config },
      layers: [{ mediaType: MT.packLayerTar, ...layer }]
    }
    await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2))
    expect(execFileSync('curl', ['-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PUT', '-H', `Content-Type: ${MT.ociManifest}`, '--data-binary', `@${join(dir, 'manifest.json')}`, `${base}/manifests/by-curl`], { encoding: 'utf8' })).toBe('201')
    const r = await vouch(['pull', `${reg.host}/interop/pack:by-curl`, '-o', 'by-curl.tar.gz', H])
    expect(r.code, r.err).toBe(EXIT.ok)
    expect((await vouch(['verify', 'by-curl.tar.gz'])).code).toBe(EXIT.ok)
  })
})
