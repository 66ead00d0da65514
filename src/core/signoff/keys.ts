/**
 * Public keys as people see them: the fingerprint (`ed25519:` + hex SHA-256 of the raw 32 bytes,
 * shown everywhere, compared in full) and the one-line .pub file `ed25519 <base64> <name>`.
 */
import { decodeBase64, encodeBase64, toHex, Base64Error } from './base64'
import { checkPublicKey } from './ed25519'
import { sha256 } from './sha256'

import { NAME_RE } from './key-rules'

export { NAME_RE, ROLE_RE } from './key-rules'

export function fingerprint(publicKey: Uint8Array): string {
  return `ed25519:${toHex(sha256(publicKey))}`
}

/** First 16 hex digits in groups of four, for display next to the full value. */
export function shortFingerprint(fp: string): string {
  const hex = fp.replace(/^ed25519:/, '').slice(0, 16)
  return `ed25519:${hex.match(/.{1,4}/g)?.join(' ') ?? hex}`
}

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'KeyFormatError'
  }
}

/** Decodes a base64 ed25519 public key and checks it is usable (canonical, not small-order). */
export function decodePublicKey(b64: string): Uint8Array {
  let pk: Uint8Array
  try {
    pk = decodeBase64(b64)
  } catch (e) {
    throw new KeyFormatError(`public key is not valid base64 (${e instanceof Base64Error ? e.message : 'decode error'})`)
  }
  const ok = checkPublicKey(pk)
  if (!ok.ok) throw new KeyFormatError(`not a usable ed25519 public key (${ok.reason})`)
  return pk
}

export interface PublicKeyLine {
  readonly publicKey: Uint8Array
  readonly name: string
  readonly fingerprint: string
}

export function formatPublicKeyLine(publicKey: Uint8Array, name: string): string {
  return `ed25519 ${encodeBase64(publicKey)} ${name}`
}

/** Parses a .pub file: one non-comment line `ed25519 <base64> <name>`. */
export function parsePublicKeyFile(text: string): PublicKeyLine {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.trim().startsWith('#'))
  if (lines.length !== 1) throw new KeyFormatError('a .pub file holds exactly one line: ed25519 <base64> <name>')
  const parts = lines[0]!.trim().split(/\s+/)
  if (parts.length !== 3 || parts[0] !== 'ed25519') throw new KeyFormatError('expected: ed25519 <base64 public key> <name>')
  const name = parts[2]!
  if (!NAME_RE.test(name)) throw new KeyFormatError(`invalid name "${name}" (letters, digits and . _ @ + -, no spaces)`)
  const publicKey = decodePublicKey(parts[1]!)
  return { publicKey, name, fingerprint: fingerprint(publicKey) }
}
