import { request } from 'node:http'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeCore, makePackFolder } from '../../main/handlers/test-support'
import { createHttpApi } from '../../shared/http-transport'
import { startServer, type RunningServer } from './server'

let dir: string
let srv: RunningServer
const TOKEN = 't0ken-for-tests-0123456789abcdefghijkl'

interface Resp {
  readonly status: number
  readonly headers: Record<string, string | string[] | undefined>
  readonly body: string
}

function http(path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<Resp> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: srv.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${srv.port}`, ...opts.headers } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (c: string) => (body += c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', reject)
    req.end(opts.body)
  })
}
const auth = { authorization: `Bearer ${TOKEN}` }
const post = (channel: string, args: unknown[], headers: Record<string, string> = auth) =>
  http(`/api/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(args) })

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-serve-test-'))
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true })
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Vouch</title>')
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(dir, 'secret.txt'), 'outside the renderer')
  await makePackFolder(join(dir, 'samples', 'sample-a'), { name: 'credit-risk', version: '1.0.0' })
  srv = await startServer({
    rendererDir: join(dir, 'renderer'),
    samplesDir: join(dir, 'samples'),
    userDataDir: join(dir, 'user'),
    version: 'test',
    startupPath: join(dir, 'samples', 'sample-a'),
    log: { warn: () => undefined, error: () => undefined },
    core: fakeCore({ steps: 30, stepMs: 10 }),
    token: TOKEN,
    progressIntervalMs: 50
  })
})
afterAll(async () => {
  await srv.close()
  await rm(dir, { recursive: true, force: true })
})

