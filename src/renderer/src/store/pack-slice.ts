import type { StateCreator } from 'zustand'
import { statusInfo } from '../../../core/assess/status'
import { api, type OpenedPack, type RecentPack, type SamplePack } from '../lib/api'
import { isNotAPack } from '../lib/error-words'
import type { AppState } from './app-state'

export interface PackSlice {
  readonly samples: readonly SamplePack[]
  readonly recents: readonly RecentPack[]
  readonly homeLoaded: boolean
  readonly exporting: boolean
  readonly loadHome: () => Promise<void>
  /** Opens and verifies a pack by path (typed, dropped, from a dialog or the folder browser, a sample or a recent). */
  readonly openPack: (path: string) => Promise<void>
  /** A dropped or chosen DOM File, resolved by the host to a path (the loopback host receives a copy), then opened. */
  readonly openDropped: (file: File) => Promise<void>
  /** Opens a pack without showing it (for Compare); errors are reported, null returned. */
  readonly openQuietly: (path: string) => Promise<OpenedPack | null>
  /** Native open dialog (Electron); a no-op when the user cancels. */
  readonly choosePack: (kind?: 'file' | 'folder') => Promise<string | null>
  readonly refreshRecents: () => Promise<void>
  readonly removeRecent: (path: string) => Promise<void>
  readonly clearRecents: () => Promise<void>
  /** The attestation PDF of the open pack's assessment (against its previous release, when there is one). */
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
    else get().reportError('Listing the sample packs', samples.error, 'host')
    if (recents.ok) set({ recents: recents.value })
    else get().reportError('Reading recent packs', recents.error, 'recent')
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
      set({ verify: { kind: 'error', path: trimmed, error: opened.error }, screen: 'welcome' })
      // Not a pack is said in its own place on the Welcome screen (it is the answer, not a fault).
      if (!isNotAPack(opened.error.code)) get().reportError(`Opening ${trimmed}`, opened.error, 'open')
      else get().clearTopic('open')
      await get().refreshRecents()
      return
    }
    get().clearTopic('open')
    set({ screen: 'pack', section: 'overview', anchor: null, filesQuery: '' })
    const report = await get().startVerify(opened.value)
    if (report !== null) await get().refreshRecents()
  },
  openDropped: async (file) => {
    const r = await api.resolveDroppedFile(file)
    if (r.ok) return get().openPack(r.value)
    get().reportError(`Opening "${file.name}"`, { code: r.error.code, message: `${r.error.message}. Type its path in "Open a pack", or browse to it, instead.` }, 'open')
  },
  openQuietly: async (path) => {
    const opened = await api.pack.open(path.trim())
    if (opened.ok) return opened.value
    get().reportError(`Opening ${path}`, opened.error, 'compare')
    return null
  },
  choosePack: async (kind) => {
    const r = await (kind === undefined ? api.dialog.openPack() : api.dialog.openPack(kind))
    if (!r.ok) {
      get().reportError('Choosing a pack', r.error, 'open')
      return null
    }
    return r.value
  },
  refreshRecents: async () => {
    const r = await api.recent.get()
    if (r.ok) set({ recents: r.value })
  },
  removeRecent: async (path) => {
    const r = await api.recent.remove(path)
    if (r.ok) set({ recents: r.value })
    else get().reportError('Removing a recent pack', r.error, 'recent')
  },
  clearRecents: async () => {
    const r = await api.recent.clear()
    if (r.ok) set({ recents: [] })
    else get().reportError('Clearing recent packs', r.error, 'recent')
  },
  exportPdf: async () => {
    const v = get().verify
    if (v.kind !== 'done') return
    set({ exporting: true })
    const r = await api.attest.export(v.opened.packId)
    set({ exporting: false })
    if (!r.ok) return get().reportError('Exporting the PDF attestation', r.error, 'export')
    get().clearTopic('export')
    const o = r.value
    if (o.kind === 'cancelled') return
    if (o.kind === 'download') {
      const a = document.createElement('a')
      a.href = o.url
      a.download = o.fileName
      document.body.appendChild(a)
      a.click()
      a.remove()
    }
    // Say what the PDF records: a PDF of a Failed or Blocked pack is not a plain success.
    const info = statusInfo(o.status)
    const where = o.kind === 'saved' ? `Saved to ${o.path}` : `Downloaded as ${o.fileName} to your browser's downloads folder`
    const records = `The PDF records: ${info.app}${o.against !== null ? `, judged against ${o.against}` : ', with no previous release'}.`
    const message = `${records} ${where} (SHA-256 ${o.sha256}).`
    if (info.tone === 'ok') get().reportInfo('PDF attestation exported', message, 'export')
    else get().reportWarning(`PDF attestation exported: it records ${info.app}`, message, 'export')
  }
})
