import { describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '../shared/contract'
import type { Handlers } from './handlers'

const handled = new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>()
vi.mock('electron', () => ({ ipcMain: { handle: (ch: string, fn: (event: unknown, ...args: unknown[]) => Promise<unknown>) => void handled.set(ch, fn) } }))

const { registerIpc } = await import('./ipc')

describe('registerIpc', () => {
  const mainFrame = { url: 'file:///app/out/renderer/index.html', detached: false, parent: null }
  const calls: unknown[] = []
  const handlers = new Proxy({} as Handlers, { get: () => async (...a: unknown[]) => void calls.push(a) })
  const logs: string[] = []
  registerIpc(handlers, () => [{ webContentsId: 1, mainFrame, appUrl: mainFrame.url }], { warn: (m) => logs.push(m), error: (m) => logs.push(m) })

  it('registers exactly the contract channels', () => {
    expect([...handled.keys()].sort()).toEqual([...CHANNEL_NAMES].sort())
  })

  it('runs a call from the app window and refuses one from any other frame', async () => {
    const open = handled.get('pack:open')!
    expect(await open({ sender: { id: 1 }, senderFrame: mainFrame }, '/p')).toEqual({ ok: true, value: undefined })
    expect(calls).toEqual([['/p']])
    const child = { url: mainFrame.url, parent: mainFrame }
    expect(await open({ sender: { id: 1 }, senderFrame: child }, '/p')).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(await open({ sender: { id: 2 }, senderFrame: { ...mainFrame } }, '/p')).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(calls).toHaveLength(1)
    expect(logs.length).toBe(2)
  })
})
