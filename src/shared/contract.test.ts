import { describe, expect, it } from 'vitest'
import { CHANNEL_NAMES, checkArgs, isChannel, type Channel } from './contract'

const P = '/tmp/pack'
const ID = 'pk_0123456789abcdef0123'
const KEY = `ed25519:${'ab'.repeat(32)}`
const signReq = { keyId: KEY, passphrase: 'pw', role: 'owner', decision: 'approve', answers: [{ id: 'intended-use', answer: 'yes' }] }

/** Every channel: argument lists that must pass. Record<Channel> makes a new channel fail to compile until it is listed. */
const GOOD: Record<Channel, readonly unknown[][]> = {
  'app:info': [[]],
  'pack:open': [[P], ['C:\\packs\\a.zip'], ['\\\\server\\share\\p'], ['relative/pack'], ['~/packs/a.zip']],
  'pack:close': [[ID]],
  'pack:verify': [[ID, 'job-1']],
  'pack:cancel': [['job_1']],
  'pack:samples': [[]],
  'pack:startup': [[]],
  'recent:get': [[]],
  'recent:clear': [[]],
  'recent:remove': [[P]],
  'pack:setPrevious': [[ID, 'auto'], [ID, 'none'], [ID, 'path', P], [ID, 'path', '../previous']],
  'fs:list': [[], [P], ['packs']],
  'prefs:get': [[]],
  'prefs:set': [[{ theme: 'dark' }], [{ theme: 'system' }]],
  'diff:compute': [[ID, ID], [ID, ID, 'j1']],
  'diff:previous': [[ID]],
  'signoff:checklist': [[ID], [ID, ID]],
  'pack:assess': [[ID], [ID, 'job-2']],
  'signoff:sign': [[ID, signReq], [ID, { ...signReq, comment: 'fine', answers: [{ id: 'a', answer: 'n/a', note: 'x' }] }], [ID, { ...signReq, acknowledgeBlockers: true }]],
  'keys:list': [[]],
  'keys:create': [[{ name: 'Ana Díaz', role: 'engineer', passphrase: 'correct horse' }]],
  'keys:import': [[P], ['eng.key.pub']],
  'keys:exportPublic': [[KEY]],
  'trust:get': [[]],
  'trust:save': [['ana roles=owner ed25519 AAAA\n'], ['']],
  'curves:pack': [[ID], [ID, 'age-18-24'], [ID, 'a:b.c_d-1']],
  'curves:compare': [[ID, ID], [ID, ID, 'thin-file']],
  'attest:export': [[ID]],
  'dialog:openPack': [[], ['file'], ['folder']]
}

/** Every channel: argument lists that must be refused. */
const BAD: Record<Channel, readonly unknown[][]> = {
  'app:info': [['extra']],
  'pack:open': [[], [''], ['   '], ['/tmp/a\u0000b'], [42], [P, P], ['/' + 'a'.repeat(5000)]],
  'pack:close': [['pk_nothex!'], []],
  'pack:verify': [[ID], [ID, 'bad id'], ['/tmp/pack', 'j']],
  'pack:cancel': [[''], [{}]],
  'pack:samples': [[1]],
  'pack:startup': [[null]],
  'recent:get': [[P]],
  'recent:clear': [[true]],
  'recent:remove': [['relative'], []],
  'pack:setPrevious': [[ID], [ID, 'sibling'], [ID, 'path', '/a\u0000b'], ['/tmp/pack', 'auto']],
  'fs:list': [[42], ['/a\u0000'], [P, P]],
  'prefs:get': [[{}]],
  'prefs:set': [[{ theme: 'blue' }], [{ theme: 'dark', extra: 1 }], []],
  'diff:compute': [[ID], [ID, 'x'], [ID, ID, 'bad job']],
  'diff:previous': [[P]],
  'signoff:checklist': [[], [ID, 'nope']],
  'pack:assess': [[{ packId: ID }], [], [ID, 'bad job']],
  'signoff:sign': [
    [ID],
    [ID, { ...signReq, decision: 'maybe' }],
    [ID, { ...signReq, keyId: 'ed25519:xyz' }],
    [ID, { ...signReq, role: 'Owner Role' }],
    [ID, { ...signReq, passphrase: '' }],
    [ID, { ...signReq, answers: [{ id: 'a', answer: 'sure' }] }],
    [ID, { ...signReq, privateKey: 'smuggled' }],
    [ID, { ...signReq, acknowledgeBlockers: 'yes' }],
    [ID, { ...signReq, answers: Array.from({ length: 201 }, () => ({ id: 'a', answer: 'yes' })) }]
  ],
  'keys:list': [[{}]],
  'keys:create': [[{ name: 'a', role: 'owner' }], [{ name: 'a\nb', role: 'owner', passphrase: 'x' }], [{ name: 'a', role: 'owner', passphrase: 'x', extra: 1 }]],
  'keys:import': [[''], []],
  'keys:exportPublic': [['ab'.repeat(32)]],
  'trust:get': [['x']],
  'trust:save': [[42], ['x'.repeat(1_000_001)]],
  'curves:pack': [[], [ID, ''], [ID, '-leading-dash'], [ID, 'has space'], [ID, 'a'.repeat(257)], [ID, null], [ID, 'x', 'y']],
  'curves:compare': [[ID], [ID, 'x'], [ID, ID, "o'brien"], [ID, ID, 'ok', 'extra']],
  'attest:export': [[], [ID, { againstId: ID }], [ID, {}]],
  'dialog:openPack': [['dir'], ['file', 'extra']]
}

