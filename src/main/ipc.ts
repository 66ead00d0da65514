/**
 * The Electron transport of the contract: one ipcMain.handle per contract channel, all through the
 * shared dispatcher (sender check + argument validation), and typed events to the app window.
 * No other module touches ipcMain or webContents.send.
 */
import { ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron'
import { CHANNEL_NAMES, type EventName, type EventPayload } from '../shared/contract'
import { createDispatcher, type Dispatcher, type Handlers, type Logger } from './handlers'
import { checkIpcSender, type TrustedWindow } from './security/ipc-sender'

export function registerIpc(handlers: Handlers, trusted: () => readonly TrustedWindow[], log: Logger): Dispatcher<IpcMainInvokeEvent> {
  const dispatcher = createDispatcher<IpcMainInvokeEvent>(handlers, (e) => checkIpcSender(e, trusted()), log)
  for (const channel of CHANNEL_NAMES) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => dispatcher.dispatch(channel, args, event))
  }
  return dispatcher
}

export function sendEvent<E extends EventName>(win: BrowserWindow | undefined, event: E, payload: EventPayload<E>): void {
  if (win && !win.isDestroyed() && !win.webContents.isDestroyed()) win.webContents.send(event, payload)
}
