/**
 * Faults the real registry cannot produce, from a tiny loopback registry: the bearer-token flow,
 * the referrers API, blob redirects to another origin, TLS with a private CA, and 401 / 404 / 429 /
 * 5xx / a connection closed mid-blob / wrong bytes / oversized documents / redirect loops / a
 * registry that is down. Each fault: a clear message, exit 3, and nothing written locally.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { gzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../command'
import { buildArtifactManifest } from '../../core/registry/manifest'
import { MT } from '../../core/registry/media-types'
import { startFakeRegistry, startFakeStorage, type FakeRegistry } from '../../core/registry/testing/fake-registry'
import { makeSigners, runner, SAMPLE, sign, type Run } from './registry-testkit'

const CREDS = { VOUCH_REGISTRY_USERNAME: 'ci', VOUCH_REGISTRY_PASSWORD: 'tok-secret-42' }
let fake: FakeRegistry
let dir = ''
let tmp = ''
let vouch: ReturnType<typeof runner>
let ref = ''
let layerDigest = ''
const savedTmp = process.env.TMPDIR

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-reg-faults-'))
  tmp = await mkdtemp(join(tmpdir(), 'vouch-reg-faults-tmp-'))
  vouch = runner(dir, CREDS)
  ;[fake] = await Promise.all([startFakeRegistry({ bearer: { username: 'ci', password: 'tok-secret-42' }, referrersApi: true }), makeSigners(dir)])
  ref = `${fake.host}/packs/demo:1.1.0`
  execFileSync('cp', ['-r', SAMPLE, join(dir, 'pack')])
  expect((await sign(dir, 'pack', 'engineer')).code).toBe(EXIT.ok)
  const pushed = await vouch(['push', 'pack', ref, '--plain-http', '--json'])
  expect(pushed.code, pushed.err).toBe(EXIT.ok)
  const j = JSON.parse(pushed.out)
  expect(j.referrers).toBe('referrers-api')
  layerDigest = j.layer.digest
  // Only now: every command below runs in-process, so its temporary folders go here and can be checked.
  process.env.TMPDIR = tmp
})
afterAll(async () => {
  process.env.TMPDIR = savedTmp
  await fake?.close()
  await rm(dir, { recursive: true, force: true })
  await rm(tmp, { recursive: true, force: true })
})

/** Runs a pull that must fail with exit 3 and `code`, and checks that nothing was left anywhere. */
async function pullFails(code: string, args: readonly string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const before = await readdir(dir)
  const r = await vouch(['pull', ref, '-o', 'out.zip', '--plain-http', ...args], env)
  expect(r.code, r.err).toBe(EXIT.unreadable)
  expect(r.err).toContain(`[${code}]`)
  expect(r.err).toMatch(/nothing was written/)
  expect(r.err).not.toContain('tok-secret-42')
  expect(await readdir(dir)).toEqual(before)
  expect(await readdir(tmp)).toEqual([])
  return r
}