describe('contract validators', () => {
  it('declares every channel with an area prefix, once', () => {
    expect(new Set(CHANNEL_NAMES).size).toBe(CHANNEL_NAMES.length)
    for (const c of CHANNEL_NAMES) expect(c).toMatch(/^[a-z]+:[a-zA-Z]+$/)
    expect(isChannel('pack:open')).toBe(true)
    expect(isChannel('toString')).toBe(false)
    expect(isChannel('__proto__')).toBe(false)
  })

  for (const channel of CHANNEL_NAMES) {
    it(`${channel}: accepts good arguments`, () => {
      for (const a of GOOD[channel]) expect(checkArgs(channel, a), JSON.stringify(a)).toBeUndefined()
    })
    it(`${channel}: refuses bad arguments with a message naming the position`, () => {
      expect(BAD[channel].length).toBeGreaterThan(0)
      for (const a of BAD[channel]) expect(checkArgs(channel, a), JSON.stringify(a).slice(0, 80)).toMatch(/^args/)
    })
  }

  it('refuses a non-array argument list and objects with a prototype', () => {
    expect(checkArgs('pack:open', { 0: P })).toMatch(/argument list/)
    expect(checkArgs('pack:open', P)).toMatch(/argument list/)
    class Evil {
      keyId = KEY
    }
    expect(checkArgs('signoff:sign', [ID, Object.assign(new Evil(), signReq)])).toMatch(/plain object/)
  })
})

describe('sliceId', () => {
  it('accepts exactly the ids the pack format allows', async () => {
    const { ID_PATTERN } = await import('../core/format/schemas')
    const { sliceId } = await import('./contract')
    const format = new RegExp(ID_PATTERN)
    for (const id of ['a', 'age-18-24', 'A.b_c:d-9', '9lives', '-x', '.x', 'a b', "a'", 'é', 'a/b', '']) {
      expect(sliceId.check(id, 'id') === undefined, id).toBe(format.test(id))
    }
  })
})

describe('buildApi', () => {
  it('drops omitted trailing optional arguments so JSON never sends null for them', async () => {
    const { buildApi } = await import('./api')
    const sent: unknown[] = []
    const api = buildApi(
      async (channel, args) => {
        sent.push([channel, JSON.parse(JSON.stringify(args))])
        return { ok: true, value: null }
      },
      () => () => undefined,
      { resolveDroppedFile: async () => ({ ok: true, value: '' }) }
    )
    await api.signoff.checklist(ID, undefined)
    await api.attest.export(ID)
    await api.diff.compute(ID, ID, 'j')
    expect(sent).toEqual([
      ['signoff:checklist', [ID]],
      ['attest:export', [ID]],
      ['diff:compute', [ID, ID, 'j']]
    ])
    for (const [channel, args] of sent as [Channel, unknown[]][]) expect(checkArgs(channel, args)).toBeUndefined()
  })
})
