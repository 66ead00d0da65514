import type { StateCreator } from 'zustand'
import { api, type OpenedPack, type RecentPack, type SamplePack } from '../lib/api'
import type { AppState } from './app-state'

export interface PackSlice {
  readonly samples: readonly SamplePack[]
  readonly recents: readonly RecentPack[]
  readonly homeLoaded: boolean
  readonly exporting: boolean
  readonly loadHome: () => Promise<void>
  /** Opens and verifies a pack by path (typed, dropped, from a dialog, a sample or a recent). */
  readonly openPack: (path: string) => Promise<void>
  /** A dropped DOM File, resolved by the host to a path, then opened. */
  readonly openDropped: (file: File) => Promise<void>
  /** Opens a pack without showing it (for Compare); errors are reported, null returned. */
  readonly openQuietly: (path: string) => Promise<OpenedPack | null>
  /** Native open dialog (Electron); a no-op when the user cancels. */
  readonly choosePack: (kind?: 'file' | 'folder') => Promise<string | null>
  /** The attestation PDF of the open pack's assessment (against the previous release beside it, when there is one). */
  readonly exportPdf: () => Promise<void>
}

export const createPackSlice: StateCreator<AppState, [], [], PackSlice> = (set, get) => ({
  samples: [],
  recents: [],
  homeLoaded: false,
  exporting: false,
  loadHome: async () => {
    const [samples, recents] = await Promise.all([api.pack.samples(), api.recent.get()])
    if (samples.ok) set({ samples: samples.value })
    else get().reportError('Listing the sample packs', samples.error)
    if (recents.ok) set({ recents: recents.value })
    else get().reportError('Reading recent packs', recents.error)
    set({ homeLoaded: true })
  },
  openPack: async (path) => {
    const trimmed = path.trim()
    if (trimmed === '') return
    // Stay where the user is until the host accepts the path, so a refused path stays in its field.
    set({ verify: { kind: 'opening', path: trimmed } })
    get().resetSignoff()
    const opened = await api.pack.open(trimmed)
    if (!opened.ok) {
      set({ verify: { kind: 'error', path: trimmed, error: opened.error } })
      get().reportError(`Opening ${trimmed}`, opened.error)
      return
    }
    set({ screen: 'pack', section: 'overview' })
    // pack:open records the recent pack; refresh our copy so Welcome shows it at once.
    const recents = await api.recent.get()
    if (recents.ok) set({ recents: recents.value })
    await get().startVerify(opened.value)
  },
  openDropped: async (file) => {
    const r = await api.resolveDroppedFile(file)
    if (r.ok) return get().openPack(r.value)
    get().reportError(`Opening the dropped item "${file.name}"`, {
      code: r.error.code,
      message: `${r.error.message}. Type or paste its full path in "Open a pack" instead.`
    })
  },
  openQuietly: async (path) => {
    const opened = await api.pack.open(path.trim())
    if (opened.ok) return opened.value
    get().reportError(`Opening ${path}`, opened.error)
    return null
  },
  choosePack: async (kind) => {
    const r = await (kind === undefined ? api.dialog.openPack() : api.dialog.openPack(kind))
    if (!r.ok) {
      get().reportError('Choosing a pack', r.error)
      return null
    }
    return r.value
  },
  exportPdf: async () => {
    const v = get().verify
    if (v.kind !== 'done') return
    set({ exporting: true })
    const r = await api.attest.export(v.opened.packId)
    set({ exporting: false })
    if (!r.ok) return get().reportError('Exporting the PDF attestation', r.error)
    const o = r.value
    switch (o.kind) {
      case 'cancelled':
        return
      case 'saved':
        return get().reportInfo('PDF attestation exported', `Saved to ${o.path} (SHA-256 ${o.sha256})`)
      case 'download': {
        const a = document.createElement('a')
        a.href = o.url
        a.download = o.fileName
        document.body.appendChild(a)
        a.click()
        a.remove()
        return get().reportInfo('PDF attestation exported', `Downloaded as ${o.fileName} to your browser's downloads folder (SHA-256 ${o.sha256})`)
      }
    }
  }
})
