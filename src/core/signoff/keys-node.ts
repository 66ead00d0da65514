/**
 * Encrypted private key files (node only: scrypt and HMAC come from node:crypto).
 * Format (JSON, version 2; docs/pack-format.md "Private key files"): the 32-byte ed25519 seed sealed
 * with tweetnacl secretbox (XSalsa20-Poly1305, 24-byte random nonce). The passphrase goes through
 * scrypt (N=2^17, r=8, p=1, 16-byte random salt: OWASP floor, reliability_anchors §3.5) to a master
 * key; HMAC-SHA-256 of the master key with two labels gives the secretbox key and an authentication
 * key. secretbox has no associated data, so the clear fields a signature depends on (name, role,
 * public key, creation time, KDF and cipher parameters) are bound by an HMAC tag under that second
 * key: editing the name or role in the file is refused, not signed with.
 * KDF parameters below the floor are refused (downgrade), and so are parameters above a cap
 * (KDF_CAP, checked before deriving: a hostile file must not cost a minute and gigabytes).
 * Version 1 files (no tag, seed sealed under the master key) are refused with the command that
 * upgrades them (`vouch key upgrade`: same key, same fingerprint). Key files are never overwritten,
 * except by that upgrade, atomically.
 */
import { createHmac, randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto'
import { access, open, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import nacl from 'tweetnacl'
import { Base64Error, decodeBase64, encodeBase64 } from './base64'
import { keyPairFromSeed } from './ed25519'
import { fingerprint, formatPublicKeyLine, NAME_RE, ROLE_RE } from './keys'
import { MIN_PASSPHRASE } from './key-rules'

export const KEY_FILE_TYPE = 'vouch-ed25519-private-key'
export const KEY_FILE_VERSION = 2
export const KDF_DEFAULT = { N: 2 ** 17, r: 8, p: 1 } as const
/**
 * The most a key file may ask of scrypt: memory 128·N·r at most 256 MiB, work N·r·p at most twice
 * the default (about 0.3-0.7 s on a laptop). Above it the file is refused before deriving.
 */
export const KDF_CAP = { memoryBytes: 256 * 1024 * 1024, work: 2 * KDF_DEFAULT.N * KDF_DEFAULT.r * KDF_DEFAULT.p } as const
export { MIN_PASSPHRASE } from './key-rules'
const LABEL = `${KEY_FILE_TYPE}/v${KEY_FILE_VERSION}`

export type KeyFileErrorCode =
  | 'exists'
  | 'not-found'
  | 'malformed'
  | 'weak-kdf'
  | 'kdf-too-costly'
  | 'wrong-passphrase'
  | 'altered'
  | 'old-version'
  | 'io'
  | 'weak-passphrase'
  | 'bad-name'

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

interface KdfParams {
  readonly N: number
  readonly r: number
  readonly p: number
}

export interface KeyFileJson {
  readonly type: typeof KEY_FILE_TYPE
  readonly version: typeof KEY_FILE_VERSION
  readonly name: string
  readonly role: string
  readonly publicKey: string
  readonly fingerprint: string
  readonly created: string
  readonly kdf: { readonly name: 'scrypt'; readonly N: number; readonly r: number; readonly p: number; readonly salt: string }
  readonly cipher: { readonly name: 'xsalsa20-poly1305'; readonly nonce: string }
  readonly ciphertext: string
  /** HMAC-SHA-256 over the clear fields (authenticatedFields), under the authentication key. */
  readonly auth: { readonly name: 'hmac-sha256'; readonly tag: string }
}

export interface LoadedKey {
  readonly name: string
  readonly role: string
  /** 64 bytes (seed ‖ public key), for createSignoffEnvelope. Keep in memory only. */
  readonly secretKey: Uint8Array
  readonly publicKey: Uint8Array
  readonly fingerprint: string
}

function deriveKey(passphrase: string, salt: Uint8Array, p: KdfParams): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    // maxmem above 128·N·r (128 MiB at the default) or node refuses.
    scryptCb(passphrase.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r + 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))))
  })
}

/** HMAC-SHA-256(master, "<type>/v2 <purpose>"): the secretbox key and the authentication key. */
function subKey(master: Uint8Array, purpose: 'encryption' | 'authentication'): Uint8Array {
  return new Uint8Array(createHmac('sha256', master).update(`${LABEL} ${purpose}`, 'utf8').digest())
}

/** The clear fields the tag binds, as one JSON array (unambiguous: every element is quoted or a number). */
export function authenticatedFields(j: Omit<KeyFileJson, 'auth' | 'ciphertext' | 'fingerprint'>): string {
  return JSON.stringify([LABEL, j.name, j.role, j.publicKey, j.created, j.kdf.name, j.kdf.N, j.kdf.r, j.kdf.p, j.kdf.salt, j.cipher.name, j.cipher.nonce])
}

