/**
 * Tests only: a tiny OCI registry on node:http(s), loopback only, for what the real one cannot do:
 * the bearer-token challenge flow, the referrers API (with OCI-Subject), redirects of blob downloads
 * to another origin, and injected faults (429, 5xx, a connection closed mid-blob, wrong bytes,
 * oversized documents). `fault` sees each request first and may answer it itself.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { createServer as createHttps } from 'node:https'

export interface Recorded {
  readonly method: string
  readonly path: string
  readonly authorization?: string
}

export interface FakeOptions {
  /** Require bearer tokens from /token, which takes these Basic credentials. */
  readonly bearer?: { readonly username: string; readonly password: string }
  /** Serve GET /v2/<name>/referrers/<digest> (otherwise 404, like distribution 2.8). */
  readonly referrersApi?: boolean
  readonly tls?: { readonly key: string; readonly cert: string }
}

export interface FakeRegistry {
  readonly host: string
  readonly origin: string
  readonly requests: Recorded[]
  readonly tokenScopes: string[]
  readonly manifests: Map<string, { bytes: Buffer; mediaType: string }>
  readonly blobs: Map<string, Buffer>
  /** Answer a request before the registry does; return true when handled. */
  fault?: (req: IncomingMessage, res: ServerResponse, path: string) => boolean
  /** Send blob GETs to this origin + /blob/<digest> with a 307 (pre-signed storage URL style). */
  redirectBlobsTo?: string
  close(): Promise<void>
}

