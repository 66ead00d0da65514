/**
 * The contract over HTTP, for the renderer when it runs in a browser against `vouch serve`.
 * Calls are `POST /api/<channel>` with the JSON argument list; events arrive on one
 * Server-Sent-Events stream at `/events`. The token travels in an HttpOnly SameSite=Strict cookie
 * the host set when the page was first loaded, so this module never sees it.
 * Uses only fetch and EventSource (browser globals): no node, no electron.
 */
import { buildApi, transportError, type Invoke, type Subscribe, type VouchApi } from './api'
import { EVENTS, type EventName, type Result } from './contract'
import { unpackResult } from './report-wire'

/** The part of the DOM EventSource this module uses (declared here so the node typecheck passes too). */
interface EventSourceLike {
  addEventListener(type: string, listener: (e: { readonly data: string }) => void): void
  close(): void
}
type EventSourceCtor = new (url: string, init?: { withCredentials?: boolean }) => EventSourceLike

export const API_PREFIX = '/api/'
export const EVENTS_PATH = '/events'
/** POST the bytes of a dropped archive; the host answers a Result<string> with its temp path. */
export const UPLOAD_PATH = '/upload'

export interface HttpApiOptions {
  /** Origin (and base path) of the host; '' means the page's own origin. */
  readonly base?: string
  readonly fetch?: typeof fetch
  readonly EventSource?: EventSourceCtor
}

export function createHttpApi(opts: HttpApiOptions = {}): VouchApi {
  const base = opts.base ?? ''
  const doFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a))

  const invoke: Invoke = async (channel, args) => {
    try {
      const resp = await doFetch(`${base}${API_PREFIX}${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
        body: JSON.stringify(args)
      })
      const body = (await resp.json().catch(() => undefined)) as Result<unknown> | undefined
      if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body.ok ? { ok: true, value: unpackResult(body.value) } : body
      return transportError(`the Vouch host answered ${resp.status} without a result`)
    } catch {
      return transportError('the Vouch host is not reachable (was `vouch serve` stopped?)')
    }
  }

  // One stream for all events, opened on the first subscription.
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  let source: EventSourceLike | undefined
  const ensureSource = (): void => {
    if (source) return
    const Ctor = opts.EventSource ?? (globalThis as unknown as { EventSource?: EventSourceCtor }).EventSource
    if (!Ctor) return
    source = new Ctor(`${base}${EVENTS_PATH}`, { withCredentials: true })
    for (const name of Object.keys(EVENTS) as EventName[]) {
      source.addEventListener(name, (e) => {
        let payload: unknown
        try {
          payload = JSON.parse(e.data)
        } catch {
          return
        }
        for (const cb of listeners.get(name) ?? []) cb(payload as never)
      })
    }
  }

  const subscribe: Subscribe = (event, cb) => {
    ensureSource()
    const set = listeners.get(event) ?? new Set()
    listeners.set(event, set)
    const fn = cb as (payload: never) => void
    set.add(fn)
    return () => {
      set.delete(fn)
    }
  }

  const resolveDroppedFile = async (file: unknown): Promise<Result<string>> => {
    const f = file as { readonly name?: unknown; readonly size?: unknown; readonly type?: unknown } | null
    if (!f || typeof f.name !== 'string' || typeof f.size !== 'number') {
      return { ok: false, error: { code: 'unsupported', message: 'only files can be dropped here' } }
    }
    try {
      const resp = await doFetch(`${base}${UPLOAD_PATH}?name=${encodeURIComponent(f.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream' },
        credentials: 'same-origin',
        body: file as Blob
      })
      const body = (await resp.json().catch(() => undefined)) as Result<string> | undefined
      if (body && typeof body === 'object' && typeof body.ok === 'boolean') return body
      return transportError(`the Vouch host answered ${resp.status} without a result`)
    } catch {
      return transportError('the dropped item could not be read (a folder? type its path instead)')
    }
  }

  return buildApi(invoke, subscribe, { resolveDroppedFile })
}
