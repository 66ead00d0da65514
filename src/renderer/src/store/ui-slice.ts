import type { StateCreator } from 'zustand'
import { api, type ApiError, type HostInfo, type Theme } from '../lib/api'
import type { AppState } from './app-state'

export type Screen = 'welcome' | 'pack' | 'compare' | 'keys'
export type SectionId = 'overview' | 'evaluation' | 'risks' | 'monitoring' | 'policy' | 'traceability' | 'files' | 'findings' | 'signoff'

/** What an error or a confirmation was about: a later success of the same kind clears its errors. */
export type NoticeTopic = 'open' | 'compare' | 'sign' | 'export' | 'keys' | 'trust' | 'previous' | 'recent' | 'prefs' | 'host'

/** An error, a warning or a confirmation shown in words; the rest of the app keeps working. */
export interface Notice {
  readonly id: number
  /** error and warning stay until dismissed; info closes by itself. */
  readonly kind: 'error' | 'warning' | 'info'
  /** What the user was doing, e.g. "Opening /tmp/x.zip". */
  readonly context: string
  readonly message: string
  /** The host's error, rendered as a sentence with its code in small print. */
  readonly error?: ApiError
  readonly topic?: NoticeTopic
  /** How many times the same message came (shown once, counted). */
  readonly count: number
}

export interface UiSlice {
  readonly host: HostInfo | null
  readonly screen: Screen
  readonly section: SectionId
  /** An element to bring into view in the section just shown (a cross-link's target). */
  readonly anchor: string | null
  /** The Files section's path filter (a cross-link to a cited file sets it). */
  readonly filesQuery: string
  readonly notices: readonly Notice[]
  readonly theme: Theme
  /** Subscribes to host events (progress, "open this path"), loads host info; returns the unsubscribe. */
  readonly connectHost: () => () => void
  readonly showScreen: (screen: Screen) => void
  readonly showSection: (section: SectionId, anchor?: string) => void
  readonly clearAnchor: () => void
  readonly setFilesQuery: (q: string) => void
  /** Shows one file of the pack in the Files section. */
  readonly showFile: (path: string) => void
  readonly reportError: (context: string, error: ApiError, topic?: NoticeTopic) => void
  readonly reportWarning: (context: string, message: string, topic?: NoticeTopic) => void
  readonly reportInfo: (context: string, message: string, topic?: NoticeTopic) => void
  readonly dismissNotice: (id: number) => void
  /** A later success: the errors it answers are gone. */
  readonly clearTopic: (topic: NoticeTopic) => void
  /** Keeps an info notice while the pointer or focus is on it. */
  readonly holdNotice: (id: number, held: boolean) => void
  readonly setTheme: (theme: Theme) => Promise<void>
}

let nextNoticeId = 1
const MAX_NOTICES = 4
export const INFO_TTL_MS = 8_000
const held = new Set<number>()

function applyTheme(theme: Theme): void {
  if (typeof document === 'undefined') return
  if (theme === 'system') delete document.documentElement.dataset['theme']
  else document.documentElement.dataset['theme'] = theme
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => {
  const push = (n: Omit<Notice, 'id' | 'count'>): number => {
    const same = get().notices.find((x) => x.kind === n.kind && x.context === n.context && x.message === n.message && x.error?.code === n.error?.code)
    if (same !== undefined) {
      set((s) => ({ notices: s.notices.map((x) => (x.id === same.id ? { ...x, count: x.count + 1 } : x)) }))
      return same.id
    }
    const id = nextNoticeId++
    // The oldest information goes first when there are too many; errors are kept over information.
    set((s) => {
      const list = [...s.notices, { ...n, id, count: 1 }]
      while (list.length > MAX_NOTICES) {
        const i = list.findIndex((x) => x.kind === 'info')
        list.splice(i >= 0 ? i : 0, 1)
      }
      return { notices: list }
    })
    return id
  }
  const expire = (id: number): void => {
    // globalThis: the same timer in the page and in the store's tests.
    globalThis.setTimeout(() => {
      if (held.has(id)) return expire(id)
      get().dismissNotice(id)
    }, INFO_TTL_MS)
  }
  return {
    host: null,
    screen: 'welcome',
    section: 'overview',
    anchor: null,
    filesQuery: '',
    notices: [],
    theme: 'system',
    connectHost: () => {
      const offProgress = api.onProgress((p) => get().applyProgress(p))
      const offOpen = api.onOpenPath((e) => void get().openPack(e.path))
      void (async () => {
        const [r, prefs] = await Promise.all([api.app.info(), api.prefs.get()])
        if (r.ok) set({ host: r.value })
        else get().reportError('Connecting to the Vouch host', r.error, 'host')
        if (prefs.ok) {
          set({ theme: prefs.value.theme })
          applyTheme(prefs.value.theme)
        }
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
    showSection: (section, anchor) => set({ section, anchor: anchor ?? null, screen: 'pack' }),
    clearAnchor: () => set({ anchor: null }),
    setFilesQuery: (q) => set({ filesQuery: q }),
    showFile: (path) => set({ screen: 'pack', section: 'files', filesQuery: path, anchor: null }),
    reportError: (context, error, topic) => void push({ kind: 'error', context, message: error.message, error, ...(topic ? { topic } : {}) }),
    reportWarning: (context, message, topic) => void push({ kind: 'warning', context, message, ...(topic ? { topic } : {}) }),
    reportInfo: (context, message, topic) => expire(push({ kind: 'info', context, message, ...(topic ? { topic } : {}) })),
    dismissNotice: (id) => {
      held.delete(id)
      set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
    },
    clearTopic: (topic) => set((s) => ({ notices: s.notices.filter((n) => n.kind === 'info' || n.topic !== topic) })),
    holdNotice: (id, on) => {
      if (on) held.add(id)
      else held.delete(id)
    },
    setTheme: async (theme) => {
      set({ theme })
      applyTheme(theme)
      const r = await api.prefs.set({ theme })
      if (!r.ok) get().reportError('Saving the theme', r.error, 'prefs')
    }
  }
}
