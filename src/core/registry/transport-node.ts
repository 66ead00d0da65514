/**
 * HTTP for registry commands, on node:http and node:https rather than fetch: Node 20's fetch takes no
 * CA option without the undici package, and we need streaming bodies, an idle timeout and our own
 * redirect rules. Rules (docs/registry.md "Transport"):
 * - TLS always, verified against Node's bundled roots plus the system bundle plus --ca-file;
 *   plain HTTP only when asked and only to a loopback host. No proxies: only the named hosts are contacted.
 * - Redirects (GET/HEAD only, at most 5): never from https to http; Authorization is dropped as soon
 *   as a hop leaves the registry's origin (distribution spec "API").
 */
import { readFile } from 'node:fs/promises'
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import type { Readable } from 'node:stream'
import { rootCertificates } from 'node:tls'
import { clean, RegistryError } from './errors'
import { isLoopbackHost } from './reference'

export interface TransportOptions {
  /** Extra trusted CA certificates (PEM), e.g. from --ca-file. */
  readonly caPem?: string
  /** Allow http:// to loopback hosts (127.0.0.0/8, ::1, localhost). */
  readonly plainHttp?: boolean
  /** Idle timeout per request and per body read (default 60 s: a registry may take a while to commit a big upload). */
  readonly timeoutMs?: number
  readonly maxRedirects?: number
  /** System CA bundle path; default: SSL_CERT_FILE or the usual Linux/macOS locations. */
  readonly systemCaFile?: string | null
}

export type Method = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'PATCH' | 'DELETE'

export interface HttpRequest {
  readonly method: Method
  readonly url: URL
  readonly headers?: Readonly<Record<string, string>>
  /** Bytes, or a factory for a fresh stream (so a request can be sent again after a 401 or 5xx). */
  readonly body?: Uint8Array | (() => Readable)
  readonly bodyLength?: number
}

export interface HttpResponse {
  readonly status: number
  readonly headers: IncomingHttpHeaders
  /** The URL that answered (after redirects). */
  readonly url: URL
  readonly body: IncomingMessage
}

const SYSTEM_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem']

export class Transport {
  private readonly https: HttpsAgent
  private readonly http: HttpAgent
  readonly timeoutMs: number
  private readonly maxRedirects: number

  private constructor(
    private readonly opts: TransportOptions,
    ca: readonly string[]
  ) {
    this.timeoutMs = opts.timeoutMs ?? 60_000
    this.maxRedirects = opts.maxRedirects ?? 5
    this.https = new HttpsAgent({ keepAlive: true, maxSockets: 4, ca: [...ca] })
    this.http = new HttpAgent({ keepAlive: true, maxSockets: 4 })
  }

  static async create(opts: TransportOptions = {}): Promise<Transport> {
    const ca = [...rootCertificates]
    const candidates = opts.systemCaFile === null ? [] : opts.systemCaFile ? [opts.systemCaFile] : [process.env.SSL_CERT_FILE, ...SYSTEM_BUNDLES]
    for (const f of candidates) {
      if (!f) continue
      const text = await readFile(f, 'utf8').catch(() => undefined)
      if (text !== undefined) {
        ca.push(text)
        break
      }
    }
    if (opts.caPem) ca.push(opts.caPem)
    return new Transport(opts, ca)
  }

  /** Throws unless Vouch may talk to this URL: https, or http to loopback when plain HTTP was asked for. */
  checkUrl(url: URL, why: string): void {
    if (url.protocol === 'https:') return
    if (url.protocol === 'http:' && this.opts.plainHttp && isLoopbackHost(url.hostname)) return
    if (url.protocol === 'http:') {
      throw new RegistryError(
        'plain-http-refused',
        this.opts.plainHttp ? `${why} ${url.host} over plain HTTP refused: --plain-http is only for loopback registries` : `${why} ${url.host} over plain HTTP refused (TLS is required; --plain-http allows it for a loopback registry only)`
      )
    }
    throw new RegistryError('plain-http-refused', `${why} ${clean(url.protocol)} URL refused: only https (or http to loopback) is used`)
  }

  close(): void {
    this.https.destroy()
    this.http.destroy()
  }

