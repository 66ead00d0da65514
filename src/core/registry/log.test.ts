import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { checkEnvelope } from '../signoff/envelope'
import { signer, signoff } from '../signoff/testing'
import { buildLog } from './log'
import type { RegistrySignoff } from './signoffs-node'

const digestOf = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`
const ana = signer('ana', 1)
const bob = signer('bob', 2)

function fromRegistry(text: string, n: number): RegistrySignoff {
  const check = checkEnvelope(text)
  return { manifestDigest: `sha256:${String(n).repeat(64).slice(0, 64)}`, status: check.ok ? 'valid' : 'invalid', envelopeDigest: digestOf(text), text, check }
}

describe('buildLog', () => {
  const a1 = signoff(ana, 'engineer', { at: '2026-11-20T10:00:00Z' })
  const b1 = signoff(bob, 'owner', { at: '2026-11-20T11:00:00Z' })
  const a2 = signoff(ana, 'engineer', { at: '2026-11-21T09:00:00Z', decision: 'reject' })
  const reg = [fromRegistry(a2.text, 3), fromRegistry(b1.text, 2), fromRegistry(a1.text, 1), { manifestDigest: `sha256:${'9'.repeat(64)}`, status: 'not-a-signoff' as const, problem: 'x' }]

  it('orders by signing time, puts undated entries last, and marks a signer\'s earlier decision in the same role as superseded', () => {
    const log = buildLog(reg)
    expect(log.entries.map((e) => [e.signer ?? '-', e.decision ?? '-', e.superseded])).toEqual([
      ['ana', 'approve', true],
      ['bob', 'approve', false],
      ['ana', 'reject', false],
      ['-', '-', false]
    ])
    expect(log.missingLocally).toEqual([])
  })

  it('compares with a local pack by envelope bytes: a removed sign-off and an unpushed one both show', () => {
    const local = [
      { path: 'signoffs/renamed.json', digest: digestOf(a1.text) },
      { path: 'signoffs/local-only.json', digest: digestOf(signoff(bob, 'owner', { at: '2026-11-22T00:00:00Z' }).text) }
    ]
    const log = buildLog(reg, local)
    expect(log.missingLocally.map((e) => e.signedAt)).toEqual(['2026-11-20T11:00:00Z', '2026-11-21T09:00:00Z'])
    expect(log.missingInRegistry.map((l) => l.path)).toEqual(['signoffs/local-only.json'])
    expect(log.entries.find((e) => e.signedAt === '2026-11-20T10:00:00Z')?.inLocalPack).toBe(true)
  })
})
