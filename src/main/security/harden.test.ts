import { beforeAll, describe, expect, it, vi } from 'vitest'

// A fake electron app and session that record the hooks the baseline installs.
const appHandlers = new Map<string, (...a: unknown[]) => void>()
const ses = {
  permissionRequest: undefined as undefined | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
  permissionCheck: undefined as undefined | ((wc: unknown, p: string) => boolean),
  device: undefined as undefined | (() => boolean),
  beforeRequest: undefined as undefined | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
  headers: undefined as undefined | ((d: { responseHeaders: Record<string, string[]> }, cb: (r: { responseHeaders: Record<string, string[]> }) => void) => void)
}
vi.mock('electron', () => ({
  app: { on: (ev: string, fn: (...a: unknown[]) => void) => void appHandlers.set(ev, fn), whenReady: () => Promise.resolve() },
  session: {
    defaultSession: {
      setPermissionRequestHandler: (f: typeof ses.permissionRequest) => void (ses.permissionRequest = f),
      setPermissionCheckHandler: (f: typeof ses.permissionCheck) => void (ses.permissionCheck = f),
      setDevicePermissionHandler: (f: typeof ses.device) => void (ses.device = f),
      webRequest: {
        onBeforeRequest: (f: typeof ses.beforeRequest) => void (ses.beforeRequest = f),
        onHeadersReceived: (f: typeof ses.headers) => void (ses.headers = f)
      }
    }
  }
}))

const { hardenApp, securePreferences } = await import('./harden')

beforeAll(async () => {
  hardenApp(undefined)
  await new Promise((r) => setTimeout(r, 0)) // the session is hardened once the app is ready
})

describe('Electron security baseline', () => {
  it('window preferences: isolation, sandbox, no node, no webview, devtools only when asked', () => {
    const p = securePreferences('/app/preload.cjs', false)
    expect(p).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false, allowRunningInsecureContent: false, devTools: false })
    expect(securePreferences('/p', true).devTools).toBe(true)
  })

  it('denies new windows, navigation, redirects and webviews in every webContents', () => {
    const on = new Map<string, (e: { preventDefault: () => void }) => void>()
    let openHandler: (() => { action: string }) | undefined
    appHandlers.get('web-contents-created')!({}, { setWindowOpenHandler: (f: () => { action: string }) => (openHandler = f), on: (ev: string, f: (e: { preventDefault: () => void }) => void) => on.set(ev, f) })
    expect(openHandler?.()).toEqual({ action: 'deny' })
    for (const ev of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const e = { preventDefault: vi.fn() }
      on.get(ev)!(e)
      expect(e.preventDefault, ev).toHaveBeenCalled()
    }
  })

  it('denies every permission but clipboard write', () => {
    const answers: Record<string, boolean> = {}
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'clipboard-sanitized-write']) ses.permissionRequest!({}, p, (ok) => (answers[p] = ok))
    expect(answers).toEqual({ media: false, geolocation: false, notifications: false, openExternal: false, 'clipboard-read': false, 'clipboard-sanitized-write': true })
    expect(ses.permissionCheck!({}, 'media')).toBe(false)
    expect(ses.device!()).toBe(false)
  })

  it('cancels every request that is not the app itself: the app never touches the network', () => {
    const cancel = (url: string): boolean => {
      let r = false
      ses.beforeRequest!({ url }, (x) => (r = x.cancel))
      return r
    }
    expect(cancel('file:///opt/vouch/out/renderer/index.html')).toBe(false)
    expect(cancel('data:image/png;base64,AAAA')).toBe(false)
    for (const u of ['https://example.com/', 'http://127.0.0.1:5173/', 'ws://localhost/', 'ftp://x/']) expect(cancel(u), u).toBe(true)
  })

  it('adds the CSP header with no remote origin', () => {
    let out: Record<string, string[]> = {}
    ses.headers!({ responseHeaders: {} }, (r) => (out = r.responseHeaders))
    const csp = out['Content-Security-Policy']?.[0] ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toMatch(/https?:|\*/)
  })
})
