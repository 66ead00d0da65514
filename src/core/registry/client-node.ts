/**
 * A small typed client for the OCI distribution API, one repository at a time: manifests (size-capped,
 * digest-checked), blobs (streamed to a file with the digest and size checked on the way), uploads
 * (POST then PUT), the 401 dance (auth-node.ts) and bounded retries on 429 and 5xx.
 * Chosen over @sigstore/oci, see docs/registry.md "Why a client of our own".
 */
import { createHash } from 'node:crypto'
import { open, unlink } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import { answerChallenge, credentialHint, type AuthContext, type Scope } from './auth-node'
import { parseChallenges, pickChallenge } from './challenge'
import type { Credentials } from './credentials'
import { clean, RegistryError } from './errors'
import { parseManifestDoc, type Descriptor, type ManifestDoc } from './manifest'
import { ALL_MANIFEST_TYPES, LIMITS } from './media-types'
import { isDigest } from './reference'
import { drain, readBody, type HttpResponse, type Method, type Transport } from './transport-node'

export interface ClientOptions {
  readonly registry: string
  readonly repository: string
  readonly transport: Transport
  /** Use http:// (the transport still refuses it unless the host is loopback and plain HTTP was asked). */
  readonly plainHttp?: boolean
  readonly credentials?: Credentials
  readonly credentialsNote?: string
  /** Extra attempts after a 429 or 5xx (default 2). */
  readonly retries?: number
  /** First back-off in ms (doubles each time; a Retry-After header is honoured up to 10 s). Default 500. */
  readonly retryDelayMs?: number
}

export interface FetchedManifest {
  readonly digest: string
  readonly bytes: Uint8Array
  readonly mediaType: string
  readonly doc: ManifestDoc
  readonly etag?: string
}

interface Req {
  readonly method: Method
  /** Path under /v2/<repository>/, or an absolute URL (upload locations). */
  readonly path?: string
  readonly url?: URL
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: Uint8Array | (() => Readable)
  readonly bodyLength?: number
  readonly scope: Scope
  /** Statuses the caller handles itself. */
  readonly expect: readonly number[]
  /** For messages, e.g. "manifest 1.0.0". */
  readonly what: string
}

