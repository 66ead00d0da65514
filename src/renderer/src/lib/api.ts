/**
 * The renderer's one adapter to its host. In Electron the sandboxed preload exposes `window.api`;
 * in a browser against `vouch serve` the same contract runs over HTTP (src/shared/http-transport).
 * Only this module touches window.api; the store calls `api`, components call the store.
 */
import type { VouchApi } from '../../../shared/api'
import { createHttpApi } from '../../../shared/http-transport'

export type { VouchApi } from '../../../shared/api'
export type { ApiError, Result } from '../../../shared/contract'
export type {
  Assessment,
  AttestOutcome,
  EvidenceSection,
  FolderEntry,
  FolderListing,
  GateSection,
  OverallStatus,
  PreviousChoice,
  Theme,
  VerifyReport,
  ChecklistItem,
  ChecklistAnswerValue,
  CompareCurves,
  Decision,
  PackCurves,
  PackDiff,
  HostInfo,
  KeyInfo,
  OpenedPack,
  PackProgress,
  RecentPack,
  SamplePack,
  SignResult,
  SignoffEntry,
  TrustFile
} from '../../../shared/domain'

function pickApi(): VouchApi {
  const injected = (window as unknown as { api?: VouchApi }).api
  return injected ?? createHttpApi()
}

export const api: VouchApi = pickApi()
