/**
 * Who may call the handlers in Electron (Electron security checklist #17: validate the sender of
 * all IPC messages). Pure and duck-typed on the IPC event, so tests use fake senders.
 */

/** The fields of Electron's IpcMainInvokeEvent this check reads. */
export interface IpcEventLike {
  readonly sender: { readonly id: number }
  readonly senderFrame: { readonly url: string; readonly detached?: boolean; readonly parent: unknown } | null
}

export interface TrustedWindow {
  /** webContents.id of the app window. */
  readonly webContentsId: number
  /** webContents.mainFrame of that window (identity compared). */
  readonly mainFrame: unknown
  /** The file:// URL of the app's index.html. */
  readonly appUrl: string
}

export function checkIpcSender(e: IpcEventLike, trusted: readonly TrustedWindow[]): string | undefined {
  const frame = e.senderFrame
  // Null after navigation or destruction; detached frames may belong to an unloading document (electron#43473).
  if (!frame) return 'no sender frame'
  if (frame.detached === true) return 'detached frame'
  if (frame.parent !== null) return 'not the top frame'
  const win = trusted.find((w) => w.webContentsId === e.sender.id)
  if (!win) return 'not an app window'
  if (frame !== win.mainFrame) return "not the window's main frame"
  if (!sameDocument(frame.url, win.appUrl)) return `unexpected origin ${safeOrigin(frame.url)}`
  return undefined
}

/** Compare with a URL parser, never startsWith (checklist #13): protocol and path, ignoring hash/query. */
function sameDocument(actual: string, expected: string): boolean {
  try {
    const a = new URL(actual)
    const b = new URL(expected)
    // Development renderer server (VOUCH_DEV only): same origin.
    if (b.protocol === 'http:') return a.origin === b.origin
    return a.protocol === 'file:' && a.protocol === b.protocol && a.host === b.host && decodeURIComponent(a.pathname) === decodeURIComponent(b.pathname)
  } catch {
    return false
  }
}

function safeOrigin(url: string): string {
  try {
    const u = new URL(url)
    return u.protocol === 'file:' ? 'file://' : u.origin
  } catch {
    return '(unparseable)'
  }
}