  /** Sends one request, following redirects for GET and HEAD. The caller reads or drains `body`. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    let url = req.url
    let headers: Record<string, string> = { ...(req.headers ?? {}) }
    const origin = url.origin
    for (let hop = 0; ; hop++) {
      this.checkUrl(url, hop === 0 ? 'request to' : 'redirect to')
      const res = await this.once(req.method, url, headers, req.body, req.bodyLength)
      const follow = (req.method === 'GET' || req.method === 'HEAD') && [301, 302, 303, 307, 308].includes(res.statusCode ?? 0)
      if (!follow) return { status: res.statusCode ?? 0, headers: res.headers, url, body: res }
      res.resume()
      const loc = res.headers.location
      if (!loc) throw new RegistryError('bad-redirect', `${url.host} answered ${res.statusCode} without a Location`, res.statusCode)
      if (hop >= this.maxRedirects) throw new RegistryError('bad-redirect', `more than ${this.maxRedirects} redirects, last to ${url.host}`)
      let next: URL
      try {
        next = new URL(loc, url)
      } catch {
        throw new RegistryError('bad-redirect', `${url.host} redirected to an invalid URL`)
      }
      if (url.protocol === 'https:' && next.protocol !== 'https:') throw new RegistryError('plain-http-refused', `redirect from https to ${clean(next.protocol)} (${next.host}) refused`)
      if (next.origin !== origin) {
        // Blob storage (S3, a CDN) gets a pre-signed URL, never the registry's credentials.
        const { authorization: _a, Authorization: _b, cookie: _c, ...rest } = headers
        headers = rest
      }
      url = next
    }
  }

  private once(method: Method, url: URL, headers: Readonly<Record<string, string>>, body: HttpRequest['body'], bodyLength: number | undefined): Promise<IncomingMessage> {
    return new Promise((resolve, reject) => {
      const isHttps = url.protocol === 'https:'
      const h: Record<string, string> = { 'user-agent': 'vouch', ...headers }
      if (body instanceof Uint8Array) h['content-length'] = String(body.length)
      else if (body && bodyLength !== undefined) h['content-length'] = String(bodyLength)
      else if (!body && (method === 'PUT' || method === 'POST' || method === 'PATCH')) h['content-length'] = '0'
      const fn = isHttps ? httpsRequest : httpRequest
      const r = fn(url, { method, headers: h, agent: isHttps ? this.https : this.http }, (res) => {
        res.setTimeout(this.timeoutMs, () => res.destroy(new RegistryError('connection-closed', `${url.host} sent nothing for ${Math.round(this.timeoutMs / 1000)} s in the middle of a body`)))
        resolve(res)
      })
      r.setTimeout(this.timeoutMs, () => r.destroy(Object.assign(new Error(`no answer from ${url.host} within ${Math.round(this.timeoutMs / 1000)} s`), { code: 'ETIMEDOUT' })))
      r.on('error', (e) => reject(networkError(e, url)))
      if (body instanceof Uint8Array) r.end(body)
      else if (body) {
        const s = body()
        s.on('error', (e) => r.destroy(e))
        s.pipe(r)
      } else r.end()
    })
  }
}

const TLS_CODES = /^(CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|ERR_TLS_|ERR_SSL_|EPROTO$|HOSTNAME_MISMATCH)/

export function networkError(e: unknown, url: URL): RegistryError {
  if (e instanceof RegistryError) return e
  const err = e as NodeJS.ErrnoException
  const code = err.code ?? ''
  if (TLS_CODES.test(code)) {
    return new RegistryError('tls', `TLS with ${url.host} failed: ${clean(err.message)} [${code}]; if the registry uses a private CA, pass it with --ca-file`)
  }
  const what: Record<string, string> = {
    ECONNREFUSED: 'connection refused',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'DNS lookup failed',
    EHOSTUNREACH: 'host unreachable',
    ENETUNREACH: 'network unreachable',
    ETIMEDOUT: 'timed out',
    ECONNRESET: 'connection reset'
  }
  return new RegistryError('unreachable', `cannot reach ${url.host}: ${what[code] ?? clean(err.message)}`)
}

/** Reads a whole body of at most `max` bytes; more is 'too-large', a cut-off stream 'connection-closed'. */
export async function readBody(res: HttpResponse, max: number, what: string): Promise<Buffer> {
  const declared = Number(res.headers['content-length'])
  if (Number.isFinite(declared) && declared > max) {
    res.body.destroy()
    throw new RegistryError('too-large', `${what} is ${declared} bytes, over the ${max}-byte limit`)
  }
  const parts: Buffer[] = []
  let n = 0
  try {
    for await (const c of res.body as AsyncIterable<Buffer>) {
      n += c.length
      if (n > max) {
        res.body.destroy()
        throw new RegistryError('too-large', `${what} is over the ${max}-byte limit`)
      }
      parts.push(c)
    }
  } catch (e) {
    if (e instanceof RegistryError) throw e
    throw new RegistryError('connection-closed', `${res.url.host} closed the connection while sending ${what}`)
  }
  if (!res.body.complete) throw new RegistryError('connection-closed', `${res.url.host} closed the connection while sending ${what}`)
  if (Number.isFinite(declared) && n !== declared) throw new RegistryError('connection-closed', `${what}: got ${n} of ${declared} bytes`)
  return Buffer.concat(parts, n)
}

/** Discards a body we do not need (keeps the connection reusable). */
export function drain(res: HttpResponse): void {
  res.body.resume()
}
