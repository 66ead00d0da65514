/**
 * The transport-neutral handlers of the contract (no electron import: the loopback host runs them
 * too). `createHandlers(deps)` gives every channel's handler; a host wraps them in createDispatcher.
 */
import { defaultCore, type CoreApi } from './core-adapter'
import { curvesHandlers } from './curves-handlers'
import { keyHandlers } from './key-handlers'
import { packHandlers } from './pack-handlers'
import { reviewHandlers } from './review-handlers'
import { createState } from './state'
import type { Handlers, HostDeps } from './types'

export { createDispatcher, type Dispatcher, type SenderCheck } from './registry'
export { HandlerError, type Handlers, type HostDeps, type Logger } from './types'
export { defaultCore, type CoreApi } from './core-adapter'

export function createHandlers(deps: HostDeps, core: CoreApi = defaultCore): Handlers {
  const s = createState(deps, core)
  return { ...packHandlers(s), ...reviewHandlers(s), ...keyHandlers(s), ...curvesHandlers(s) }
}
