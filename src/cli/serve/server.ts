/**
 * The loopback host: the same contract and handlers as Electron, over HTTP.
 *   GET  /?token=…        sets the HttpOnly token cookie, then redirects to / (token leaves the address bar)
 *   GET  /…               the built renderer
 *   POST /api/<channel>   JSON argument list -> JSON Result
 *   GET  /events          Server-Sent Events (pack:progress, app:openPath)
 *   GET  /download/<id>/<name>  files the host produced (attestations)
 *   POST /upload?name=…   a dropped archive's bytes -> Result<string> (its private temp path)
 */
import { createHash, randomBytes } from 'node:crypto'
import { createWriteStream, existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { SECURITY_HEADERS } from '../../shared/csp'
import { fail, ok, type EventName, type EventPayload, type Result } from '../../shared/contract'
import type { DeliveredFile } from '../../shared/domain'
import { API_PREFIX, EVENTS_PATH, UPLOAD_PATH } from '../../shared/http-transport'
import { packResult } from '../../shared/report-wire'
import { createDispatcher, createHandlers, defaultCore, type CoreApi, type HostDeps, type Logger } from '../../main/handlers'
import { checkRequest, tokenCookie } from './guard'
import { serveStatic } from './static'
import { makeUploadDir } from './upload-dir'

export interface ServeOptions {
  readonly port?: number
  readonly rendererDir: string
  readonly samplesDir: string
  readonly userDataDir: string
  readonly version: string
  readonly startupPath?: string
  /** Where typed relative paths resolve: the folder `vouch serve` was started in. */
  readonly cwd?: string
  readonly log: Logger
  /** Tests inject a fake core and a fixed token. */
  readonly core?: CoreApi
  readonly token?: string
  readonly progressIntervalMs?: number
  readonly maxUploadBytes?: number
}

export interface RunningServer {
  readonly url: string
  readonly port: number
  readonly token: string
  readonly close: () => Promise<void>
}

const MAX_BODY = 2 * 1024 * 1024

export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url')
  const uploads = await makeUploadDir(tmpdir())
  const clients = new Set<ServerResponse>()
  const downloads = new Map<string, { bytes: Uint8Array; name: string; mime: string }>()

  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`
    for (const c of clients) c.write(frame)
  }

  const deliverFile: HostDeps['deliverFile'] = async (bytes, name, mime): Promise<DeliveredFile> => {
    const id = randomBytes(16).toString('hex')
    downloads.set(id, { bytes, name, mime })
    // Keep the last few only: a download is fetched at once by the page that asked for it.
    for (const k of downloads.keys()) if (downloads.size > 8) downloads.delete(k)
    const sha256 = createHash('sha256').update(bytes).digest('hex')
    return { kind: 'download', url: `/download/${id}/${encodeURIComponent(name)}`, fileName: name, bytes: bytes.byteLength, sha256 }
  }

  const handlers = createHandlers(
    {
      host: 'serve',
      version: opts.version,
      userDataDir: opts.userDataDir,
      samplesDir: opts.samplesDir,
      ...(opts.startupPath ? { startupPath: opts.startupPath } : {}),
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      uploadsDir: uploads.path,
      emit,
      log: opts.log,
      deliverFile,
      ...(opts.progressIntervalMs ? { progressIntervalMs: opts.progressIntervalMs } : {})
    },
    opts.core ?? defaultCore
  )
  // The HTTP guard below already refused foreign callers; the dispatcher re-checks its verdict.
  const dispatcher = createDispatcher<{ readonly authorized: boolean }>(handlers, (s) => (s.authorized ? undefined : 'not authorized'), opts.log)

  let port = 0
  const server: Server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      opts.log.error(`serve: ${e instanceof Error ? e.message : String(e)}`)
      if (!res.headersSent) sendJson(res, 500, fail('internal', 'the host could not answer'))
      else res.destroy()
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)
    const verdict = checkRequest(req, url, port, token)
    if (!verdict.ok) {
      opts.log.warn(`serve: refused ${req.method ?? '?'} ${url.pathname}: ${verdict.reason}`)
      res.writeHead(verdict.status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end(`${verdict.reason}: open the URL \`vouch serve\` printed\n`)
      return
    }
    if (verdict.viaQuery && req.method === 'GET') {
      url.searchParams.delete('token')
      res.writeHead(303, { ...SECURITY_HEADERS, 'set-cookie': tokenCookie(token, port), location: url.pathname + url.search }).end()
      return
    }
    const path = url.pathname
    if (req.method === 'POST' && path.startsWith(API_PREFIX)) return api(req, res, path.slice(API_PREFIX.length))
    if (req.method === 'POST' && path === UPLOAD_PATH) return upload(req, res, url)
    if (req.method === 'GET' && path === EVENTS_PATH) return events(res)
    if (req.method === 'GET' && path.startsWith('/download/')) return download(res, path)
    // Browsers ask for it unprompted; the app has none, and a 404 would litter the console.
    if (req.method === 'GET' && path === '/favicon.ico' && !existsSync(join(opts.rendererDir, 'favicon.ico'))) {
      res.writeHead(204, SECURITY_HEADERS).end()
      return
    }
    if (req.method === 'GET' || req.method === 'HEAD') return serveStatic(opts.rendererDir, path, res, SECURITY_HEADERS)
    res.writeHead(405, { ...SECURITY_HEADERS, allow: 'GET, POST' }).end()
  }

  async function api(req: IncomingMessage, res: ServerResponse, channel: string): Promise<void> {
    // JSON only: a cross-site form cannot send this type without a preflight we never answer.
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendJson(res, 415, fail('invalid-argument', 'expected application/json'))
    const body = await readBody(req, MAX_BODY)
    if (body === undefined) return sendJson(res, 413, fail('invalid-argument', 'request body too large'))
    let argList: unknown
    try {
      argList = body.length === 0 ? [] : JSON.parse(body.toString('utf8'))
    } catch {
      return sendJson(res, 400, fail('invalid-argument', 'the request body is not JSON'))
    }
    const result = await dispatcher.dispatch(decodeURIComponent(channel), argList, { authorized: true })
    // A long file list travels packed (src/shared/report-wire.ts); the page's transport unpacks it.
    sendJson(res, 200, result.ok ? ok(packResult(result.value)) : result)
  }

  function events(res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' })
    res.write(': connected\n\n')
    clients.add(res)
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 15_000)
    res.on('close', () => {
      clearInterval(keepAlive)
      clients.delete(res)
    })
  }

  function download(res: ServerResponse, path: string): void {
    const id = path.split('/')[2] ?? ''
    const d = downloads.get(id)
    if (!d) {
      res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' }).end('this download has expired: export again\n')
      return
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-type': d.mime,
      'content-length': String(d.bytes.byteLength),
      'content-disposition': `attachment; filename="${d.name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(d.name)}`
    })
    res.end(Buffer.from(d.bytes.buffer, d.bytes.byteOffset, d.bytes.byteLength))
  }

  async function upload(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const max = opts.maxUploadBytes ?? 8 * 1024 ** 3
    const declared = Number(req.headers['content-length'] ?? NaN)
    if (Number.isFinite(declared) && declared > max) return sendJson(res, 413, fail('invalid-argument', 'the dropped file is too large'))
    const name = safeName(url.searchParams.get('name') ?? 'dropped')
    const dir = await uploads.sub()
    const target = join(dir, name)
    let seen = 0
    req.on('data', (chunk: Buffer) => {
      seen += chunk.length
      if (seen > max) req.destroy(new Error('too large'))
    })
    try {
      await pipeline(req, createWriteStream(target, { flags: 'wx', mode: 0o600 }))
    } catch {
      await rm(dir, { recursive: true, force: true })
      return sendJson(res, 400, fail('unreadable', 'the dropped file could not be received'))
    }
    sendJson(res, 200, ok(target))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    // Loopback only: never reachable from another machine.
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const address = server.address()
  port = typeof address === 'object' && address ? address.port : 0

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: async () => {
      for (const c of clients) c.end()
      clients.clear()
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      // Before waiting: a request left unread (a 413) keeps its connection, and close() would wait for it forever.
      server.closeAllConnections()
      await closed
      await uploads.remove()
    }
  }
}

function sendJson(res: ServerResponse, status: number, body: Result<unknown>): void {
  // Encoded once (not measured, then encoded again): a verify report can be megabytes.
  const bytes = Buffer.from(JSON.stringify(body))
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length) })
  res.end(bytes)
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > max) return undefined
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function safeName(raw: string): string {
  const base = basename(raw.replace(/\\/g, '/')).replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 120)
  return base === '' || base === '.' || base === '..' ? 'dropped' : base
}
