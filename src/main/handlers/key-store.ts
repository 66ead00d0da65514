/**
 * The app's key store and trust file, under the user-data dir:
 *   keys/<fingerprint hex>.key   encrypted private key (core's format; decrypted only in the host)
 *   keys/<fingerprint hex>.pub   `ed25519 <base64> <name>`
 *   keys/<fingerprint hex>.json  { name, role } (the .pub line carries no role)
 *   trust.txt                    allowed-signers style trust file
 */
import { createHash } from 'node:crypto'
import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { KeyInfo } from '../../shared/domain'
import { readTextIfExists, writeFileAtomic } from './user-files'
import { HandlerError } from './types'

const PUB_LINE = /^ed25519 ([A-Za-z0-9+/_-]+={0,2}) (.+)$/

export const keysDir = (userDataDir: string): string => join(userDataDir, 'keys')
export const trustPath = (userDataDir: string): string => join(userDataDir, 'trust.txt')
const hexOf = (keyId: string): string => keyId.replace(/^ed25519:/, '')
export const keyFilePath = (userDataDir: string, keyId: string): string => join(keysDir(userDataDir), `${hexOf(keyId)}.key`)

export async function readTrustText(userDataDir: string): Promise<string> {
  return (await readTextIfExists(trustPath(userDataDir), 1_000_000)) ?? ''
}

/** `ed25519:` + hex SHA-256 of the raw 32-byte key, from a .pub line. */
export function parsePublicLine(line: string): { readonly keyId: string; readonly name: string; readonly publicKeyLine: string } {
  const m = PUB_LINE.exec(line.trim())
  const raw = m?.[1] ? Buffer.from(m[1].replace(/-/g, '+').replace(/_/g, '/'), 'base64') : undefined
  if (!m || !m[2] || !raw || raw.length !== 32) throw new HandlerError('invalid-argument', 'not a public key line (ed25519 <base64 of 32 bytes> <name>)')
  return { keyId: `ed25519:${createHash('sha256').update(raw).digest('hex')}`, name: m[2], publicKeyLine: line.trim() }
}

export async function storeKey(userDataDir: string, publicLine: string, role: string, keyFileText?: string): Promise<KeyInfo> {
  const pub = parsePublicLine(publicLine)
  const base = join(keysDir(userDataDir), hexOf(pub.keyId))
  if (keyFileText !== undefined) await writeFileAtomic(`${base}.key`, keyFileText, 0o600)
  await writeFileAtomic(`${base}.pub`, `${pub.publicKeyLine}\n`, 0o644)
  await writeFileAtomic(`${base}.json`, JSON.stringify({ name: pub.name, role }), 0o644)
  return (await listKeys(userDataDir)).find((k) => k.keyId === pub.keyId) ?? { ...pub, role, canSign: keyFileText !== undefined }
}

export async function listKeys(userDataDir: string): Promise<readonly KeyInfo[]> {
  const dir = keysDir(userDataDir)
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const out: KeyInfo[] = []
  for (const n of names.filter((x) => /^[0-9a-f]{64}\.pub$/.test(x)).sort()) {
    const hex = n.slice(0, 64)
    try {
      const pub = parsePublicLine((await readTextIfExists(join(dir, n), 64 * 1024)) ?? '')
      if (hexOf(pub.keyId) !== hex) continue // renamed or tampered: not offered
      const meta = JSON.parse((await readTextIfExists(join(dir, `${hex}.json`), 64 * 1024)) ?? '{}') as { role?: unknown }
      const canSign = names.includes(`${hex}.key`)
      out.push({ keyId: pub.keyId, name: pub.name, role: typeof meta.role === 'string' ? meta.role : '', publicKeyLine: pub.publicKeyLine, canSign })
    } catch {
      // A damaged entry is skipped; the others stay usable.
    }
  }
  return out
}
