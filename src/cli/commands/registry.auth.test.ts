/**
 * The same flows against a real registry behind htpasswd basic auth: credentials from the
 * environment and from $DOCKER_CONFIG/config.json; wrong or missing credentials fail with exit 3,
 * a clear message, no secret printed and nothing written.
 */
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../command'
import { startRegistry, type RunningRegistry } from '../../core/registry/testing/real-registry'
import { boundPack, makeSigners, pushModel, runner, sign } from './registry-testkit'

const USER = 'vouch-ci'
const PASSWORD = 'Pa55-w0rd-never-printed'
let reg: RunningRegistry
let dir = ''
let vouch: ReturnType<typeof runner>
const envCreds = { VOUCH_REGISTRY_USERNAME: USER, VOUCH_REGISTRY_PASSWORD: PASSWORD }
let dockerEnv: Record<string, string> = {}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-reg-auth-'))
  vouch = runner(dir)
  ;[reg] = await Promise.all([startRegistry({ auth: { username: USER, password: PASSWORD } }), makeSigners(dir)])
  const docker = join(dir, 'docker')
  await mkdir(docker)
  await writeFile(join(docker, 'config.json'), JSON.stringify({ auths: { [`http://${reg.host}`]: { auth: Buffer.from(`${USER}:${PASSWORD}`).toString('base64') } } }))
  dockerEnv = { DOCKER_CONFIG: docker }
})
afterAll(async () => {
  await reg?.stop()
  await rm(dir, { recursive: true, force: true })
})

describe('with basic auth', () => {
  it('push (environment), sign --push, gate and pull (Docker config) and log all work', async () => {
    const model = await pushModel(reg.host, 'models/m', 'v1', 'weights', { username: USER, password: PASSWORD })
    const pack = await boundPack(dir, model.digest, model.size)
    expect((await sign(dir, pack, 'engineer')).code).toBe(EXIT.ok)
    const ref = `${reg.host}/models/m:pack-1`
    const pushed = await vouch(['push', pack, ref, '--subject', model.digest, '--plain-http'], envCreds)
    expect(pushed.code, pushed.err).toBe(EXIT.ok)
    expect(pushed.out).toMatch(/1 in the registry .* \(1 new\)/)
    const owner = await sign(dir, pack, 'owner', ['--push', ref, '--plain-http'], 'approve', dockerEnv)
    expect(owner.code, owner.err).toBe(EXIT.ok)
    const gate = await vouch(['gate', `${reg.host}/models/m@${model.digest}`, '--trust', 'trust.txt', '--require-approval', '--plain-http'], dockerEnv)
    expect(gate.code, gate.out + gate.err).toBe(EXIT.ok)
    expect((await vouch(['pull', ref, '-o', 'p.zip', '--plain-http'], dockerEnv)).code).toBe(EXIT.ok)
    expect((await vouch(['verify', 'p.zip', '--trust', 'trust.txt', '--require-approval'])).code).toBe(EXIT.ok)
    const log = await vouch(['log', ref, '--plain-http', '--pack', 'p.zip'], envCreds)
    expect(log.code, log.err).toBe(EXIT.ok)
    // Both sign-offs are listed (signed within the same second, their order is the log's tie-break, not asserted here).
    expect(log.out).toMatch(/engineer approve by ana\.eng .* valid/)
    expect(log.out).toMatch(/owner approve by bob\.owner .* valid/)
    for (const r of [pushed, owner, gate, log]) expect(r.out + r.err).not.toContain(PASSWORD)
  })

  it('wrong or missing credentials: exit 3, the reason, no secret, nothing written', async () => {
    const before = await readdir(dir)
    const wrong = await vouch(['pull', `${reg.host}/models/m:pack-1`, '-o', 'no.zip', '--plain-http'], { VOUCH_REGISTRY_USERNAME: USER, VOUCH_REGISTRY_PASSWORD: 'not-the-password' })
    expect(wrong.code).toBe(EXIT.unreadable)
    expect(wrong.err).toMatch(/refused .*401.*credentials from environment were refused.*\[unauthorized\]/)
    expect(wrong.err).not.toContain('not-the-password')
    const none = await vouch(['gate', `${reg.host}/models/m:pack-1`, '--trust', 'trust.txt', '--plain-http'])
    expect(none.code).toBe(EXIT.unreadable)
    expect(none.err).toMatch(/requires a login.*VOUCH_REGISTRY_USERNAME/)
    const helper = join(dir, 'helper')
    await mkdir(helper)
    await writeFile(join(helper, 'config.json'), JSON.stringify({ auths: {}, credsStore: 'desktop' }))
    const viaHelper = await vouch(['log', `${reg.host}/models/m:pack-1`, '--plain-http'], { DOCKER_CONFIG: helper })
    expect(viaHelper.code).toBe(EXIT.unreadable)
    expect(viaHelper.err).toMatch(/docker-credential-desktop, which Vouch does not run/)
    expect((await readdir(dir)).sort()).toEqual([...before, 'helper'].sort())
  })
})
