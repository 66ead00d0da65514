import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { randomBytes, scryptSync } from 'node:crypto'
import nacl from 'tweetnacl'
import { encodeBase64 } from './base64'
import { keyPairFromSeed } from './ed25519'
import { createKeyFiles, KDF_DEFAULT, KeyFileError, loadKeyFile, openKey, upgradeKeyFile } from './keys-node'
import { parsePublicKeyFile } from './keys'

// Real scrypt cost (N=2^17, r=8, p=1): about 0.3 s per derivation, so this file derives only a few times.
let dir = ''
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-keys-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('encrypted key files', () => {
  it('creates key + .pub, loads with the passphrase, refuses a wrong one, never overwrites', async () => {
    const out = join(dir, 'ana.key')
    const created = await createKeyFiles({ out, name: 'ana', role: 'engineer', passphrase: 'correct horse battery' })
    const pub = parsePublicKeyFile(await readFile(`${out}.pub`, 'utf8'))
    expect(pub.fingerprint).toBe(created.fingerprint)
    expect(pub.name).toBe('ana')
    expect((await stat(out)).mode & 0o777).toBe(0o600)
    const json = JSON.parse(await readFile(out, 'utf8'))
    expect(json.kdf).toMatchObject({ name: 'scrypt', N: 131072, r: 8, p: 1 })
    expect(Buffer.from(json.kdf.salt, 'base64')).toHaveLength(16)
    expect(Buffer.from(json.cipher.nonce, 'base64')).toHaveLength(24)
    expect(await readFile(out, 'utf8')).not.toContain(Buffer.from(created.publicKey).toString('hex'))

    const k = await loadKeyFile(out, 'correct horse battery')
    expect(k.fingerprint).toBe(created.fingerprint)
    expect(k.secretKey).toHaveLength(64)
    await expect(loadKeyFile(out, 'wrong passphrase')).rejects.toMatchObject({ code: 'wrong-passphrase' })

    const before = await readFile(out)
    await expect(createKeyFiles({ out, name: 'ana', role: 'engineer', passphrase: 'another passphrase' })).rejects.toMatchObject({ code: 'exists' })
    expect(await readFile(out)).toEqual(before)
  })

  it('refuses weaker KDF parameters (downgrade) and altered files before deriving', async () => {
    const good = JSON.parse(await readFile(join(dir, 'ana.key'), 'utf8'))
    for (const kdf of [{ N: 2 ** 16 }, { r: 4 }, { p: 0 }]) {
      const weak = JSON.stringify({ ...good, kdf: { ...good.kdf, ...kdf } })
      await expect(openKey(weak, 'correct horse battery')).rejects.toMatchObject({ code: kdf.p === 0 ? 'weak-kdf' : 'weak-kdf' })
    }
    await expect(openKey(JSON.stringify({ ...good, kdf: { ...good.kdf, N: 2 ** 24 } }), 'x')).rejects.toMatchObject({ code: 'kdf-too-costly' })
    await expect(openKey(JSON.stringify({ ...good, kdf: { ...good.kdf, name: 'pbkdf2' } }), 'x')).rejects.toBeInstanceOf(KeyFileError)
    await expect(openKey('{"type":"something-else"}', 'x')).rejects.toMatchObject({ code: 'malformed' })
  })

  it('refuses a short passphrase and a .pub that already exists (nothing written)', async () => {
    await expect(createKeyFiles({ out: join(dir, 'short.key'), name: 'x', role: 'owner', passphrase: 'short' })).rejects.toMatchObject({ code: 'weak-passphrase' })
    const out = join(dir, 'bob.key')
    await writeFile(`${out}.pub`, 'occupied\n')
    await expect(createKeyFiles({ out, name: 'bob', role: 'owner', passphrase: 'long enough passphrase' })).rejects.toMatchObject({ code: 'exists' })
    await expect(stat(out)).rejects.toMatchObject({ code: 'ENOENT' })
    expect(await readFile(`${out}.pub`, 'utf8')).toBe('occupied\n')
  })
})

