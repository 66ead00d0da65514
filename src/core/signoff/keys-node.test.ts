import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeyFiles, KeyFileError, loadKeyFile, openKey } from './keys-node'
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
    await expect(openKey(JSON.stringify({ ...good, kdf: { ...good.kdf, N: 2 ** 24 } }), 'x')).rejects.toMatchObject({ code: 'malformed' })
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
