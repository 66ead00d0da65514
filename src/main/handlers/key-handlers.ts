/** keys:* and trust:* handlers. Private keys are read and decrypted in the host, never returned. */
import { stat } from 'node:fs/promises'
import { absoluteUserPath } from './paths'
import { HandlerError, type Handlers } from './types'
import { listKeys, readTrustText, storeKey, trustPath } from './key-store'
import { readTextIfExists, writeFileAtomic } from './user-files'
import type { HandlerState } from './state'

type KeyHandlers = Pick<Handlers, 'keys:list' | 'keys:create' | 'keys:import' | 'keys:exportPublic' | 'trust:get' | 'trust:save'>

export function keyHandlers(s: HandlerState): KeyHandlers {
  const dir = s.deps.userDataDir
  return {
    'keys:list': async () => listKeys(dir),

    'keys:create': async ({ name, role, passphrase }) => {
      const created = await s.core.createKey(name, role, passphrase)
      return storeKey(dir, created.publicKeyLine, role, created.keyFileText)
    },

    'keys:import': async (typed) => {
      const path = absoluteUserPath(typed, s.deps.cwd)
      const st = await stat(path).catch(() => undefined)
      if (!st?.isFile()) throw new HandlerError('not-found', `no such key file: ${path}`, path)
      if (st.size > 64 * 1024) throw new HandlerError('invalid-argument', 'not a key file (too large)', path)
      const text = (await readTextIfExists(path, 64 * 1024)) ?? ''
      const firstLine = text.trim().split('\n', 1)[0] ?? ''
      if (firstLine.startsWith('ed25519 ')) return storeKey(dir, firstLine, '')
      const { publicKeyLine, role } = s.core.describeKeyFile(text)
      return storeKey(dir, publicKeyLine, role, text)
    },

    'keys:exportPublic': async (keyId) => {
      const key = (await listKeys(dir)).find((k) => k.keyId === keyId)
      if (!key) throw new HandlerError('not-found', `no key ${keyId} in the key store`)
      return `${key.publicKeyLine}\n`
    },

    'trust:get': async () => {
      const text = await readTrustText(dir)
      return { text, path: trustPath(dir), problems: s.core.trustProblems(text) }
    },

    'trust:save': async (text) => {
      const problems = s.core.trustProblems(text)
      const first = problems[0]
      if (first) throw new HandlerError('invalid-trust', `trust file line ${first.line}: ${first.message} (nothing was saved)`)
      await writeFileAtomic(trustPath(dir), text, 0o644)
      return { text, path: trustPath(dir), problems: [] }
    }
  }
}
