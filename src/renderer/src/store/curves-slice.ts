import type { StateCreator } from 'zustand'
import { api, type ApiError, type CompareCurves, type PackCurves } from '../lib/api'
import type { AppState } from './app-state'

/** The latest request of one chart view; the previous answer stays on screen while the next one is drawn. */
export type CurvesState<T> =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading'; readonly key: string; readonly previous?: T }
  | { readonly kind: 'done'; readonly key: string; readonly value: T }
  | { readonly kind: 'error'; readonly key: string; readonly error: ApiError }

export interface CurvesSlice {
  /** The Evaluation view's charts (one pack, one slice). */
  readonly packCurves: CurvesState<PackCurves>
  /** The Compare view's charts (two releases, one slice). */
  readonly compareCurves: CurvesState<CompareCurves>
  readonly loadPackCurves: (packId: string, slice: string | null) => Promise<void>
  readonly loadCompareCurves: (oldId: string, newId: string, slice: string | null) => Promise<void>
}

const shown = <T>(s: CurvesState<T>): T | undefined => (s.kind === 'done' ? s.value : s.kind === 'loading' ? s.previous : undefined)

export const createCurvesSlice: StateCreator<AppState, [], [], CurvesSlice> = (set, get) => ({
  packCurves: { kind: 'idle' },
  compareCurves: { kind: 'idle' },
  loadPackCurves: async (packId, slice) => {
    const key = `${packId}\u0000${slice ?? ''}`
    const now = get().packCurves
    if ((now.kind === 'done' || now.kind === 'loading') && now.key === key) return
    const previous = now.kind !== 'idle' && 'key' in now && now.key.startsWith(`${packId}\u0000`) ? shown(now) : undefined
    set({ packCurves: { kind: 'loading', key, ...(previous ? { previous } : {}) } })
    const r = await (slice === null ? api.curves.pack(packId) : api.curves.pack(packId, slice))
    // A newer request superseded this one: drop the stale answer.
    if (get().packCurves.kind !== 'loading' || (get().packCurves as { key: string }).key !== key) return
    set({ packCurves: r.ok ? { kind: 'done', key, value: r.value } : { kind: 'error', key, error: r.error } })
  },
  loadCompareCurves: async (oldId, newId, slice) => {
    const key = `${oldId}\u0000${newId}\u0000${slice ?? ''}`
    const now = get().compareCurves
    if ((now.kind === 'done' || now.kind === 'loading') && now.key === key) return
    const previous = now.kind !== 'idle' && 'key' in now && now.key.startsWith(`${oldId}\u0000${newId}\u0000`) ? shown(now) : undefined
    set({ compareCurves: { kind: 'loading', key, ...(previous ? { previous } : {}) } })
    const r = await (slice === null ? api.curves.compare(oldId, newId) : api.curves.compare(oldId, newId, slice))
    if (get().compareCurves.kind !== 'loading' || (get().compareCurves as { key: string }).key !== key) return
    set({ compareCurves: r.ok ? { kind: 'done', key, value: r.value } : { kind: 'error', key, error: r.error } })
  }
})

export { shown as shownCurves }
