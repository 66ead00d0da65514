/**
 * The renderer-facing API, derived from the contract (never written by hand twice):
 * `api.pack.open(path)`, `api.diff.compute(oldId, newId)`, `api.onProgress(cb)` -> unsubscribe.
 * Both transports build it with `buildApi`: the Electron preload over ipcRenderer.invoke, and
 * ./http-transport.ts over fetch + EventSource for `vouch serve`.
 */
import { CHANNEL_NAMES, type ArgsOf, type Channel, type EventName, type EventPayload, type Result, type ResultOf } from './contract'

type AreaOf<C> = C extends `${infer A}:${string}` ? A : never
export type Area = AreaOf<Channel>

export type ApiMethod<C extends Channel> = (...args: ArgsOf<C>) => Promise<Result<ResultOf<C>>>

export type AreaApi<A extends Area> = {
  readonly [C in Channel as C extends `${A}:${infer M}` ? M : never]: ApiMethod<C>
}

export type Unsubscribe = () => void

export interface EventsApi {
  /** Verification progress for every job; filter by jobId. */
  readonly onProgress: (cb: (p: EventPayload<'pack:progress'>) => void) => Unsubscribe
  /** The host asks the UI to open a path (menu Open, a file handed to the running app). */
  readonly onOpenPath: (cb: (e: EventPayload<'app:openPath'>) => void) => Unsubscribe
}

/** Things only the transport can do (they need the DOM File, not JSON). */
export interface TransportApi {
  /**
   * A dropped file (a DOM `File`) as an absolute path for pack.open: Electron reads its on-disk
   * path (webUtils.getPathForFile); the loopback host uploads an archive to a private temp dir.
   * A dropped folder in a browser gives 'unsupported' (the UI suggests typing its path).
   */
  readonly resolveDroppedFile: (file: unknown) => Promise<Result<string>>
}

/** What `window.api` is (Electron preload), and what createHttpApi() returns (loopback host). */
export type VouchApi = { readonly [A in Area]: AreaApi<A> } & EventsApi & TransportApi

/** Sends one call to the host; must resolve to a Result (transport failures become an error Result). */
export type Invoke = (channel: Channel, args: readonly unknown[]) => Promise<Result<unknown>>
export type Subscribe = <E extends EventName>(event: E, cb: (payload: EventPayload<E>) => void) => Unsubscribe

export function buildApi(invoke: Invoke, subscribe: Subscribe, transport: TransportApi): VouchApi {
  const areas: Record<string, Record<string, (...a: unknown[]) => Promise<Result<unknown>>>> = {}
  for (const channel of CHANNEL_NAMES) {
    const [area, method] = channel.split(':') as [string, string]
    const ns = (areas[area] ??= {})
    ns[method] = (...a: unknown[]) => invoke(channel, trimTrailingUndefined(a))
  }
  const events: EventsApi = {
    onProgress: (cb) => subscribe('pack:progress', cb),
    onOpenPath: (cb) => subscribe('app:openPath', cb)
  }
  return { ...areas, ...events, resolveDroppedFile: transport.resolveDroppedFile } as unknown as VouchApi
}

/**
 * Omitted optional arguments are dropped, not sent as undefined: JSON would turn them into null,
 * which the host's validators rightly refuse.
 */
export function trimTrailingUndefined(a: readonly unknown[]): readonly unknown[] {
  let n = a.length
  while (n > 0 && a[n - 1] === undefined) n--
  return n === a.length ? a : a.slice(0, n)
}

/** A transport failure turned into the contract's error shape (never a throw). */
export function transportError(message: string): Result<never> {
  return { ok: false, error: { code: 'internal', message } }
}