function tagOf(authKey: Uint8Array, fields: string): Uint8Array {
  return new Uint8Array(createHmac('sha256', authKey).update(fields, 'utf8').digest())
}

/** Refuses KDF parameters below the floor (downgrade) or above the cap (cost), before any derivation. */
export function checkKdf(p: KdfParams, path: string): void {
  const { N, r } = p
  const par = p.p
  if (!Number.isSafeInteger(N) || !Number.isSafeInteger(r) || !Number.isSafeInteger(par) || N < 2 || (N & (N - 1)) !== 0) {
    throw new KeyFileError('malformed', path, 'scrypt parameters must be integers, N a power of two')
  }
  if (N < KDF_DEFAULT.N || r < KDF_DEFAULT.r || par < KDF_DEFAULT.p) throw new KeyFileError('weak-kdf', path, `scrypt N=${N}, r=${r}, p=${par} is below the floor N=2^17, r=8, p=1: refused`)
  if (128 * N * r > KDF_CAP.memoryBytes || N * r * par > KDF_CAP.work) {
    throw new KeyFileError('kdf-too-costly', path, `scrypt N=${N}, r=${r}, p=${par} asks for more than Vouch allows (memory 128·N·r <= 256 MiB, work N·r·p <= 2^21): refused without deriving`)
  }
}

/** Encrypts a fresh or given seed into key-file JSON (version 2). */
export async function sealKey(opts: { seed: Uint8Array; name: string; role: string; passphrase: string; created: Date }): Promise<KeyFileJson> {
  const salt = new Uint8Array(randomBytes(16))
  const nonce = new Uint8Array(randomBytes(24))
  const master = await deriveKey(opts.passphrase, salt, KDF_DEFAULT)
  const box = nacl.secretbox(opts.seed, nonce, subKey(master, 'encryption'))
  const { publicKey } = keyPairFromSeed(opts.seed)
  const head = {
    type: KEY_FILE_TYPE,
    version: KEY_FILE_VERSION,
    name: opts.name,
    role: opts.role,
    publicKey: encodeBase64(publicKey),
    created: opts.created.toISOString(),
    kdf: { name: 'scrypt', ...KDF_DEFAULT, salt: encodeBase64(salt) },
    cipher: { name: 'xsalsa20-poly1305', nonce: encodeBase64(nonce) }
  } as const
  const tag = tagOf(subKey(master, 'authentication'), authenticatedFields(head))
  master.fill(0)
  return { ...head, fingerprint: fingerprint(publicKey), ciphertext: encodeBase64(box), auth: { name: 'hmac-sha256', tag: encodeBase64(tag) } }
}

interface OpenOptions {
  /** Read a version 1 file (for `vouch key upgrade` only: its name and role are not authenticated). */
  readonly allowVersion1?: boolean
}

