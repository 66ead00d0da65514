import type { StateCreator } from 'zustand'
import { api, type ApiError, type HostInfo } from '../lib/api'
import type { AppState } from './app-state'

export type Screen = 'welcome' | 'pack' | 'compare' | 'keys'
export type SectionId =
  | 'overview'
  | 'evaluation'
  | 'risks'
  | 'monitoring'
  | 'policy'
  | 'traceability'
  | 'files'
  | 'findings'
  | 'signoff'

/** An error or confirmation shown in words; the rest of the app keeps working. */
export interface Notice {
  readonly id: number
  readonly kind: 'error' | 'info'
  /** What the user was doing, e.g. "Opening /tmp/x.zip". */
  readonly context: string
  readonly code?: string
  readonly message: string
}

export interface UiSlice {
  readonly host: HostInfo | null
  readonly screen: Screen
  readonly section: SectionId
  readonly notices: readonly Notice[]
  /** Subscribes to host events (progress, "open this path"), loads host info; returns the unsubscribe. */
  readonly connectHost: () => () => void
  readonly showScreen: (screen: Screen) => void
  readonly showSection: (section: SectionId) => void
  readonly reportError: (context: string, error: ApiError) => void
  readonly reportInfo: (context: string, message: string) => void
  readonly dismissNotice: (id: number) => void
}

let nextNoticeId = 1
const MAX_NOTICES = 5
const INFO_TTL_MS = 12_000

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  host: null,
  screen: 'welcome',
  section: 'overview',
  notices: [],
  connectHost: () => {
    const offProgress = api.onProgress((p) => get().applyProgress(p))
    const offOpen = api.onOpenPath((e) => void get().openPack(e.path))
    void (async () => {
      const r = await api.app.info()
      if (r.ok) set({ host: r.value })
      else get().reportError('Connecting to the Vouch host', r.error)
      await get().loadHome()
      // A pack given on the command line (file association) opens straight away.
      const startup = await api.pack.startup()
      const opening = startup.ok && startup.value !== null ? get().openPack(startup.value) : Promise.resolve()
      // The e2e fixture waits for this: the first screen is populated (a startup pack may still be hashing).
      document.body.dataset['ready'] = 'true'
      await opening
    })()
    return () => {
      offProgress()
      offOpen()
    }
  },
  showScreen: (screen) => set({ screen }),
  showSection: (section) => set({ section }),
  reportError: (context, error) =>
    set((s) => ({
      notices: [...s.notices.slice(1 - MAX_NOTICES), { id: nextNoticeId++, kind: 'error', context, code: error.code, message: error.message }]
    })),
  reportInfo: (context, message) => {
    const id = nextNoticeId++
    set((s) => ({ notices: [...s.notices.slice(1 - MAX_NOTICES), { id, kind: 'info', context, message }] }))
    // Confirmations fade after a while; errors stay until dismissed.
    window.setTimeout(() => get().dismissNotice(id), INFO_TTL_MS)
  },
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
})
