/**
 * Types the renderer sees for `window.api` (tsconfig.web.json includes this file).
 * Derived from the contract in src/shared; nothing here is written twice.
 */
export type { VouchApi, AreaApi, ApiMethod, Unsubscribe, EventsApi, TransportApi } from '../shared/api'
export type { Result, ApiError, ErrorCode, Channel, ArgsOf, ResultOf, EventName, EventPayload } from '../shared/contract'
export type * from '../shared/domain'

/** Name of the global the Electron preload exposes: `window.api`. */
export const API_GLOBAL = 'api'