describe('hostile key files (issue #10)', () => {
  it('refuses scrypt parameters above the cap before deriving, in well under a second', async () => {
    const good = JSON.parse(await readFile(join(dir, 'ana.key'), 'utf8'))
    for (const kdf of [{ N: 2 ** 20, r: 16, p: 4 }, { N: 2 ** 18, r: 16, p: 1 }, { N: 2 ** 17, r: 8, p: 3 }, { N: 2 ** 40, r: 8, p: 1 }]) {
      const t0 = performance.now()
      await expect(openKey(JSON.stringify({ ...good, kdf: { ...good.kdf, ...kdf } }), 'correct horse battery')).rejects.toMatchObject({ code: 'kdf-too-costly' })
      expect(performance.now() - t0).toBeLessThan(1000)
    }
  })

  it.each([
    ['name', (j: Record<string, unknown>) => ({ ...j, name: 'bob.owner' })],
    ['role', (j: Record<string, unknown>) => ({ ...j, role: 'owner' })],
    ['creation time', (j: Record<string, unknown>) => ({ ...j, created: '2020-01-01T00:00:00.000Z' })],
    ['tag', (j: Record<string, unknown>) => ({ ...j, auth: { name: 'hmac-sha256', tag: encodeBase64(new Uint8Array(32)) } })]
  ])('refuses a file whose %s was edited (bound to the encryption)', async (_what, edit) => {
    const good = JSON.parse(await readFile(join(dir, 'ana.key'), 'utf8')) as Record<string, unknown>
    await expect(openKey(JSON.stringify(edit(good)), 'correct horse battery')).rejects.toMatchObject({ code: 'altered' })
  })

  it('refuses a version 1 file, naming the upgrade; the upgrade keeps the key and binds name and role', async () => {
    // A version 1 file as Vouch 0.1 wrote it: the seed sealed under the scrypt output, no tag.
    const seed = new Uint8Array(randomBytes(32))
    const salt = new Uint8Array(randomBytes(16))
    const nonce = new Uint8Array(randomBytes(24))
    const master = new Uint8Array(scryptSync('correct horse battery', salt, 32, { ...KDF_DEFAULT, maxmem: 256 * 1024 * 1024 }))
    const { publicKey } = keyPairFromSeed(seed)
    const v1 = {
      type: 'vouch-ed25519-private-key', version: 1, name: 'cy.old', role: 'engineer', publicKey: encodeBase64(publicKey), fingerprint: 'x', created: '2026-11-01T00:00:00.000Z',
      kdf: { name: 'scrypt', ...KDF_DEFAULT, salt: encodeBase64(salt) }, cipher: { name: 'xsalsa20-poly1305', nonce: encodeBase64(nonce) }, ciphertext: encodeBase64(nacl.secretbox(seed, nonce, master))
    }
    const path = join(dir, 'old.key')
    await writeFile(path, JSON.stringify(v1), { mode: 0o600 })
    const e = await loadKeyFile(path, 'correct horse battery').catch((x: unknown) => x)
    expect(e).toMatchObject({ code: 'old-version' })
    expect((e as Error).message).toContain('vouch key upgrade')
    await expect(upgradeKeyFile(path, 'wrong passphrase!')).rejects.toMatchObject({ code: 'wrong-passphrase' })
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(v1)
    const up = await upgradeKeyFile(path, 'correct horse battery')
    expect(up).toMatchObject({ upgraded: true, name: 'cy.old', role: 'engineer' })
    const k = await loadKeyFile(path, 'correct horse battery')
    expect(Buffer.from(k.publicKey).equals(Buffer.from(publicKey))).toBe(true)
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ version: 2, created: '2026-11-01T00:00:00.000Z' })
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect(await upgradeKeyFile(path, 'correct horse battery')).toMatchObject({ upgraded: false })
  })
})

describe('key file version 2, as docs/pack-format.md specifies it', () => {
  it('an independent Python reading of the spec (hashlib scrypt, hmac) computes the same tag', () => {
    const py = [
      'import base64, hashlib, hmac, json, sys',
      'j = json.load(open(sys.argv[1]))',
      'k = j["kdf"]',
      'master = hashlib.scrypt(sys.argv[2].encode(), salt=base64.b64decode(k["salt"]), n=k["N"], r=k["r"], p=k["p"], maxmem=512 * 1024 * 1024, dklen=32)',
      'auth = hmac.new(master, b"vouch-ed25519-private-key/v2 authentication", hashlib.sha256).digest()',
      'f = ["vouch-ed25519-private-key/v2", j["name"], j["role"], j["publicKey"], j["created"], k["name"], k["N"], k["r"], k["p"], k["salt"], j["cipher"]["name"], j["cipher"]["nonce"]]',
      'tag = hmac.new(auth, json.dumps(f, separators=(",", ":"), ensure_ascii=False).encode(), hashlib.sha256).digest()',
      'print("ok" if hmac.compare_digest(tag, base64.b64decode(j["auth"]["tag"])) else "mismatch")'
    ].join('\n')
    const out = execFileSync('/usr/bin/python3', ['-c', py, join(dir, 'ana.key'), 'correct horse battery'], { encoding: 'utf8' })
    expect(out.trim()).toBe('ok')
  })
})