const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`

async function body(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const c of req as AsyncIterable<Buffer>) parts.push(c)
  return Buffer.concat(parts)
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)))
}

export async function startFakeRegistry(opts: FakeOptions = {}): Promise<FakeRegistry> {
  const tokens = new Set<string>()
  const uploads = new Map<string, true>()
  const server = opts.tls ? createHttps({ key: opts.tls.key, cert: opts.tls.cert }) : createHttp()
  const fake: FakeRegistry = {
    host: '',
    origin: '',
    requests: [],
    tokenScopes: [],
    manifests: new Map(),
    blobs: new Map(),
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        server.closeAllConnections()
      })
  }
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    void (async () => {
      const url = new URL(req.url ?? '/', fake.origin)
      const path = url.pathname
      fake.requests.push({ method: req.method ?? '', path: `${path}${url.search}`, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) })
      if (fake.fault?.(req, res, path)) return
      if (path === '/token') {
        const expected = opts.bearer ? `Basic ${Buffer.from(`${opts.bearer.username}:${opts.bearer.password}`).toString('base64')}` : ''
        fake.tokenScopes.push(url.searchParams.get('scope') ?? '')
        if (req.headers.authorization !== expected) return void res.writeHead(401).end('{"errors":[{"code":"UNAUTHORIZED","message":"bad credentials"}]}')
        const token = randomBytes(16).toString('hex')
        tokens.add(token)
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ token, expires_in: 300 }))
      }
      if (opts.bearer && !tokens.has((req.headers.authorization ?? '').replace(/^Bearer /, ''))) {
        return void res.writeHead(401, { 'www-authenticate': `Bearer realm="${fake.origin}/token",service="fake-registry"`, 'content-type': 'application/json' }).end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}')
      }
      if (path === '/v2/') return void res.writeHead(200).end('{}')
      const m = /^\/v2\/(.+)\/(manifests|blobs|referrers)\/([^/]+)$/.exec(path)
      const up = /^\/v2\/(.+)\/blobs\/uploads\/([0-9a-f]*)$/.exec(path)
      if (up && req.method === 'POST') {
        const id = randomBytes(8).toString('hex')
        uploads.set(id, true)
        return void res.writeHead(202, { location: `/v2/${up[1]}/blobs/uploads/${id}?state=x` }).end()
      }
      if (up && req.method === 'PUT' && uploads.has(up[2] as string)) {
        const data = await body(req)
        const digest = url.searchParams.get('digest') ?? ''
        if (sha(data) !== digest) return void res.writeHead(400).end('{"errors":[{"code":"DIGEST_INVALID","message":"digest does not match"}]}')
        fake.blobs.set(digest, data)
        return void res.writeHead(201, { location: `/v2/${up[1]}/blobs/${digest}` }).end()
      }
      if (!m) return void res.writeHead(404).end()
      const [, , kind, ref] = m as unknown as [string, string, string, string]
      if (kind === 'blobs') {
        const b = fake.blobs.get(ref)
        if (!b) return void res.writeHead(404).end('{"errors":[{"code":"BLOB_UNKNOWN","message":"blob unknown"}]}')
        if (fake.redirectBlobsTo && req.method === 'GET') return void res.writeHead(307, { location: `${fake.redirectBlobsTo}/blob/${ref}?X-Signature=abc` }).end()
        res.writeHead(200, { 'content-length': b.length, 'docker-content-digest': ref, 'content-type': 'application/octet-stream' })
        return void res.end(req.method === 'HEAD' ? undefined : b)
      }
      if (kind === 'manifests' && req.method === 'PUT') {
        const data = await body(req)
        const mediaType = String(req.headers['content-type'] ?? '')
        const digest = sha(data)
        fake.manifests.set(digest, { bytes: data, mediaType })
        fake.manifests.set(ref, { bytes: data, mediaType })
        const subject = (JSON.parse(data.toString('utf8')) as { subject?: { digest?: string } }).subject?.digest
        return void res.writeHead(201, { 'docker-content-digest': digest, ...(subject && opts.referrersApi ? { 'oci-subject': subject } : {}) }).end()
      }
      if (kind === 'manifests') {
        const e = fake.manifests.get(ref)
        if (!e) return void res.writeHead(404).end('{"errors":[{"code":"MANIFEST_UNKNOWN","message":"manifest unknown"}]}')
        res.writeHead(200, { 'content-type': e.mediaType, 'content-length': e.bytes.length, 'docker-content-digest': sha(e.bytes) })
        return void res.end(req.method === 'HEAD' ? undefined : e.bytes)
      }
      if (kind === 'referrers' && opts.referrersApi) {
        const seen = new Set<string>()
        const manifests = []
        for (const [key, e] of fake.manifests) {
          if (!key.startsWith('sha256:') || seen.has(key)) continue
          seen.add(key)
          const doc = JSON.parse(e.bytes.toString('utf8')) as { subject?: { digest?: string }; artifactType?: string; annotations?: Record<string, string> }
          if (doc.subject?.digest !== ref) continue
          manifests.push({ mediaType: e.mediaType, digest: key, size: e.bytes.length, artifactType: doc.artifactType, ...(doc.annotations ? { annotations: doc.annotations } : {}) })
        }
        return void res.writeHead(200, { 'content-type': 'application/vnd.oci.image.index.v1+json' }).end(JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests }))
      }
      res.writeHead(404).end()
    })().catch(() => res.destroy())
  })
  const port = await listen(server)
  Object.assign(fake, { host: `127.0.0.1:${port}`, origin: `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}` })
  return fake
}

/** Blob storage on another origin (another port): serves /blob/<digest> and records what it was sent. */
export async function startFakeStorage(blobs: ReadonlyMap<string, Buffer>): Promise<{ origin: string; requests: Recorded[]; close(): Promise<void> }> {
  const requests: Recorded[] = []
  const server = createHttp((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) })
    const digest = /^\/blob\/([^?]+)/.exec(req.url ?? '')?.[1] ?? ''
    const b = blobs.get(digest)
    if (!b) return void res.writeHead(404).end()
    res.writeHead(200, { 'content-length': b.length }).end(b)
  })
  const port = await listen(server)
  const close = (): Promise<void> =>
    new Promise((r) => {
      server.close(() => r())
      server.closeAllConnections()
    })
  return { origin: `http://127.0.0.1:${port}`, requests, close }
}
