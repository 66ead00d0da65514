/**
 * Electron main: lifecycle, the one window, the menu, and the contract's handlers over IPC.
 * Main stays thin: the handlers (shared with `vouch serve`) call src/core.
 */
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { app, BrowserWindow } from 'electron'
import { packFromArgv } from './argv'
import { createHandlers } from './handlers'
import { openPackDialog, saveFileWithDialog } from './host'
import { registerIpc, sendEvent } from './ipc'
import { installMenu } from './menu'
import { hardenApp, securePreferences } from './security/harden'
import type { TrustedWindow } from './security/ipc-sender'

declare const __VOUCH_VERSION__: string | undefined
const VERSION = typeof __VOUCH_VERSION__ === 'string' ? __VOUCH_VERSION__ : app.getVersion()

const here = dirname(fileURLToPath(import.meta.url))
const outDir = resolve(here, '..')
const indexHtml = join(outDir, 'renderer', 'index.html')
// electron-vite writes the sandboxed (CJS) preload as index.cjs because package.json is "type": "module".
const preload = join(outDir, 'preload', 'index.cjs')
// Devtools and a dev server only for a developer who asked (checklist: no devtools in production).
const dev = !app.isPackaged && Boolean(process.env.VOUCH_DEV)
const devUrl = dev ? process.env.ELECTRON_RENDERER_URL : undefined
const appUrl = devUrl ?? pathToFileURL(indexHtml).href
const samplesDir = app.isPackaged ? join(process.resourcesPath, 'samples') : resolve(outDir, '..', 'resources', 'samples')

// One user-data dir whatever way Electron was launched (`electron out/main/index.js` would name it
// "Electron"), shared with `vouch serve`; e2e passes its own per test.
app.setName('vouch')
app.setPath('userData', process.env.VOUCH_USER_DATA ? resolve(process.env.VOUCH_USER_DATA) : join(app.getPath('appData'), 'vouch'))

const log = {
  warn: (m: string) => void process.stderr.write(`vouch: ${m}\n`),
  error: (m: string) => void process.stderr.write(`vouch: ${m}\n`)
}

/** Paths that name the app itself on the command line (never a pack). */
const selfPaths = (): ReadonlySet<string> => new Set([resolve(app.getAppPath()), resolve(fileURLToPath(import.meta.url)), here, resolve(outDir, '..')])

let mainWindow: BrowserWindow | undefined
let pendingOpen: string | undefined

function trusted(): readonly TrustedWindow[] {
  const w = mainWindow
  if (!w || w.isDestroyed()) return []
  return [{ webContentsId: w.webContents.id, mainFrame: w.webContents.mainFrame, appUrl }]
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Vouch',
    backgroundColor: '#00000000',
    webPreferences: securePreferences(preload, dev)
  })
  win.once('ready-to-show', () => win.show())
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = undefined
  })
  void (devUrl ? win.loadURL(devUrl) : win.loadFile(indexHtml))
  return win
}

function askUiToOpen(path: string): void {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore()
    mainWindow.focus()
    sendEvent(mainWindow, 'app:openPath', { path })
  } else pendingOpen = path
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  const startupPath = packFromArgv(process.argv, process.cwd(), selfPaths())
  // macOS hands files over by event, possibly before ready.
  app.on('open-file', (e, path) => {
    e.preventDefault()
    askUiToOpen(path)
  })
  app.on('second-instance', (_e, argv, cwd) => {
    const p = packFromArgv(argv, cwd, selfPaths())
    if (p) askUiToOpen(p)
    else mainWindow?.focus()
  })

  // Registered before the whenReady below, so the session is hardened before the window exists.
  hardenApp(devUrl ? new URL(devUrl).origin : undefined)

  void app.whenReady().then(() => {
    const win = () => mainWindow
    const handlers = createHandlers({
      host: 'electron',
      version: VERSION,
      userDataDir: app.getPath('userData'),
      samplesDir,
      ...((pendingOpen ?? startupPath) ? { startupPath: pendingOpen ?? startupPath } : {}),
      emit: (event, payload) => sendEvent(mainWindow, event, payload),
      log,
      openDialog: openPackDialog(win),
      deliverFile: saveFileWithDialog(win)
    })
    pendingOpen = undefined
    registerIpc(handlers, trusted, log)
    installMenu(() => {
      void openPackDialog(win)('file').then((p) => {
        if (p) askUiToOpen(p)
      })
    }, dev)
    mainWindow = createWindow()
    app.on('activate', () => {
      if (!mainWindow) mainWindow = createWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
