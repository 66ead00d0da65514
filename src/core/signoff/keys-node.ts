/**
 * Encrypted private key files (node only: scrypt comes from node:crypto).
 * Format (JSON): the 32-byte ed25519 seed sealed with tweetnacl secretbox (XSalsa20-Poly1305,
 * 24-byte random nonce) under a key derived from the passphrase with scrypt N=2^17, r=8, p=1 and a
 * 16-byte random salt (OWASP floor; reliability_anchors §3.5). Files with weaker parameters are
 * refused (downgrade), and so are absurdly strong ones (a hostile file must not eat the memory).
 * Key files are never overwritten.
 */
import { randomBytes, scrypt as scryptCb } from 'node:crypto'
import { access, open, readFile, rm } from 'node:fs/promises'
import nacl from 'tweetnacl'
import { Base64Error, decodeBase64, encodeBase64 } from './base64'
import { keyPairFromSeed } from './ed25519'
import { fingerprint, formatPublicKeyLine, NAME_RE, ROLE_RE } from './keys'

export const KEY_FILE_TYPE = 'vouch-ed25519-private-key'
export const KDF_DEFAULT = { N: 2 ** 17, r: 8, p: 1 } as const
const KDF_MAX = { N: 2 ** 20, r: 16, p: 4 } as const
export const MIN_PASSPHRASE = 8

export type KeyFileErrorCode = 'exists' | 'not-found' | 'malformed' | 'weak-kdf' | 'wrong-passphrase' | 'io' | 'weak-passphrase' | 'bad-name'

export class KeyFileError extends Error {
  constructor(
    readonly code: KeyFileErrorCode,
    readonly path: string,
    message: string
  ) {
    super(`${path}: ${message}`)
    this.name = 'KeyFileError'
  }
}

export interface KeyFileJson {
  readonly type: typeof KEY_FILE_TYPE
  readonly version: 1
  readonly name: string
  readonly role: string
  readonly publicKey: string
  readonly fingerprint: string
  readonly created: string
  readonly kdf: { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number; readonly salt: string }
  readonly cipher: { readonly name: 'xsalsa20-poly1305'; readonly nonce: string }
  readonly ciphertext: string
}

export interface LoadedKey {
  readonly name: string
  readonly role: string
  /** 64 bytes (seed ‖ public key), for createSignoffEnvelope. Keep in memory only. */
  readonly secretKey: Uint8Array
  readonly publicKey: Uint8Array
  readonly fingerprint: string
}

function deriveKey(passphrase: string, salt: Uint8Array, p: { N: number; r: number; p: number }): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    // maxmem above 128·N·r (128 MiB at the default) or node refuses.
    scryptCb(passphrase.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))))
  })
}

/** Encrypts a fresh or given seed into key-file JSON. */
export async function sealKey(opts: { seed: Uint8Array; name: string; role: string; passphrase: string; created: Date }): Promise<KeyFileJson> {
  const salt = new Uint8Array(randomBytes(16))
  const nonce = new Uint8Array(randomBytes(24))
  const k = await deriveKey(opts.passphrase, salt, KDF_DEFAULT)
  const box = nacl.secretbox(opts.seed, nonce, k)
  const { publicKey } = keyPairFromSeed(opts.seed)
  return {
    type: KEY_FILE_TYPE,
    version: 1,
    name: opts.name,
    role: opts.role,
    publicKey: encodeBase64(publicKey),
    fingerprint: fingerprint(publicKey),
    created: opts.created.toISOString(),
    kdf: { name: 'scrypt', ...KDF_DEFAULT, salt: encodeBase64(salt) },
    cipher: { name: 'xsalsa20-poly1305', nonce: encodeBase64(nonce) },
    ciphertext: encodeBase64(box)
  }
}

