import type { StateCreator } from 'zustand'
import type { PackDiff } from '../../../core/diff/types'
import { api, type ApiError, type OpenedPack, type PackProgress } from '../lib/api'
import type { AppState } from './app-state'
import { newJobId, toProgress, type Progress } from './verify-slice'

export interface CompareResult {
  readonly diff: PackDiff
  readonly oldPack: OpenedPack
  readonly newPack: OpenedPack
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
  readonly compare: (oldPath: string, newPath: string) => Promise<void>
  /** Compare the open pack with the release its Previous-Version names, when it sits beside it. */
  readonly compareWithPrevious: () => Promise<void>
  readonly cancelCompare: () => Promise<void>
  readonly setDiffFilters: (f: Partial<DiffFilters>) => void
  readonly applyDiffProgress: (p: PackProgress) => void
}

async function computeDiff(get: () => AppState, set: (p: Partial<AppState>) => void, oldPack: OpenedPack, newPack: OpenedPack): Promise<void> {
  const jobId = newJobId('diff')
  set({ diff: { kind: 'running', oldPath: oldPack.location, newPath: newPack.location, jobId, progress: null } })
  const r = await api.diff.compute(oldPack.packId, newPack.packId, jobId)
  const now = get().diff
  if (now.kind !== 'running' || now.jobId !== jobId) return
  if (!r.ok) {
    set({ diff: { kind: 'error', error: r.error } })
    if (r.error.code !== 'cancelled') get().reportError('Comparing the two packs', r.error)
    return
  }
  set({ diff: { kind: 'done', result: { diff: r.value, oldPack, newPack } } })
}

export const createDiffSlice: StateCreator<AppState, [], [], DiffSlice> = (set, get) => ({
  diff: { kind: 'idle' },
  diffFilters: { onlyChanges: false, onlyRegressions: false },
  compare: async (oldPath, newPath) => {
    set({ screen: 'compare', diff: { kind: 'running', oldPath, newPath, jobId: null, progress: null } })
    const [a, b] = await Promise.all([get().openQuietly(oldPath), get().openQuietly(newPath)])
    if (a === null || b === null) {
      set({ diff: { kind: 'error', error: { code: 'unreadable', message: 'One of the two packs could not be opened (see the message above).' } } })
      return
    }
    await computeDiff(get, set, a, b)
  },
  compareWithPrevious: async () => {
    const v = get().verify
    if (v.kind !== 'done') return
    const prev = await api.diff.previous(v.opened.packId)
    if (!prev.ok) return get().reportError('Finding the previous release', prev.error)
    if (prev.value === null) {
      const named = v.report.pack.previousVersion
      return get().reportError('Finding the previous release', {
        code: 'not-found',
        message:
          named === undefined
            ? 'This pack does not name a previous release (Previous-Version in bag-info.txt).'
            : `This pack names ${named} as its previous release, but no such pack sits beside it. Use Compare to pick it.`
      })
    }
    set({ screen: 'compare', diff: { kind: 'running', oldPath: prev.value, newPath: v.path, jobId: null, progress: null } })
    const old = await get().openQuietly(prev.value)
    if (old === null) {
      set({ diff: { kind: 'error', error: { code: 'unreadable', message: `The previous release at ${prev.value} could not be opened.` } } })
      return
    }
    await computeDiff(get, set, old, v.opened)
  },
  cancelCompare: async () => {
    const d = get().diff
    if (d.kind !== 'running' || d.jobId === null) return
    const r = await api.pack.cancel(d.jobId)
    if (!r.ok) get().reportError('Cancelling the comparison', r.error)
  },
  setDiffFilters: (f) => set((s) => ({ diffFilters: { ...s.diffFilters, ...f } })),
  applyDiffProgress: (p) => {
    const d = get().diff
    if (d.kind === 'running' && d.jobId === p.jobId) set({ diff: { ...d, progress: toProgress(p) } })
  }
})
