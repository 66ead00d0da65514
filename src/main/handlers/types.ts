/**
 * What the transport-neutral handlers need from their host (Electron main or `vouch serve`).
 * Nothing here imports electron: the same handlers run behind both transports.
 */
import type { DeliveredFile, HostInfo } from '../../shared/domain'
import type { ArgsOf, Channel, EventName, EventPayload, ResultOf } from '../../shared/contract'

export interface Logger {
  readonly warn: (message: string) => void
  readonly error: (message: string) => void
}

export interface HostDeps {
  readonly host: HostInfo['host']
  readonly version: string
  /** Per-user state: recent.json, trust file, keys/. Created on first write. */
  readonly userDataDir: string
  /** resources/samples of this build. */
  readonly samplesDir: string
  /** The pack given on the command line, if any (absolute). */
  readonly startupPath?: string
  readonly emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void
  readonly log: Logger
  /** Native open dialog; absent in the loopback host. Resolves null when the user cancels. */
  readonly openDialog?: (kind: 'file' | 'folder') => Promise<string | null>
  /** Hands a produced file to the user: Electron asks where to save it; the loopback host offers a download. */
  readonly deliverFile: (bytes: Uint8Array, suggestedName: string, mime: string) => Promise<DeliveredFile>
  /** Progress interval in ms (default PROGRESS_INTERVAL_MS, inside the contract's 5-20/s). */
  readonly progressIntervalMs?: number
  /**
   * Where typed relative paths resolve (`vouch serve`: the folder it was started in). Absent in
   * Electron, whose working folder means nothing to the person typing: it asks for a full path.
   */
  readonly cwd?: string
  /** Where the host keeps archives it received (uploads): packs there are temporary copies, never recent. */
  readonly uploadsDir?: string
}

/** A handler receives validated arguments; it throws HandlerError (or a core error) to fail. */
export type Handler<C extends Channel> = (...args: ArgsOf<C>) => Promise<ResultOf<C>>
export type Handlers = { readonly [C in Channel]: Handler<C> }

/** A typed failure a handler throws; the dispatcher turns it into `{ ok: false, error }`. */
export class HandlerError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly path?: string
  ) {
    super(message)
    this.name = 'HandlerError'
  }
}
