import type { StateCreator } from 'zustand'
import type { PackDiff } from '../../../core/diff/types'
import { api, type ApiError, type OpenedPack, type PackProgress } from '../lib/api'
import type { AppState } from './app-state'
import { newJobId, toProgress, type Progress } from './verify-slice'

export interface CompareResult {
  readonly diff: PackDiff
  readonly oldPack: OpenedPack
  readonly newPack: OpenedPack
  /** Set when the app chose the baseline (the open pack's previous release): said above the result. */
  readonly chosenBaseline?: { readonly why: string }
}

export type DiffState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly oldPath: string; readonly newPath: string; readonly jobId: string | null; readonly progress: Progress | null }
  | { readonly kind: 'done'; readonly result: CompareResult }
  | { readonly kind: 'error'; readonly error: ApiError }

export interface DiffFilters {
  readonly onlyChanges: boolean
  readonly onlyRegressions: boolean
}

export interface DiffSlice {
  readonly diff: DiffState
  readonly diffFilters: DiffFilters
  /** The two paths in the Compare form (kept here so "compare with its previous release" can fill them). */
  readonly comparePaths: { readonly old: string; readonly new: string }
  readonly setComparePaths: (p: Partial<DiffSlice['comparePaths']>) => void
  readonly compare: (oldPath: string, newPath: string) => Promise<void>
  /** Compare the open pack with the previous release it is judged against (the user's choice, else the one beside it). */
  readonly compareWithPrevious: () => Promise<void>
  readonly cancelCompare: () => Promise<void>
  readonly setDiffFilters: (f: Partial<DiffFilters>) => void
  readonly applyDiffProgress: (p: PackProgress) => void
}

async function computeDiff(get: () => AppState, set: (p: Partial<AppState>) => void, oldPack: OpenedPack, newPack: OpenedPack, chosen?: CompareResult['chosenBaseline']): Promise<void> {
  const jobId = newJobId('diff')
  set({ diff: { kind: 'running', oldPath: oldPack.location, newPath: newPack.location, jobId, progress: null } })
  const r = await api.diff.compute(oldPack.packId, newPack.packId, jobId)
  const now = get().diff
  if (now.kind !== 'running' || now.jobId !== jobId) return
  if (!r.ok) {
    set({ diff: { kind: 'error', error: r.error } })
    if (r.error.code !== 'cancelled') get().reportError('Comparing the two packs', r.error, 'compare')
    return
  }
  get().clearTopic('compare')
  set({ diff: { kind: 'done', result: { diff: r.value, oldPack, newPack, ...(chosen ? { chosenBaseline: chosen } : {}) } } })
}

export const createDiffSlice: StateCreator<AppState, [], [], DiffSlice> = (set, get) => ({
  diff: { kind: 'idle' },
  diffFilters: { onlyChanges: false, onlyRegressions: false },
  comparePaths: { old: '', new: '' },
  setComparePaths: (p) => set((s) => ({ comparePaths: { ...s.comparePaths, ...p } })),
  compare: async (oldPath, newPath) => {
    set({ screen: 'compare', diff: { kind: 'running', oldPath, newPath, jobId: null, progress: null } })
    const [a, b] = await Promise.all([get().openQuietly(oldPath), get().openQuietly(newPath)])
    if (a === null || b === null) {
      set({ diff: { kind: 'error', error: { code: 'unreadable', message: 'One of the two packs could not be opened (see the message).' } } })
      return
    }
    await computeDiff(get, set, a, b)
  },
  compareWithPrevious: async () => {
    const v = get().verify
    if (v.kind !== 'done') return
    const prev = await api.diff.previous(v.opened.packId)
    if (!prev.ok) return get().reportError('Finding the previous release', prev.error, 'compare')
    if (prev.value === null) {
      const named = v.report.pack.previousVersion
      return get().reportError(
        'Finding the previous release',
        {
          code: 'not-found',
          message:
            named === undefined
              ? 'This pack does not name a previous release (Previous-Version in bag-info.txt): choose the older release in the form.'
              : `This pack names ${named} as its previous release, but no such pack sits beside it: choose it in the form, or on the pack's summary.`
        },
        'compare'
      )
    }
    // Name the choice in the form itself: the user sees which pack it is and can change it.
    set({ screen: 'compare', comparePaths: { old: prev.value, new: v.path }, diff: { kind: 'running', oldPath: prev.value, newPath: v.path, jobId: null, progress: null } })
    const old = await get().openQuietly(prev.value)
    if (old === null) {
      set({ diff: { kind: 'error', error: { code: 'unreadable', message: `The previous release at ${prev.value} could not be opened.` } } })
      return
    }
    const why = v.report.pack.previousVersion !== undefined ? `the release this pack names as its previous one (${v.report.pack.previousVersion})` : 'the previous release chosen for this pack'
    await computeDiff(get, set, old, v.opened, { why })
  },
  cancelCompare: async () => {
    const d = get().diff
    if (d.kind !== 'running' || d.jobId === null) return
    const r = await api.pack.cancel(d.jobId)
    if (!r.ok) get().reportError('Cancelling the comparison', r.error, 'compare')
  },
  setDiffFilters: (f) => set((s) => ({ diffFilters: { ...s.diffFilters, ...f } })),
  applyDiffProgress: (p) => {
    const d = get().diff
    if (d.kind === 'running' && d.jobId === p.jobId) set({ diff: { ...d, progress: toProgress(p) } })
  }
})