describe('auth and discovery', () => {
  it('follows the bearer challenge with a pull-scoped token, and refuses without credentials', async () => {
    fake.tokenScopes.length = 0
    const ok = await vouch(['pull', ref, '-o', 'ok.zip', '--plain-http'])
    expect(ok.code, ok.err).toBe(EXIT.ok)
    expect(ok.out).toMatch(/1 embedded/)
    expect(fake.tokenScopes).toContain('repository:packs/demo:pull')
    await rm(join(dir, 'ok.zip'))
    const r = await pullFails('unauthorized', [], { VOUCH_REGISTRY_USERNAME: '', VOUCH_REGISTRY_PASSWORD: '' })
    expect(r.err).toMatch(/token service .* refused \(401\)/)
  })

  it('follows a blob redirect to another origin without sending it the registry credentials', async () => {
    const storage = await startFakeStorage(fake.blobs)
    fake.redirectBlobsTo = storage.origin
    try {
      const r = await vouch(['pull', ref, '-o', 'via-storage', '--plain-http'])
      expect(r.code, r.err).toBe(EXIT.ok)
      expect(storage.requests.map((q) => q.path)).toContain(`/blob/${layerDigest}?X-Signature=abc`)
      expect(storage.requests.every((q) => q.authorization === undefined)).toBe(true)
    } finally {
      fake.redirectBlobsTo = undefined
      await storage.close()
    }
  })

  it('trusts a private CA only when given with --ca-file', async () => {
    const certs = await mkdtemp(join(dir, 'tls-'))
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', join(certs, 'k.pem'), '-out', join(certs, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' })
    const tls = await startFakeRegistry({ tls: { key: await readFile(join(certs, 'k.pem'), 'utf8'), cert: await readFile(join(certs, 'c.pem'), 'utf8') }, referrersApi: true })
    try {
      const tref = `${tls.host}/packs/demo:1`
      const refused = await vouch(['push', 'pack', tref])
      expect(refused.code).toBe(EXIT.unreadable)
      expect(refused.err).toMatch(/TLS with 127\.0\.0\.1:\d+ failed.*--ca-file.*\[tls\]/)
      expect((await vouch(['push', 'pack', tref, '--ca-file', join(certs, 'c.pem')])).code).toBe(EXIT.ok)
      expect(await vouch(['push', 'pack', tref, '--plain-http'])).toMatchObject({ code: EXIT.unreadable })
    } finally {
      await tls.close()
    }
  })

  it('reads a gzip pack layer, and leaves out a junk sign-off referrer (reported, not embedded, no effect on the gate)', async () => {
    const gz = gzipSync(fake.blobs.get(layerDigest) as Buffer)
    const put = (b: Buffer): { digest: string; size: number } => {
      const digest = `sha256:${createHash('sha256').update(b).digest('hex')}`
      fake.blobs.set(digest, b)
      return { digest, size: b.length }
    }
    const manifest = Buffer.from(buildArtifactManifest({ artifactType: MT.packArtifact, layers: [{ mediaType: MT.packLayerTarGzip, ...put(gz) }], annotations: {} }))
    const md = put(manifest).digest
    fake.manifests.set('gz', { bytes: manifest, mediaType: MT.ociManifest })
    fake.manifests.set(md, { bytes: manifest, mediaType: MT.ociManifest })
    // A referrer holding a valid envelope whose signature was altered.
    const good = (await readdir(join(dir, 'pack', 'signoffs')))[0] as string
    const env = JSON.parse(await readFile(join(dir, 'pack', 'signoffs', good), 'utf8'))
    env.signatures[0].sig = `${env.signatures[0].sig.slice(0, 10)}${env.signatures[0].sig[10] === 'A' ? 'B' : 'A'}${env.signatures[0].sig.slice(11)}`
    const junk = put(Buffer.from(JSON.stringify(env)))
    const jm = Buffer.from(buildArtifactManifest({ artifactType: MT.signoffArtifact, layers: [{ mediaType: MT.dsseEnvelope, ...junk }], subject: { mediaType: MT.ociManifest, digest: md, size: manifest.length }, annotations: {} }))
    fake.manifests.set(put(jm).digest, { bytes: jm, mediaType: MT.ociManifest })
    const r = await vouch(['pull', `${fake.host}/packs/demo:gz`, '-o', 'gz.tar', '--plain-http', '--json'])
    expect(r.code, r.err).toBe(EXIT.ok)
    expect(JSON.parse(r.out)).toMatchObject({ verified: true, signoffs: [], notEmbedded: [{ status: 'invalid', problem: expect.stringMatching(/signoff-signature-invalid/) }] })
    const g = await vouch(['gate', `${fake.host}/packs/demo@${md}`, '--trust', 'trust.txt', '--plain-http', '--json'])
    expect(g.code, g.out).toBe(EXIT.ok)
    expect(JSON.parse(g.out).packs[0]).toMatchObject({ status: 'verified', signoffsNotEmbedded: [{ status: 'invalid' }] })
    // docs/cli.md documents every key of the gate's --json, top level and per pack.
    const doc = await readFile(resolve(__dirname, '../../../docs/cli.md'), 'utf8')
    const section = doc.slice(doc.indexOf('### vouch gate'), doc.indexOf('### vouch log'))
    const gj = JSON.parse(g.out)
    expect(section).toContain(`\`${gj.schema}\``)
    const undocumented = [...Object.keys(gj), ...Object.keys(gj.packs[0])].filter((k) => !section.includes(`\`${k}\``) && !section.includes(`\`${k}[]\``))
    expect(undocumented).toEqual([])
  })

  it('push and pull call a pack with an invalid sign-off envelope FAILED, as verify does, and write nothing', async () => {
    const bad = join(dir, 'bad-envelope')
    execFileSync('cp', ['-r', join(dir, 'pack'), bad])
    const name = (await readdir(join(bad, 'signoffs')))[0] as string
    const env = JSON.parse(await readFile(join(bad, 'signoffs', name), 'utf8'))
    env.signatures[0].sig = `${env.signatures[0].sig[0] === 'A' ? 'B' : 'A'}${env.signatures[0].sig.slice(1)}`
    await writeFile(join(bad, 'signoffs', name), JSON.stringify(env))
    expect((await vouch(['verify', 'bad-envelope'])).out).toMatch(/^FAILED/)
    const seen = fake.requests.length
    const p = await vouch(['push', 'bad-envelope', `${fake.host}/packs/bad:1`, '--plain-http'])
    expect(p.code).toBe(EXIT.failed)
    expect(p.out).toMatch(/^FAILED[\s\S]*signoff-signature-invalid/)
    expect(p.err).toMatch(/does not verify \(failed, 1 error\); nothing was uploaded.*\[pack-not-verified\]/)
    expect(fake.requests.slice(seen).filter((q) => q.method !== 'GET' && q.method !== 'HEAD')).toEqual([])
    // A producer whose layer carries signoffs/ with that envelope: pull refuses it as verify would.
    execFileSync('tar', ['-cf', join(dir, 'with-signoffs.tar'), '-C', bad, '.'])
    const layer = await readFile(join(dir, 'with-signoffs.tar'))
    const ld = `sha256:${createHash('sha256').update(layer).digest('hex')}`
    fake.blobs.set(ld, layer)
    const m = Buffer.from(buildArtifactManifest({ artifactType: MT.packArtifact, layers: [{ mediaType: MT.packLayerTar, digest: ld, size: layer.length }], annotations: {} }))
    fake.manifests.set('with-signoffs', { bytes: m, mediaType: MT.ociManifest })
    const before = await readdir(dir)
    const r = await vouch(['pull', `${fake.host}/packs/demo:with-signoffs`, '-o', 'ws.zip', '--plain-http'])
    expect(r.code).toBe(EXIT.failed)
    expect(r.out).toMatch(/^FAILED[\s\S]*signoff-signature-invalid/)
    expect(r.err).toMatch(/\[pack-not-verified\]/)
    expect(await readdir(dir)).toEqual(before)
    await rm(bad, { recursive: true })
    await rm(join(dir, 'with-signoffs.tar'))
  })

  it('allows plain HTTP only to loopback, before any connection', async () => {
    const r = await vouch(['pull', 'registry.example.com/a:1', '-o', 'x.zip', '--plain-http'])
    expect(r.code).toBe(EXIT.usage)
    expect(r.err).toMatch(/only allowed for a loopback registry/)
    const noTls = await vouch(['log', ref])
    expect(noTls.code).toBe(EXIT.unreadable)
  })
})

