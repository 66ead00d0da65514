import { beforeEach, describe, expect, it, vi } from 'vitest'
import { CHANNEL_NAMES } from '../shared/contract'

// A fake electron: records what the preload exposes and how it uses ipcRenderer.
const exposed: Record<string, unknown> = {}
const listeners = new Map<string, Set<(...a: unknown[]) => void>>()
const invoked: unknown[][] = []
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => void (exposed[key] = value) },
  ipcRenderer: {
    invoke: async (...a: unknown[]) => {
      invoked.push(a)
      if (a[0] === 'pack:samples') throw new Error('secret internal detail')
      return { ok: true, value: 'v' }
    },
    on: (ch: string, fn: (...a: unknown[]) => void) => void (listeners.get(ch) ?? listeners.set(ch, new Set()).get(ch)!).add(fn),
    removeListener: (ch: string, fn: (...a: unknown[]) => void) => void listeners.get(ch)?.delete(fn)
  },
  webUtils: { getPathForFile: (f: { path?: string }) => f.path ?? '' }
}))

type Api = Record<string, Record<string, (...a: unknown[]) => Promise<unknown>>> & {
  onProgress: (cb: (p: unknown) => void) => () => void
  resolveDroppedFile: (f: unknown) => Promise<unknown>
}

beforeEach(async () => {
  await import('./index')
})

describe('preload', () => {
  it('exposes one object, `api`, with the contract areas and no ipcRenderer', () => {
    expect(Object.keys(exposed)).toEqual(['api'])
    const api = exposed.api as Api
    const areas = [...new Set(CHANNEL_NAMES.map((c) => c.split(':')[0]))].sort()
    expect(Object.keys(api).filter((k) => typeof api[k] === 'object').sort()).toEqual(areas)
    expect(JSON.stringify(Object.keys(api))).not.toMatch(/ipc|invoke|send|require/i)
    for (const c of CHANNEL_NAMES) {
      const [area, method] = c.split(':') as [string, string]
      expect(typeof api[area]?.[method]).toBe('function')
    }
  })

  it('invokes only contract channels, and turns a failed call into a typed error without its detail', async () => {
    const api = exposed.api as Api
    expect(await api.pack!.open!('/x')).toEqual({ ok: true, value: 'v' })
    expect(invoked.at(-1)).toEqual(['pack:open', '/x'])
    const failed = (await api.pack!.samples!()) as { ok: boolean; error: { message: string } }
    expect(failed.ok).toBe(false)
    expect(failed.error.message).not.toContain('secret')
  })

  it('event callbacks get the payload only (never the IPC event), and unsubscribe removes that very listener', () => {
    const api = exposed.api as Api
    const got: unknown[][] = []
    const off = api.onProgress((...a: unknown[]) => void got.push(a))
    const fns = [...(listeners.get('pack:progress') ?? [])]
    expect(fns).toHaveLength(1)
    fns[0]!({ sender: 'would-leak' }, { jobId: 'j' })
    expect(got).toEqual([[{ jobId: 'j' }]])
    off()
    expect(listeners.get('pack:progress')?.size).toBe(0)
  })

  it('resolves a dropped file to its path, and refuses what has none', async () => {
    const api = exposed.api as Api
    expect(await api.resolveDroppedFile({ path: '/tmp/p.zip' })).toEqual({ ok: true, value: '/tmp/p.zip' })
    expect(await api.resolveDroppedFile({})).toMatchObject({ ok: false, error: { code: 'unsupported' } })
  })
})