export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`
}

export class RegistryClient {
  readonly base: URL
  private readonly auth = new Map<Scope, string>()
  private readonly ctx: AuthContext

  constructor(private readonly o: ClientOptions) {
    this.base = new URL(`${o.plainHttp ? 'http' : 'https'}://${o.registry}`)
    this.ctx = { transport: o.transport, repository: o.repository, registryHost: o.registry, credentials: o.credentials, credentialsNote: o.credentialsNote }
  }

  get repository(): string {
    return this.o.repository
  }

  private url(path: string): URL {
    return new URL(`/v2/${this.o.repository}/${path}`, this.base)
  }

  async request(r: Req): Promise<HttpResponse> {
    const url = r.url ?? this.url(r.path ?? '')
    const retries = this.o.retries ?? 2
    let authTried = false
    for (let attempt = 0; ; ) {
      const authz = this.auth.get(r.scope) ?? (r.scope === 'pull' ? this.auth.get('pull,push') : undefined)
      const sameOrigin = url.origin === this.base.origin
      const res = await this.o.transport.send({
        method: r.method,
        url,
        headers: { ...(r.headers ?? {}), ...(authz && sameOrigin ? { authorization: authz } : {}) },
        ...(r.body !== undefined ? { body: r.body } : {}),
        ...(r.bodyLength !== undefined ? { bodyLength: r.bodyLength } : {})
      })
      if (r.expect.includes(res.status)) return res
      if (res.status === 401 && !authTried) {
        authTried = true
        const header = res.headers['www-authenticate']
        drain(res)
        const ch = pickChallenge(parseChallenges(Array.isArray(header) ? header.join(', ') : (header ?? '')))
        if (!ch) throw new RegistryError('unauthorized', `${this.o.registry} answered 401 to ${r.what} without a usable challenge; ${credentialHint(this.ctx)}`, 401)
        this.auth.set(r.scope, await answerChallenge(this.ctx, ch, r.scope))
        continue
      }
      if (res.status === 401 || res.status === 403) {
        const detail = await errorDetail(res)
        throw new RegistryError('unauthorized', `${this.o.registry} refused ${r.what} (${res.status}${detail}); ${res.status === 403 ? 'the account lacks permission for this repository' : credentialHint(this.ctx)}`, res.status)
      }
      if (res.status === 429 || res.status >= 500) {
        const detail = await errorDetail(res)
        if (attempt < retries) {
          await sleep(backoff(res, attempt, this.o.retryDelayMs ?? 500))
          attempt++
          continue
        }
        const code = res.status === 429 ? 'rate-limited' : 'server-error'
        throw new RegistryError(code, `${this.o.registry} answered ${res.status} to ${r.what}${detail}${retries > 0 ? ` (after ${retries + 1} attempts)` : ''}`, res.status)
      }
      const detail = await errorDetail(res)
      if (res.status === 404) throw new RegistryError('not-found', `${r.what} not found in ${this.o.registry}/${this.o.repository}${detail}`, 404)
      throw new RegistryError('unexpected-status', `${this.o.registry} answered ${res.status} to ${r.what}${detail}`, res.status)
    }
  }

  /** GET a manifest or index; checks the digest (of a digest reference, and Docker-Content-Digest when sent). */
  async getManifest(ref: string, what = `manifest ${ref}`): Promise<FetchedManifest> {
    const res = await this.request({ method: 'GET', path: `manifests/${ref}`, headers: { accept: ALL_MANIFEST_TYPES.join(', ') }, scope: 'pull', expect: [200], what })
    const bytes = await readBody(res, LIMITS.manifestBytes, what)
    const digest = sha256Digest(bytes)
    if (isDigest(ref) && digest !== ref) throw new RegistryError('digest-mismatch', `${what}: the registry sent bytes with digest ${digest}, not ${ref}`)
    const sent = headerOf(res, 'docker-content-digest')
    if (sent && sent.startsWith('sha256:') && sent !== digest) throw new RegistryError('digest-mismatch', `${what}: Docker-Content-Digest says ${clean(sent, 80)}, the bytes are ${digest}`)
    const mediaType = headerOf(res, 'content-type') ?? ''
    const etag = headerOf(res, 'etag')
    return { digest, bytes, mediaType, doc: parseManifestDoc(bytes, mediaType, what), ...(etag ? { etag } : {}) }
  }

  /** Like getManifest, but undefined on 404. */
  async findManifest(ref: string, what = `manifest ${ref}`): Promise<FetchedManifest | undefined> {
    try {
      return await this.getManifest(ref, what)
    } catch (e) {
      if (e instanceof RegistryError && e.code === 'not-found') return undefined
      throw e
    }
  }

  async putManifest(ref: string, bytes: Uint8Array, mediaType: string, opts: { ifMatch?: string; what?: string } = {}): Promise<{ readonly digest: string; readonly subject?: string; readonly status: number }> {
    const what = opts.what ?? `manifest ${ref}`
    const res = await this.request({
      method: 'PUT',
      path: `manifests/${ref}`,
      headers: { 'content-type': mediaType, ...(opts.ifMatch ? { 'if-match': opts.ifMatch } : {}) },
      body: bytes,
      scope: 'pull,push',
      expect: [201, 412],
      what: `pushing ${what}`
    })
    drain(res)
    const digest = sha256Digest(bytes)
    if (res.status === 412) return { digest, status: 412 }
    const sent = headerOf(res, 'docker-content-digest')
    if (sent && sent.startsWith('sha256:') && sent !== digest) throw new RegistryError('digest-mismatch', `pushing ${what}: the registry stored ${clean(sent, 80)}, not ${digest}`)
    const subject = headerOf(res, 'oci-subject')
    return { digest, status: 201, ...(subject ? { subject } : {}) }
  }

  async blobExists(digest: string): Promise<boolean> {
    const res = await this.request({ method: 'HEAD', path: `blobs/${digest}`, scope: 'pull', expect: [200, 404], what: `blob ${digest}` })
    drain(res)
    return res.status === 200
  }

  /** Uploads a blob unless the repository has it. Returns true when bytes were sent. */
  async pushBlob(digest: string, size: number, body: Uint8Array | (() => Readable), what: string): Promise<boolean> {
    if (await this.blobExists(digest)) return false
    const start = await this.request({ method: 'POST', path: 'blobs/uploads/', scope: 'pull,push', expect: [202], what: `starting the upload of ${what}` })
    drain(start)
    const loc = headerOf(start, 'location')
    if (!loc) throw new RegistryError('unexpected-status', `${this.o.registry} started an upload of ${what} without a Location`)
    let url: URL
    try {
      url = new URL(loc, start.url)
    } catch {
      throw new RegistryError('unexpected-status', `${this.o.registry} gave an invalid upload Location for ${what}`)
    }
    url.searchParams.set('digest', digest)
    const put = await this.request({ method: 'PUT', url, headers: { 'content-type': 'application/octet-stream' }, body, bodyLength: size, scope: 'pull,push', expect: [201], what: `uploading ${what}` })
    drain(put)
    return true
  }

  /** A small blob in memory, checked against its descriptor (size first, then digest). */
  async fetchBlobBytes(d: Descriptor, max: number, what: string): Promise<Buffer> {
    if (d.size > max) throw new RegistryError('too-large', `${what} is ${d.size} bytes, over the ${max}-byte limit`)
    const res = await this.request({ method: 'GET', path: `blobs/${d.digest}`, scope: 'pull', expect: [200], what })
    const bytes = await readBody(res, d.size, what).catch((e: unknown) => {
      throw e instanceof RegistryError && e.code === 'too-large' ? new RegistryError('digest-mismatch', `${what}: more bytes than the ${d.size} its descriptor says`) : e
    })
    if (bytes.length !== d.size) throw new RegistryError('digest-mismatch', `${what}: ${bytes.length} bytes, its descriptor says ${d.size}`)
    const got = sha256Digest(bytes)
    if (got !== d.digest) throw new RegistryError('digest-mismatch', `${what}: bytes with digest ${got}, not ${d.digest}: refused`)
    return bytes
  }

  /** Streams a blob into a new file at `path` (exclusive create), hashing on the way; the file is removed on any failure. */
  async fetchBlobToFile(d: Descriptor, path: string, what: string, onBytes?: (n: number) => void): Promise<void> {
    const res = await this.request({ method: 'GET', path: `blobs/${d.digest}`, scope: 'pull', expect: [200], what })
    const fh = await open(path, 'wx', 0o600).catch((e: unknown) => {
      res.body.destroy()
      throw new RegistryError('write-failed', `cannot create a temporary file for ${what}: ${(e as Error).message}`)
    })
    const hash = createHash('sha256')
    let n = 0
    try {
      try {
        for await (const c of res.body as AsyncIterable<Buffer>) {
          n += c.length
          if (n > d.size) throw new RegistryError('digest-mismatch', `${what}: more bytes than the ${d.size} its descriptor says: refused`)
          hash.update(c)
          await fh.write(c).catch((e: unknown) => {
            throw new RegistryError('write-failed', `writing ${what} to a temporary file failed: ${(e as Error).message}`)
          })
          onBytes?.(c.length)
        }
      } catch (e) {
        res.body.destroy()
        if (e instanceof RegistryError) throw e
        throw new RegistryError('connection-closed', `${res.url.host} closed the connection after ${n} of ${d.size} bytes of ${what}`)
      }
      if (!res.body.complete || n < d.size) throw new RegistryError('connection-closed', `${res.url.host} closed the connection after ${n} of ${d.size} bytes of ${what}`)
      const got = `sha256:${hash.digest('hex')}`
      if (got !== d.digest) throw new RegistryError('digest-mismatch', `${what}: bytes with digest ${got}, not ${d.digest}: refused`)
      await fh.sync()
    } catch (e) {
      await fh.close().catch(() => undefined)
      await unlink(path).catch(() => undefined)
      throw e
    }
    await fh.close()
  }
}

function headerOf(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name]
  return Array.isArray(v) ? v[0] : v
}

/** " (CODE: message)" from an OCI error body, when there is one. */
async function errorDetail(res: HttpResponse): Promise<string> {
  try {
    const body = await readBody(res, LIMITS.smallBodyBytes, 'an error body')
    const doc = JSON.parse(body.toString('utf8')) as { errors?: { code?: unknown; message?: unknown }[] }
    const e = doc.errors?.[0]
    if (e && typeof e.code === 'string') return `: ${clean(e.code, 40)}${typeof e.message === 'string' ? ` ${clean(e.message, 160)}` : ''}`
  } catch {
    res.body.destroy()
  }
  return ''
}

function backoff(res: HttpResponse, attempt: number, base: number): number {
  const ra = headerOf(res, 'retry-after')
  if (ra !== undefined && /^\d+$/.test(ra)) return Math.min(Number(ra) * 1000, 10_000)
  return base * 2 ** attempt
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}
