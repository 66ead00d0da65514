import type { StateCreator } from 'zustand'
import type { VerifyReport } from '../../../core/verify/report'
import { api, type ApiError, type Assessment, type OpenedPack, type PackProgress } from '../lib/api'
import type { AppState } from './app-state'
import { isNotAPack } from '../lib/error-words'

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
      /** 'verify': hashing the pack; 'assess': checking sign-offs and the previous release beside it. */
      readonly phase: 'verify' | 'assess'
      readonly progress: Progress | null
      readonly cancelling: boolean
    }
  | { readonly kind: 'done'; readonly path: string; readonly opened: OpenedPack; readonly report: VerifyReport }
  /** Cancelled: nothing about the pack is established (shown as Incomplete). */
  | { readonly kind: 'cancelled'; readonly path: string; readonly opened: OpenedPack }
  | { readonly kind: 'error'; readonly path: string; readonly error: ApiError }

export interface VerifySlice {
  readonly verify: VerifyState
  /**
   * The one verdict on the open pack (the host's pack:assess): every badge renders it. Null while it
   * is being made, or when it could not be (the reason is in assessError).
   */
  readonly assessment: Assessment | null
  readonly assessError: ApiError | null
  /** The host is assessing the open pack again (after a new previous release, a sign-off, a trust change). */
  readonly reassessing: boolean
  /** Hashes every file of an opened pack, then assesses it; resolves with the report, or null (failed or cancelled). */
  readonly startVerify: (opened: OpenedPack) => Promise<VerifyReport | null>
  readonly cancelVerify: () => Promise<void>
  readonly applyProgress: (p: PackProgress) => void
  /** Asks the host again (after a sign-off, a trust-file change or another previous release). */
  readonly refreshAssessment: () => Promise<void>
  /** Which previous release the gate, the checklist, signing and the PDF use: automatic, none, or a chosen pack. */
  readonly setPrevious: (mode: 'auto' | 'none' | 'path', path?: string) => Promise<boolean>
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
  assessment: null,
  assessError: null,
  reassessing: false,
  startVerify: async (opened) => {
    const jobId = newJobId('verify')
    const path = opened.location
    set({ verify: { kind: 'running', path, opened, jobId, phase: 'verify', progress: null, cancelling: false }, assessment: null, assessError: null })
    const r = await api.pack.verify(opened.packId, jobId)
    const now = get().verify
    // A newer open superseded this one: drop the stale answer.
    if (now.kind !== 'running' || now.jobId !== jobId) return null
    if (!r.ok) {
      if (r.error.code === 'cancelled') set({ verify: { kind: 'cancelled', path, opened } })
      else if (isNotAPack(r.error.code)) {
        // An archive is known not to be a pack once its entries are listed: said where opening is, never as a failed pack.
        set({ verify: { kind: 'error', path, error: r.error }, screen: 'welcome' })
        void get().refreshRecents()
      } else {
        set({ verify: { kind: 'error', path, error: r.error } })
        get().reportError(`Verifying ${path}`, r.error, 'open')
      }
      return null
    }
    // The pack is shown only with its verdict, so no view ever shows a status of its own making.
    const assessJob = newJobId('assess')
    set({ verify: { ...now, jobId: assessJob, phase: 'assess', progress: null } })
    const a = await api.pack.assess(opened.packId, assessJob)
    const after = get().verify
    if (after.kind !== 'running' || after.jobId !== assessJob) return null
    if (!a.ok && a.error.code === 'cancelled') {
      set({ verify: { kind: 'cancelled', path, opened } })
      return null
    }
    set({ verify: { kind: 'done', path, opened, report: r.value }, assessment: a.ok ? a.value : null, assessError: a.ok ? null : a.error })
    if (!a.ok) get().reportError(`Assessing ${path}`, a.error, 'trust')
    return r.value
  },
  cancelVerify: async () => {
    const v = get().verify
    if (v.kind !== 'running') return
    set({ verify: { ...v, cancelling: true } })
    const r = await api.pack.cancel(v.jobId)
    if (!r.ok) get().reportError('Cancelling verification', r.error, 'open')
  },
  applyProgress: (p) => {
    const v = get().verify
    if (v.kind === 'running' && v.jobId === p.jobId) set({ verify: { ...v, progress: toProgress(p) } })
    else get().applyDiffProgress(p)
  },
  refreshAssessment: async () => {
    const v = get().verify
    if (v.kind !== 'done') return
    set({ reassessing: true })
    const a = await api.pack.assess(v.opened.packId, newJobId('reassess'))
    set({ reassessing: false })
    const still = get().verify
    if (still.kind !== 'done' || still.opened.packId !== v.opened.packId) return
    if (a.ok) {
      set({ assessment: a.value, assessError: null })
      get().clearTopic('trust')
      void get().refreshRecents()
    } else {
      set({ assessment: null, assessError: a.error })
      get().reportError('Assessing the pack', a.error, 'trust')
    }
  },
  setPrevious: async (mode, path) => {
    const v = get().verify
    if (v.kind !== 'done') return false
    const r = await api.pack.setPrevious(v.opened.packId, mode, path)
    if (!r.ok) {
      get().reportError(mode === 'path' ? `Using ${path ?? ''} as the previous release` : 'Changing the previous release', r.error, 'previous')
      return false
    }
    get().clearTopic('previous')
    // The checklist's suggestions depend on the previous release too.
    set({ checklist: null })
    await get().refreshAssessment()
    return true
  }
})
