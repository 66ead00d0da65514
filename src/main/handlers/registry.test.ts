import { describe, expect, it } from 'vitest'
import { PackReadError } from '../../core/io/reader'
import { createDispatcher } from './registry'
import { HandlerError, type Handlers } from './types'

function setup(impl: Partial<Record<string, (...a: unknown[]) => Promise<unknown>>> = {}) {
  const logs: string[] = []
  const calls: unknown[][] = []
  const handlers = new Proxy({} as Handlers, {
    get: (_t, name: string) =>
      impl[name] ??
      (async (...a: unknown[]) => {
        calls.push([name, ...a])
        return 'done'
      })
  })
  const log = { warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) }
  const d = createDispatcher<{ trusted: boolean }>(handlers, (s) => (s.trusted ? undefined : 'foreign sender'), log)
  return { d, logs, calls }
}

describe('createDispatcher', () => {
  it('runs a valid call from a trusted sender', async () => {
    const { d, calls } = setup()
    expect(await d.dispatch('pack:open', ['/tmp/x'], { trusted: true })).toEqual({ ok: true, value: 'done' })
    expect(calls).toEqual([['pack:open', '/tmp/x']])
  })

  it('refuses a foreign sender before looking at the call, and logs it', async () => {
    const { d, logs, calls } = setup()
    const r = await d.dispatch('pack:open', ['/tmp/x'], { trusted: false })
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } })
    expect(calls).toEqual([])
    expect(logs.join()).toMatch(/foreign sender/)
    expect(d.rejected()).toBe(1)
  })

  it('refuses a sender check that throws', async () => {
    const { d } = setup()
    const r = await d.dispatch('pack:open', ['/tmp/x'], null as unknown as { trusted: boolean })
    expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } })
  })

  it('refuses unknown channels and bad arguments without calling the handler', async () => {
    const { d, calls } = setup()
    expect(await d.dispatch('shell:openExternal', [], { trusted: true })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await d.dispatch('constructor', [], { trusted: true })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await d.dispatch('pack:open', ['/etc/pass\u0000wd'], { trusted: true })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(await d.dispatch('pack:open', '/tmp/x', { trusted: true })).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(calls).toEqual([])
    expect(d.rejected()).toBe(4)
  })

  it('never logs argument values (a passphrase stays out of logs)', async () => {
    const { d, logs } = setup()
    await d.dispatch('keys:create', [{ name: 'a', role: 'Bad Role', passphrase: 'hunter2-secret' }], { trusted: true })
    expect(logs.length).toBe(1)
    expect(logs.join()).not.toContain('hunter2-secret')
  })

  it('turns thrown errors into typed results without stacks', async () => {
    const { d, logs } = setup({
      'pack:open': async () => {
        throw new PackReadError('not-an-archive', '/tmp/x', 'not a zip, tar or folder')
      },
      'pack:close': async () => {
        throw new HandlerError('unknown-pack', 'this pack is no longer open')
      },
      'recent:get': async () => {
        throw new TypeError('boom\n    at secret/stack.js:1:1')
      }
    })
    expect(await d.dispatch('pack:open', ['/tmp/x'], { trusted: true })).toEqual({
      ok: false,
      error: { code: 'not-an-archive', message: 'not a zip, tar or folder', path: '/tmp/x' }
    })
    expect(await d.dispatch('pack:close', ['pk_0123456789abcdef'], { trusted: true })).toMatchObject({ ok: false, error: { code: 'unknown-pack' } })
    const r = await d.dispatch('recent:get', [], { trusted: true })
    expect(r).toMatchObject({ ok: false, error: { code: 'internal' } })
    expect(JSON.stringify(r)).not.toContain('stack.js')
    expect(logs.join()).toContain('stack.js') // the log keeps it for the developer
  })
})