/** Decrypts key-file text. Throws KeyFileError (malformed, weak-kdf, wrong-passphrase). */
export async function openKey(text: string, passphrase: string, path = 'key file'): Promise<LoadedKey> {
  const bad = (m: string): KeyFileError => new KeyFileError('malformed', path, m)
  let j: Record<string, unknown>
  try {
    j = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw bad('not JSON: not a Vouch private key file')
  }
  if (typeof j !== 'object' || j === null || j.type !== KEY_FILE_TYPE || j.version !== 1) throw bad(`not a ${KEY_FILE_TYPE} version 1 file`)
  const kdf = j.kdf as Record<string, unknown> | undefined
  const cipher = j.cipher as Record<string, unknown> | undefined
  if (!kdf || kdf.name !== 'scrypt' || typeof kdf.N !== 'number' || typeof kdf.r !== 'number' || typeof kdf.p !== 'number' || typeof kdf.salt !== 'string') throw bad('kdf must be scrypt with N, r, p and salt')
  if (!cipher || cipher.name !== 'xsalsa20-poly1305' || typeof cipher.nonce !== 'string' || typeof j.ciphertext !== 'string') throw bad('cipher must be xsalsa20-poly1305 with a nonce and ciphertext')
  const { N, r, p } = kdf as { N: number; r: number; p: number }
  if (!Number.isInteger(N) || !Number.isInteger(r) || !Number.isInteger(p) || (N & (N - 1)) !== 0) throw bad('scrypt parameters must be integers, N a power of two')
  if (N < KDF_DEFAULT.N || r < KDF_DEFAULT.r || p < KDF_DEFAULT.p) throw new KeyFileError('weak-kdf', path, `scrypt N=${N}, r=${r}, p=${p} is below the floor N=2^17, r=8, p=1: refused`)
  if (N > KDF_MAX.N || r > KDF_MAX.r || p > KDF_MAX.p) throw bad(`scrypt N=${N}, r=${r}, p=${p} is above the supported maximum (N=2^20, r=16, p=4)`)
  if (typeof j.name !== 'string' || !NAME_RE.test(j.name) || typeof j.role !== 'string' || !ROLE_RE.test(j.role) || typeof j.publicKey !== 'string') throw bad('name, role or publicKey missing or invalid')
  let salt: Uint8Array, nonce: Uint8Array, box: Uint8Array
  try {
    salt = decodeBase64(kdf.salt as string)
    nonce = decodeBase64(cipher.nonce as string)
    box = decodeBase64(j.ciphertext as string)
  } catch (e) {
    throw bad(`bad base64 (${e instanceof Base64Error ? e.message : 'decode error'})`)
  }
  if (salt.length !== 16 || nonce.length !== 24 || box.length !== 32 + nacl.secretbox.overheadLength) throw bad('salt must be 16 bytes, nonce 24 bytes, ciphertext 48 bytes')
  const k = await deriveKey(passphrase, salt, { N, r, p })
  const seed = nacl.secretbox.open(box, nonce, k)
  if (!seed) throw new KeyFileError('wrong-passphrase', path, 'wrong passphrase (or the file was altered)')
  const kp = keyPairFromSeed(seed)
  if (encodeBase64(kp.publicKey) !== j.publicKey) throw bad('the public key recorded in the file does not match the private key')
  return { name: j.name, role: j.role, secretKey: kp.secretKey, publicKey: kp.publicKey, fingerprint: fingerprint(kp.publicKey) }
}

async function writeNew(path: string, data: string, mode: number): Promise<void> {
  let fh
  try {
    fh = await open(path, 'wx', mode)
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    if (code === 'EEXIST') throw new KeyFileError('exists', path, 'already exists: key files are never overwritten')
    throw new KeyFileError('io', path, `cannot create (${code ?? 'error'})`)
  }
  try {
    await fh.writeFile(data, 'utf8')
    await fh.sync()
  } finally {
    await fh.close()
  }
}

export interface CreatedKeyFiles {
  readonly keyPath: string
  readonly pubPath: string
  readonly fingerprint: string
  readonly publicKey: Uint8Array
  readonly publicKeyLine: string
}

/** Creates `<out>` (encrypted private key, mode 0600) and `<out>.pub`. Refuses to overwrite either. */
export async function createKeyFiles(opts: { out: string; name: string; role: string; passphrase: string; now?: Date; seed?: Uint8Array }): Promise<CreatedKeyFiles> {
  if (!NAME_RE.test(opts.name)) throw new KeyFileError('bad-name', opts.out, `invalid name "${opts.name}" (letters, digits and . _ @ + -, no spaces)`)
  if (!ROLE_RE.test(opts.role)) throw new KeyFileError('bad-name', opts.out, `invalid role "${opts.role}" (kebab-case, e.g. engineer)`)
  if (opts.passphrase.length < MIN_PASSPHRASE) throw new KeyFileError('weak-passphrase', opts.out, `the passphrase must have at least ${MIN_PASSPHRASE} characters`)
  const pubPath = `${opts.out}.pub`
  // Fail fast (before the slow KDF) when either file exists; the 'wx' opens below still decide.
  for (const p of [opts.out, pubPath]) {
    if (await access(p).then(() => true, () => false)) throw new KeyFileError('exists', p, 'already exists: key files are never overwritten')
  }
  const seed = opts.seed ?? new Uint8Array(randomBytes(32))
  const sealed = await sealKey({ seed, name: opts.name, role: opts.role, passphrase: opts.passphrase, created: opts.now ?? new Date() })
  const { publicKey } = keyPairFromSeed(seed)
  const line = formatPublicKeyLine(publicKey, opts.name)
  // .pub first: if it exists we stop before touching anything; if the key then fails, remove the .pub we made.
  await writeNew(pubPath, `${line}\n`, 0o644)
  try {
    await writeNew(opts.out, `${JSON.stringify(sealed, null, 2)}\n`, 0o600)
  } catch (e) {
    await rm(pubPath, { force: true })
    throw e
  }
  return { keyPath: opts.out, pubPath, fingerprint: fingerprint(publicKey), publicKey, publicKeyLine: line }
}

/** Reads and decrypts a key file. */
export async function loadKeyFile(path: string, passphrase: string): Promise<LoadedKey> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new KeyFileError(code === 'ENOENT' ? 'not-found' : 'io', path, code === 'ENOENT' ? 'no such key file' : `cannot read (${code ?? 'error'})`)
  }
  return openKey(text, passphrase, path)
}
