/**
 * Electron preload (sandboxed, bundled into one CJS file). Exposes `window.api`, the task-shaped
 * API derived from the contract, and nothing else: never ipcRenderer itself (Electron checklist
 * item 20), and event callbacks never receive the IpcRendererEvent (it would leak `sender`).
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron'
import { buildApi, transportError, type Subscribe } from '../shared/api'
import { isChannel, type Result } from '../shared/contract'

const api = buildApi(
  async (channel, args) => {
    // The prefix check is repeated here so a renderer bug cannot reach a channel outside the contract.
    if (!isChannel(channel)) return transportError(`unknown channel ${String(channel)}`)
    try {
      return (await ipcRenderer.invoke(channel, ...args)) as Result<unknown>
    } catch {
      return transportError(`the app could not complete ${channel}`)
    }
  },
  ((event, cb) => {
    const listener = (_e: IpcRendererEvent, payload: unknown): void => cb(payload as never)
    ipcRenderer.on(event, listener)
    // Remove exactly the listener added (not a fresh closure): Bitwarden's removeListener bug.
    return () => void ipcRenderer.removeListener(event, listener)
  }) as Subscribe,
  {
    resolveDroppedFile: async (file) => {
      try {
        // Only a real DOM File has an on-disk path; Electron answers '' for anything else.
        const path = webUtils.getPathForFile(file as File)
        return path ? { ok: true, value: path } : { ok: false, error: { code: 'unsupported', message: 'this item has no path on disk' } }
      } catch {
        return { ok: false, error: { code: 'unsupported', message: 'this item is not a file' } }
      }
    }
  }
)

contextBridge.exposeInMainWorld('api', api)