/** Decrypts key-file text. Throws KeyFileError (malformed, weak-kdf, kdf-too-costly, old-version, wrong-passphrase, altered). */
export async function openKey(text: string, passphrase: string, path = 'key file', opts: OpenOptions = {}): Promise<LoadedKey & { readonly version: 1 | 2; readonly created?: string }> {
  const bad = (m: string): KeyFileError => new KeyFileError('malformed', path, m)
  let j: Record<string, unknown>
  try {
    j = JSON.parse(text) as Record<string, unknown>
  } catch {
    throw bad('not JSON: not a Vouch private key file')
  }
  if (typeof j !== 'object' || j === null || j.type !== KEY_FILE_TYPE || (j.version !== 1 && j.version !== 2)) throw bad(`not a ${KEY_FILE_TYPE} version 1 or 2 file`)
  const version = j.version
  const kdf = j.kdf as Record<string, unknown> | undefined
  const cipher = j.cipher as Record<string, unknown> | undefined
  const auth = j.auth as Record<string, unknown> | undefined
  if (!kdf || kdf.name !== 'scrypt' || typeof kdf.N !== 'number' || typeof kdf.r !== 'number' || typeof kdf.p !== 'number' || typeof kdf.salt !== 'string') throw bad('kdf must be scrypt with N, r, p and salt')
  if (!cipher || cipher.name !== 'xsalsa20-poly1305' || typeof cipher.nonce !== 'string' || typeof j.ciphertext !== 'string') throw bad('cipher must be xsalsa20-poly1305 with a nonce and ciphertext')
  checkKdf({ N: kdf.N, r: kdf.r, p: kdf.p }, path)
  if (typeof j.name !== 'string' || !NAME_RE.test(j.name) || typeof j.role !== 'string' || !ROLE_RE.test(j.role) || typeof j.publicKey !== 'string') throw bad('name, role or publicKey missing or invalid')
  if (version === 1 && !opts.allowVersion1) {
    throw new KeyFileError('old-version', path, 'is a version 1 key file, whose name and role are not protected against edits; upgrade it with: vouch key upgrade <key file> (same key, same fingerprint)')
  }
  if (version === 2 && (!auth || auth.name !== 'hmac-sha256' || typeof auth.tag !== 'string' || typeof j.created !== 'string')) throw bad('auth must be hmac-sha256 with a tag, and created a string')
  let salt: Uint8Array, nonce: Uint8Array, box: Uint8Array, tag: Uint8Array | undefined
  try {
    salt = decodeBase64(kdf.salt as string)
    nonce = decodeBase64(cipher.nonce as string)
    box = decodeBase64(j.ciphertext as string)
    tag = version === 2 ? decodeBase64(auth?.tag as string) : undefined
  } catch (e) {
    throw bad(`bad base64 (${e instanceof Base64Error ? e.message : 'decode error'})`)
  }
  if (salt.length !== 16 || nonce.length !== 24 || box.length !== 32 + nacl.secretbox.overheadLength || (tag !== undefined && tag.length !== 32)) {
    throw bad('salt must be 16 bytes, nonce 24 bytes, ciphertext 48 bytes, tag 32 bytes')
  }
  const master = await deriveKey(passphrase, salt, { N: kdf.N, r: kdf.r, p: kdf.p })
  const seed = nacl.secretbox.open(box, nonce, version === 2 ? subKey(master, 'encryption') : master)
  if (!seed) throw new KeyFileError('wrong-passphrase', path, 'wrong passphrase (or the encrypted key was altered)')
  if (tag !== undefined) {
    const fields = authenticatedFields(j as unknown as KeyFileJson)
    const want = tagOf(subKey(master, 'authentication'), fields)
    if (!timingSafeEqual(want, tag)) throw new KeyFileError('altered', path, 'the name, role, public key or parameters recorded in the key file were changed after it was made (they are authenticated): refused')
  }
  master.fill(0)
  const kp = keyPairFromSeed(seed)
  if (encodeBase64(kp.publicKey) !== j.publicKey) throw bad('the public key recorded in the file does not match the private key')
  return { name: j.name, role: j.role, secretKey: kp.secretKey, publicKey: kp.publicKey, fingerprint: fingerprint(kp.publicKey), version, ...(typeof j.created === 'string' ? { created: j.created } : {}) }
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

async function readKeyText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    throw new KeyFileError(code === 'ENOENT' ? 'not-found' : 'io', path, code === 'ENOENT' ? 'no such key file' : `cannot read (${code ?? 'error'})`)
  }
}

/**
 * Rewrites a version 1 key file as version 2 (same seed, name, role and creation time, so the same
 * fingerprint): the new file is written beside it (0600, fsync), opened again with the passphrase,
 * then renamed over the old one. Returns what was bound. A version 2 file is left as it is.
 */
export async function upgradeKeyFile(path: string, passphrase: string): Promise<{ readonly upgraded: boolean; readonly name: string; readonly role: string; readonly fingerprint: string }> {
  const text = await readKeyText(path)
  const old = await openKey(text, passphrase, path, { allowVersion1: true })
  if (old.version === 2) return { upgraded: false, name: old.name, role: old.role, fingerprint: old.fingerprint }
  const created = old.created !== undefined && !Number.isNaN(Date.parse(old.created)) ? new Date(old.created) : new Date()
  const sealed = await sealKey({ seed: old.secretKey.slice(0, 32), name: old.name, role: old.role, passphrase, created })
  const next = `${JSON.stringify(sealed, null, 2)}\n`
  const again = await openKey(next, passphrase, path)
  if (again.fingerprint !== old.fingerprint) throw new KeyFileError('io', path, 'the upgraded key does not match the old one; nothing was changed')
  const tmp = join(dirname(path), `.${basename(path)}.upgrade-${randomBytes(4).toString('hex')}`)
  try {
    await writeNew(tmp, next, 0o600)
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e instanceof KeyFileError ? e : new KeyFileError('io', path, `cannot replace (${(e as NodeJS.ErrnoException).code ?? 'error'}); nothing was changed`)
  }
  old.secretKey.fill(0)
  return { upgraded: true, name: old.name, role: old.role, fingerprint: old.fingerprint }
}

/** Reads and decrypts a key file. */
export async function loadKeyFile(path: string, passphrase: string): Promise<LoadedKey> {
  return openKey(await readKeyText(path), passphrase, path)
}
