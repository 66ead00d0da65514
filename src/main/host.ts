/**
 * Electron's side of HostDeps: native dialogs and where files go. Everything else the handlers do
 * is shared with the loopback host.
 */
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { app, dialog, type BrowserWindow } from 'electron'
import type { DeliveredFile } from '../shared/domain'
import { writeFileAtomic } from './handlers/user-files'

export function openPackDialog(win: () => BrowserWindow | undefined) {
  return async (kind: 'file' | 'folder'): Promise<string | null> => {
    const w = win()
    const options: Electron.OpenDialogOptions = {
      title: kind === 'folder' ? 'Open a pack folder' : 'Open a pack archive',
      properties: kind === 'folder' ? ['openDirectory'] : ['openFile'],
      ...(kind === 'file' ? { filters: [{ name: 'Assurance packs', extensions: ['zip', 'tar', 'gz', 'tgz'] }, { name: 'All files', extensions: ['*'] }] } : {})
    }
    const r = w ? await dialog.showOpenDialog(w, options) : await dialog.showOpenDialog(options)
    return r.canceled ? null : (r.filePaths[0] ?? null)
  }
}

export function saveFileWithDialog(win: () => BrowserWindow | undefined) {
  return async (bytes: Uint8Array, suggestedName: string, _mime: string): Promise<DeliveredFile> => {
    const w = win()
    const options: Electron.SaveDialogOptions = {
      title: 'Save the attestation',
      defaultPath: join(app.getPath('documents'), suggestedName),
      filters: [{ name: 'PDF', extensions: ['pdf'] }]
    }
    const r = w ? await dialog.showSaveDialog(w, options) : await dialog.showSaveDialog(options)
    if (r.canceled || !r.filePath) return { kind: 'cancelled' }
    await writeFileAtomic(r.filePath, bytes, 0o644)
    return { kind: 'saved', path: r.filePath, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') }
  }
}