describe('vouch serve host', () => {
  it('listens on 127.0.0.1 only and prints a tokened URL', () => {
    expect(srv.url).toBe(`http://127.0.0.1:${srv.port}/?token=${TOKEN}`)
  })

  it('is not reachable on another local address', async () => {
    const other = await new Promise<string>((resolve) => {
      const req = request({ host: '127.0.0.2', port: srv.port, path: '/' }, () => resolve('answered'))
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'))
      req.end()
    })
    expect(other).not.toBe('answered') // ECONNREFUSED on Linux
  })

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await http('/')).status).toBe(401)
    expect((await http('/?token=wrong')).status).toBe(401)
    expect((await post('app:info', [], { authorization: 'Bearer wrong' })).status).toBe(401)
    expect((await post('app:info', [], { cookie: `vouch_token_${srv.port}=wrong` })).status).toBe(401)
    // Another host's cookie (cookies ignore ports) is not ours.
    expect((await post('app:info', [], { cookie: `vouch_token_1=${TOKEN}` })).status).toBe(401)
  })

  it('exchanges the URL token for an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    const r = await http(`/?token=${TOKEN}`)
    expect(r.status).toBe(303)
    expect(r.headers.location).toBe('/')
    expect(String(r.headers['set-cookie'])).toMatch(new RegExp(`^vouch_token_${srv.port}=${TOKEN}; HttpOnly; SameSite=Strict`))
    const page = await http('/', { headers: { cookie: `other=1; vouch_token_${srv.port}=${TOKEN}` } })
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>Vouch</title>')
    expect(page.headers['content-security-policy']).toMatch(/default-src 'self'/)
    expect(page.headers['content-security-policy']).not.toMatch(/https?:/)
  })

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with the token', async () => {
    expect((await http('/', { headers: { ...auth, host: `evil.example:${srv.port}` } })).status).toBe(421)
    expect((await http('/', { headers: { ...auth, host: '127.0.0.1:1' } })).status).toBe(421)
    expect((await post('app:info', [], { ...auth, origin: 'http://evil.example' })).status).toBe(403)
    expect((await post('app:info', [], { ...auth, origin: `http://127.0.0.1:${srv.port}.evil.example` })).status).toBe(403)
    expect((await post('app:info', [], { ...auth, 'sec-fetch-site': 'cross-site' })).status).toBe(403)
    expect((await post('app:info', [], { ...auth, origin: `http://127.0.0.1:${srv.port}` })).status).toBe(200)
  })

  it('serves the renderer but nothing outside it', async () => {
    expect((await http('/assets/app.js', { headers: auth })).status).toBe(200)
    expect((await http('/../secret.txt', { headers: auth })).status).toBe(404)
    expect((await http('/%2e%2e/secret.txt', { headers: auth })).status).toBe(404)
    expect((await http('/assets/', { headers: auth })).status).toBe(404)
  })

  it('answers the contract: results, validation errors, JSON only', async () => {
    expect(JSON.parse((await post('app:info', [])).body)).toMatchObject({ ok: true, value: { host: 'serve', dialogs: false } })
    expect(JSON.parse((await post('pack:startup', [])).body)).toEqual({ ok: true, value: join(dir, 'samples', 'sample-a') })
    // Started without a working folder (as Electron is): a relative path is refused in words; `vouch serve` resolves it (handlers-open.test).
    expect(JSON.parse((await post('pack:open', ['relative'])).body)).toMatchObject({ ok: false, error: { code: 'relative-path', message: expect.stringContaining('type the full path') } })
    expect(JSON.parse((await post('pack:open', ['a\u0000b'])).body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(JSON.parse((await post('nope:nope', [])).body)).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(JSON.parse((await post('dialog:openPack', [])).body)).toMatchObject({ ok: false, error: { code: 'unsupported' } })
    const form = await http('/api/app:info', { method: 'POST', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' })
    expect(form.status).toBe(415)
  })

  it('streams progress over Server-Sent Events through the browser transport, and offers the PDF as a download', async () => {
    const frames: string[] = []
    const stream = new Promise<void>((resolve) => {
      const req = request({ host: '127.0.0.1', port: srv.port, path: '/events', headers: { ...auth, host: `127.0.0.1:${srv.port}` } }, (res) => {
        res.setEncoding('utf8')
        res.on('data', (c: string) => frames.push(c))
        res.on('close', () => resolve())
      })
      req.end()
      setTimeout(() => req.destroy(), 900)
    })
    // The transport the renderer uses, with the test's fetch adding the bearer token.
    const api = createHttpApi({
      base: `http://127.0.0.1:${srv.port}`,
      fetch: (input, init) => fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), ...auth } })
    })
    await new Promise((r) => setTimeout(r, 50))
    const opened = await api.pack.open(join(dir, 'samples', 'sample-a'))
    if (!opened.ok) throw new Error(opened.error.message)
    const verified = await api.pack.verify(opened.value.packId, 'sse-job')
    expect(verified.ok && verified.value.status).toBe('verified')
    const exported = await api.attest.export(opened.value.packId)
    if (!exported.ok || exported.value.kind !== 'download') throw new Error('expected a download')
    const dl = await http(exported.value.url, { headers: auth })
    expect(dl.status).toBe(200)
    expect(dl.body).toBe('%PDF')
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="credit-risk-2\.0\.0-attestation\.pdf"/)
    await stream
    const events = frames.join('').split('\n\n').filter((f) => f.startsWith('event: pack:progress'))
    expect(events.length).toBeGreaterThanOrEqual(5)
    expect(events.at(-1)).toContain('"jobId":"sse-job"')
    expect(events.at(-1)).toContain('"filesDone":30')
  })

  it('receives a dropped archive into a private temp file that pack:open accepts', async () => {
    const zip = Buffer.from([0x50, 0x4b, 3, 4, 1, 2, 3])
    const r = await http('/upload?name=..%2F..%2Fevil.zip', { method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: zip })
    const res = JSON.parse(r.body) as { ok: boolean; value: string }
    expect(res.ok).toBe(true)
    expect(res.value.endsWith('evil.zip')).toBe(true)
    expect(res.value).not.toContain('..')
    expect(JSON.parse((await post('pack:open', [res.value])).body)).toMatchObject({ ok: true, value: { container: 'zip' } })
  })
})
