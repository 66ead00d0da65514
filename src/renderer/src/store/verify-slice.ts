import type { StateCreator } from 'zustand'
import type { VerifyReport } from '../../../core/verify/report'
import { api, type ApiError, type OpenedPack, type PackProgress } from '../lib/api'
import type { AppState } from './app-state'

export interface Progress {
  readonly filesDone: number
  readonly filesTotal: number
  readonly bytesDone: number
  readonly bytesTotal: number
}

export type VerifyState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'opening'; readonly path: string }
  | {
      readonly kind: 'running'
      readonly path: string
      readonly opened: OpenedPack
      readonly jobId: string
      readonly progress: Progress | null
      readonly cancelling: boolean
    }
  | { readonly kind: 'done'; readonly path: string; readonly opened: OpenedPack; readonly report: VerifyReport }
  /** Cancelled: nothing about the pack is established (shown as Incomplete). */
  | { readonly kind: 'cancelled'; readonly path: string; readonly opened: OpenedPack }
  | { readonly kind: 'error'; readonly path: string; readonly error: ApiError }

export interface VerifySlice {
  readonly verify: VerifyState
  /** Hashes every file of an opened pack; resolves with the report, or null (failed or cancelled). */
  readonly startVerify: (opened: OpenedPack) => Promise<VerifyReport | null>
  readonly cancelVerify: () => Promise<void>
  readonly applyProgress: (p: PackProgress) => void
}

let jobCounter = 0
/** Job ids are chosen here so progress events can be matched before the call returns. */
export function newJobId(kind: string): string {
  jobCounter += 1
  return `${kind}-${Date.now().toString(36)}-${jobCounter}`
}

export function toProgress(p: PackProgress): Progress {
  return { filesDone: p.filesDone, filesTotal: p.filesTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal }
}

export const createVerifySlice: StateCreator<AppState, [], [], VerifySlice> = (set, get) => ({
  verify: { kind: 'idle' },
  startVerify: async (opened) => {
    const jobId = newJobId('verify')
    const path = opened.location
    set({ verify: { kind: 'running', path, opened, jobId, progress: null, cancelling: false } })
    const r = await api.pack.verify(opened.packId, jobId)
    const now = get().verify
    // A newer open superseded this one: drop the stale answer.
    if (now.kind !== 'running' || now.jobId !== jobId) return null
    if (r.ok) {
      set({ verify: { kind: 'done', path, opened, report: r.value } })
      return r.value
    }
    if (r.error.code === 'cancelled') {
      set({ verify: { kind: 'cancelled', path, opened } })
      return null
    }
    set({ verify: { kind: 'error', path, error: r.error } })
    get().reportError(`Verifying ${path}`, r.error)
    return null
  },
  cancelVerify: async () => {
    const v = get().verify
    if (v.kind !== 'running') return
    set({ verify: { ...v, cancelling: true } })
    const r = await api.pack.cancel(v.jobId)
    if (!r.ok) get().reportError('Cancelling verification', r.error)
  },
  applyProgress: (p) => {
    const v = get().verify
    if (v.kind === 'running' && v.jobId === p.jobId) set({ verify: { ...v, progress: toProgress(p) } })
    else get().applyDiffProgress(p)
  }
})
