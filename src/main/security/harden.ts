/**
 * The Electron security baseline, applied in one place before any window exists
 * (Electron security checklist; GitHub Desktop's web-contents-created hook).
 */
import { app, session, type Session, type WebPreferences } from 'electron'
import { CSP } from '../../shared/csp'

/** webPreferences of every app window. */
export function securePreferences(preload: string, devTools: boolean): WebPreferences {
  return {
    preload,
    contextIsolation: true, // #3: the page cannot reach the preload's world
    sandbox: true, // #4: the renderer is an OS-sandboxed process; the preload is bundled for it
    nodeIntegration: false, // #2: no Node in web content
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true, // #6
    allowRunningInsecureContent: false, // #8
    experimentalFeatures: false, // #9
    webviewTag: false, // #11/#12: no <webview> at all
    spellcheck: false, // the spellchecker downloads dictionaries: no network, ever
    devTools
  }
}

/**
 * @param allowedOrigin a development renderer server (VOUCH_DEV only), else undefined: file: only.
 */
export function hardenApp(allowedOrigin: string | undefined): void {
  // #13/#14: no navigation and no new windows, in every webContents that will ever exist.
  app.on('web-contents-created', (_e, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
    contents.on('will-navigate', (e) => e.preventDefault())
    contents.on('will-redirect', (e) => e.preventDefault())
    contents.on('will-attach-webview', (e) => e.preventDefault())
  })
  // Sessions exist only once the app is ready: harden the default one before any window loads.
  void app.whenReady().then(() => hardenSession(session.defaultSession, allowedOrigin))
}

export function hardenSession(ses: Session, allowedOrigin: string | undefined): void {
  // #5: Electron grants every permission by default; the app needs one: writing text to the
  // clipboard (Copy digest), which cannot read anything back.
  ses.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'clipboard-sanitized-write'))
  ses.setPermissionCheckHandler((_wc, permission) => permission === 'clipboard-sanitized-write')
  ses.setDevicePermissionHandler(() => false)
  // The app never makes a network request: anything but the app's own files is cancelled.
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isLocalUrl(details.url, allowedOrigin) })
  })
  // #7: CSP as a header too (the meta tag in index.html covers file://, which has no headers).
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } })
  })
}

function isLocalUrl(url: string, allowedOrigin: string | undefined): boolean {
  try {
    const u = new URL(url)
    if (u.protocol === 'file:' || u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'devtools:') return true
    return allowedOrigin !== undefined && u.origin === allowedOrigin
  } catch {
    return false
  }
}
