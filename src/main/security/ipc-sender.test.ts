import { describe, expect, it } from 'vitest'
import { checkIpcSender, type IpcEventLike, type TrustedWindow } from './ipc-sender'

const appUrl = 'file:///opt/vouch/out/renderer/index.html'
const mainFrame = { url: appUrl, detached: false, parent: null }
const trusted: TrustedWindow[] = [{ webContentsId: 7, mainFrame, appUrl }]
const ev = (over: Partial<IpcEventLike> = {}): IpcEventLike => ({ sender: { id: 7 }, senderFrame: mainFrame, ...over })

describe('checkIpcSender', () => {
  it("accepts the app window's top frame on the app URL (hash and query ignored)", () => {
    expect(checkIpcSender(ev(), trusted)).toBeUndefined()
    const f = { ...mainFrame, url: `${appUrl}#/pack` }
    expect(checkIpcSender(ev({ senderFrame: f }), [{ ...trusted[0]!, mainFrame: f }])).toBeUndefined()
  })

  it('refuses a missing, detached or child frame', () => {
    expect(checkIpcSender(ev({ senderFrame: null }), trusted)).toMatch(/no sender frame/)
    expect(checkIpcSender(ev({ senderFrame: { ...mainFrame, detached: true } }), trusted)).toMatch(/detached/)
    expect(checkIpcSender(ev({ senderFrame: { url: appUrl, parent: mainFrame } }), trusted)).toMatch(/top frame/)
  })

  it('refuses another webContents, or a frame that is not its main frame', () => {
    expect(checkIpcSender(ev({ sender: { id: 8 } }), trusted)).toMatch(/not an app window/)
    expect(checkIpcSender(ev({ senderFrame: { url: appUrl, parent: null } }), trusted)).toMatch(/main frame/)
  })

  it('refuses foreign documents, including look-alike prefixes', () => {
    for (const url of ['https://evil.example/', 'file:///opt/vouch/out/renderer/index.html.evil', 'file:///tmp/index.html', 'not a url']) {
      const f = { url, parent: null }
      expect(checkIpcSender(ev({ senderFrame: f }), [{ ...trusted[0]!, mainFrame: f }]), url).toMatch(/unexpected origin/)
    }
  })

  it('refuses everything when no window is trusted', () => {
    expect(checkIpcSender(ev(), [])).toMatch(/not an app window/)
  })
})