describe('faults: exit 3, a clear message, nothing written', () => {
  const blobOf = (path: string): boolean => path.endsWith(`/blobs/${layerDigest}`)

  it('429 (after retrying, honouring Retry-After) and 5xx', async () => {
    let n = 0
    fake.fault = (_req, res, path) => (blobOf(path) ? (n++, res.writeHead(429, { 'retry-after': '0' }).end('{"errors":[{"code":"TOOMANYREQUESTS","message":"slow down"}]}'), true) : false)
    const r = await pullFails('rate-limited')
    expect(r.err).toMatch(/answered 429 .*TOOMANYREQUESTS slow down \(after 3 attempts\)/)
    expect(n).toBe(3)
    fake.fault = (_req, res, path) => (blobOf(path) ? (res.writeHead(503).end(), true) : false)
    await pullFails('server-error')
    // One transient 502 is retried and the pull succeeds.
    let once = true
    fake.fault = (_req, res, path) => (blobOf(path) && once ? ((once = false), res.writeHead(502).end(), true) : false)
    expect((await vouch(['pull', ref, '-o', 'retried.zip', '--plain-http'])).code).toBe(EXIT.ok)
    await rm(join(dir, 'retried.zip'))
    fake.fault = undefined
  })

  it('a connection closed in the middle of the layer', async () => {
    fake.fault = (_req, res, path) => {
      if (!blobOf(path)) return false
      const b = fake.blobs.get(layerDigest) as Buffer
      res.writeHead(200, { 'content-length': b.length })
      res.write(b.subarray(0, b.length >> 1), () => res.destroy())
      return true
    }
    await pullFails('connection-closed')
    fake.fault = undefined
  })

  it('a registry that goes silent in the middle of the layer (idle timeout)', async () => {
    fake.fault = (_req, res, path) => {
      if (!blobOf(path)) return false
      res.writeHead(200, { 'content-length': (fake.blobs.get(layerDigest) as Buffer).length })
      res.write(Buffer.alloc(1024))
      return true
    }
    const t0 = Date.now()
    const r = await pullFails('connection-closed', [], { VOUCH_REGISTRY_TIMEOUT_SECONDS: '1' })
    expect(r.err).toMatch(/sent nothing for 1 s/)
    expect(Date.now() - t0).toBeLessThan(20_000)
    fake.fault = undefined
  })

  it('a layer whose bytes do not match its digest', async () => {
    fake.fault = (_req, res, path) => {
      if (!blobOf(path)) return false
      const b = Buffer.from(fake.blobs.get(layerDigest) as Buffer)
      b[b.length - 2000] = (b[b.length - 2000] as number) ^ 1
      res.writeHead(200, { 'content-length': b.length }).end(b)
      return true
    }
    const r = await pullFails('digest-mismatch')
    expect(r.err).toMatch(/the pack layer: bytes with digest sha256:[0-9a-f]{64}, not sha256:/)
    fake.fault = undefined
  })

  it('an oversized manifest and an oversized referrers index', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024, 0x20)
    fake.fault = (_req, res, path) => (path.endsWith('/manifests/1.1.0') ? (res.writeHead(200, { 'content-type': 'application/vnd.oci.image.manifest.v1+json' }).end(big), true) : false)
    await pullFails('too-large')
    fake.fault = (_req, res, path) => (path.includes('/referrers/') ? (res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end(big), true) : false)
    await pullFails('too-large')
    fake.fault = undefined
  })

  it('a redirect loop, an unknown tag, and a registry that is down', async () => {
    fake.fault = (_req, res, path) => (blobOf(path) ? (res.writeHead(302, { location: path }).end(), true) : false)
    await pullFails('bad-redirect')
    fake.fault = undefined
    const missing = await vouch(['pull', `${fake.host}/packs/demo:nope`, '-o', 'n.zip', '--plain-http'])
    expect(missing.code).toBe(EXIT.unreadable)
    expect(missing.err).toMatch(/manifest nope not found in .*MANIFEST_UNKNOWN.*\[not-found\]/)
    const port = await new Promise<number>((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port
        s.close(() => r(p))
      })
    })
    const down = await vouch(['gate', `127.0.0.1:${port}/packs/demo:1`, '--trust', 'trust.txt', '--plain-http', '--json'])
    expect(down.code).toBe(EXIT.unreadable)
    expect(JSON.parse(down.out)).toMatchObject({ ok: false, decision: 'undecided', error: { code: 'unreachable' } })
    expect(down.err).toMatch(/connection refused.*treat as blocked/)
  })

  it('Ctrl-C in the middle of a download leaves no half-written pack and no temporary files', async () => {
    fake.fault = (_req, res, path) => {
      if (!blobOf(path)) return false
      const b = fake.blobs.get(layerDigest) as Buffer
      res.writeHead(200, { 'content-length': b.length })
      res.write(b.subarray(0, 4096)) // and then nothing: the download hangs
      return true
    }
    const script = join(dir, 'cli.mts')
    await writeFile(script, `import { runCli } from ${JSON.stringify(pathToFileURL(resolve(__dirname, '../main.ts')).href)}\nconst io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t), isTTY: false, env: process.env, cwd: process.cwd() }\nrunCli(process.argv.slice(2), io).then((c) => { process.exitCode = c })\n`)
    const before = (await readdir(dir)).sort()
    const seen = fake.requests.length
    const child = spawn(process.execPath, ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href, script, 'pull', ref, '-o', 'stalled', '--plain-http'], {
      cwd: dir,
      env: { ...process.env, ...CREDS, TMPDIR: tmp },
      stdio: 'ignore'
    })
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
    try {
      for (let i = 0; i < 400 && !fake.requests.slice(seen).some((q) => blobOf(q.path) && q.method === 'GET'); i++) await new Promise((r) => setTimeout(r, 25))
      // tsx keeps its own cache in TMPDIR; ours are the vouch-* folders.
      const ours = async (): Promise<string[]> => (await readdir(tmp)).filter((n) => n.startsWith('vouch-'))
      expect(await ours()).toHaveLength(1) // the pull's private work folder, mid-download
      child.kill('SIGINT')
      expect(await exited).toBe(130)
      expect((await readdir(dir)).sort()).toEqual(before)
      expect(await ours()).toEqual([])
    } finally {
      child.kill('SIGKILL')
      await rm(tmp, { recursive: true, force: true })
      await mkdir(tmp)
    }
    await rm(script)
    fake.fault = undefined
  })

  it('gate cannot decide (exit 3) when the pack layer cannot be read, and push reports a failing registry', async () => {
    fake.fault = (_req, res, path) => (blobOf(path) ? (res.writeHead(500).end(), true) : false)
    const g = await vouch(['gate', ref, '--trust', 'trust.txt', '--plain-http'])
    expect(g.code).toBe(EXIT.unreadable)
    expect(g.out).toMatch(/^UNDECIDED/)
    fake.fault = (req, res, path) => (req.method === 'PUT' && path.includes('/manifests/') ? (res.writeHead(500).end(), true) : false)
    const p = await vouch(['push', 'pack', `${fake.host}/packs/other:1`, '--plain-http'])
    expect(p.code).toBe(EXIT.unreadable)
    expect(p.err).toMatch(/answered 500 to pushing the pack manifest.*\[server-error\]/)
    expect(await readdir(tmp)).toEqual([])
    fake.fault = undefined
  })
})
