import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../command'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'
import { createSignoffEnvelope } from '../../core/signoff/envelope'
import { loadKeyFile } from '../../core/signoff/keys-node'
import { verifyPack } from '../../core/verify/verify'

const SAMPLE = resolve(__dirname, '../../../resources/samples/credit-default-1.1.0')
const PASS = 'cli test passphrase'
let dir = ''
const env = { VOUCH_PASSPHRASE: PASS }

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-cli-sign-'))
  for (const [n, r] of [['ana.eng', 'engineer'], ['bob.owner', 'owner']]) {
    const io = fakeIO({ cwd: dir, env })
    expect(await runCli(['key', 'new', '--name', n!, '--role', r!, '--out', `${r}.key`], io)).toBe(EXIT.ok)
    expect(io.stdout()).toMatch(/fingerprint {2}ed25519:[0-9a-f]{64}/)
  }
  const trust: string[] = []
  for (const r of ['engineer', 'owner']) {
    const io = fakeIO({ cwd: dir })
    expect(await runCli(['key', 'show', `${r}.key.pub`], io)).toBe(EXIT.ok)
    trust.push(/trust line {3}(.*)/.exec(io.stdout())![1]!.replace('<role>', r))
  }
  await writeFile(join(dir, 'trust.txt'), `# team\n${trust.join('\n')}\n`)
  const io = fakeIO({ cwd: dir })
  expect(await runCli(['signoff', 'checklist', '--out', 'answers.json'], io)).toBe(EXIT.ok)
  const a = JSON.parse(await readFile(join(dir, 'answers.json'), 'utf8'))
  for (const item of a.checklist) item.answer = 'yes'
  await writeFile(join(dir, 'answers.json'), JSON.stringify(a))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const loaded = new Map<string, Awaited<ReturnType<typeof loadKeyFile>>>()
async function place(folder: string, role: string, mutate?: (t: string) => string): Promise<void> {
  const k = loaded.get(role) ?? (await loadKeyFile(join(dir, `${role}.key`), PASS))
  loaded.set(role, k)
  const r = await verifyPack(folder)
  const c = createSignoffEnvelope({
    pack: { name: r.pack.name!, version: r.pack.version!, digest: r.pack.digest! },
    role,
    decision: 'approve',
    checklist: JSON.parse(await readFile(join(dir, 'answers.json'), 'utf8')).checklist,
    signerName: k.name,
    secretKey: k.secretKey,
    signedAt: new Date('2026-11-26T10:00:00Z')
  })
  await mkdir(join(folder, 'signoffs'), { recursive: true })
  await writeFile(join(folder, 'signoffs', c.fileName), mutate ? mutate(c.text) : c.text)
}

describe('vouch key', () => {
  it('never overwrites a key, and key show works on the private file too', async () => {
    const io = fakeIO({ cwd: dir, env })
    expect(await runCli(['key', 'new', '--name', 'x', '--role', 'owner', '--out', 'owner.key'], io)).toBe(EXIT.error)
    expect(io.stderr()).toMatch(/\[exists\]/)
    const show = fakeIO({ cwd: dir })
    expect(await runCli(['key', 'show', 'owner.key'], show)).toBe(EXIT.ok)
    expect(show.stdout()).toContain('bob.owner roles=owner ed25519 ')
  })

  it('without VOUCH_PASSPHRASE or a terminal: usage error, nothing written', async () => {
    const io = fakeIO({ cwd: dir })
    expect(await runCli(['key', 'new', '--name', 'y', '--role', 'owner', '--out', 'y.key'], io)).toBe(EXIT.usage)
    await expect(readFile(join(dir, 'y.key'))).rejects.toThrow()
  })
})

describe('vouch verify --trust / --require-approval (sign-offs placed by hand)', () => {
  it('Approved with both roles; not approved with one; an invalid envelope fails verify even without --trust', async () => {
    const folder = join(dir, 'p1')
    await cp(SAMPLE, folder, { recursive: true })
    await place(folder, 'engineer')
    const one = fakeIO({ cwd: dir })
    expect(await runCli(['verify', folder, '--trust', 'trust.txt', '--require-approval'], one)).toBe(EXIT.failed)
    expect(one.stdout()).toMatch(/NOT APPROVED/)
    await place(folder, 'owner')
    const both = fakeIO({ cwd: dir })
    expect(await runCli(['verify', folder, '--trust', 'trust.txt', '--require-approval'], both)).toBe(EXIT.ok)
    expect(both.stdout()).toMatch(/APPROVED/)
    const json = fakeIO({ cwd: dir })
    expect(await runCli(['verify', folder, '--trust', 'trust.txt', '--json'], json)).toBe(EXIT.ok)
    expect(JSON.parse(json.stdout())).toMatchObject({ status: 'approved', assessment: { approval: { assessed: true, status: 'approved' } } })
    expect(await runCli(['verify', folder, '--require-approval'], fakeIO({ cwd: dir }))).toBe(EXIT.failed)

    await place(folder, 'owner', (t) => t.replace(/"sig": "(.)/, (_m, c: string) => `"sig": "${c === 'A' ? 'B' : 'A'}`))
    const bad = fakeIO({ cwd: dir })
    expect(await runCli(['verify', folder], bad)).toBe(EXIT.failed)
    expect(bad.stdout()).toContain('signoff-signature-invalid')
  })

  it('a trust file with a bad line is refused (usage error)', async () => {
    await writeFile(join(dir, 'bad-trust.txt'), 'ana roles=engineer ed25519 not-base64!\n')
    const io = fakeIO({ cwd: dir })
    expect(await runCli(['verify', SAMPLE, '--trust', 'bad-trust.txt'], io)).toBe(EXIT.usage)
    expect(io.stderr()).toMatch(/line 1/)
  })
})

describe('vouch sign', () => {
  it('folder: engineer then owner → verify --require-approval exits 0', async () => {
    const folder = join(dir, 'p2')
    await cp(SAMPLE, folder, { recursive: true })
    for (const r of ['engineer', 'owner']) {
      const io = fakeIO({ cwd: dir, env })
      expect(await runCli(['sign', folder, '--key', `${r}.key`, '--decision', 'approve', '--checklist', 'answers.json'], io)).toBe(EXIT.ok)
      expect(io.stdout()).toMatch(new RegExp(`wrote signoffs/.*-${r}-[0-9a-f]{8}\\.json`))
    }
    expect(await runCli(['verify', folder, '--trust', 'trust.txt', '--require-approval'], fakeIO({ cwd: dir }))).toBe(EXIT.ok)
  })

  it('wrong passphrase: exit 4 and nothing written; approve with a "no": exit 2', async () => {
    const folder = join(dir, 'p3')
    await cp(SAMPLE, folder, { recursive: true })
    const io = fakeIO({ cwd: dir, env: { VOUCH_PASSPHRASE: 'not the passphrase' } })
    expect(await runCli(['sign', folder, '--key', 'engineer.key', '--decision', 'approve', '--checklist', 'answers.json'], io)).toBe(EXIT.error)
    expect(io.stderr()).toMatch(/wrong-passphrase/)
    expect((await verifyPack(folder)).signoffs).toEqual([])
    const a = JSON.parse(await readFile(join(dir, 'answers.json'), 'utf8'))
    a.checklist[1].answer = 'no'
    a.checklist[1].note = 'AUC below threshold'
    await writeFile(join(dir, 'answers-no.json'), JSON.stringify(a))
    const no = fakeIO({ cwd: dir, env })
    expect(await runCli(['sign', folder, '--key', 'engineer.key', '--decision', 'approve', '--checklist', 'answers-no.json'], no)).toBe(EXIT.usage)
    expect(no.stderr()).toContain('[approve-with-no]')
    expect((await verifyPack(folder)).signoffs).toEqual([])
  })

  it('against a Blocked previous release: an approval is refused until it acknowledges the blockers, then counts as such', async () => {
    const folder = join(dir, 'p4')
    await cp(SAMPLE, folder, { recursive: true })
    const previous = resolve(SAMPLE, '..', 'credit-default-1.0.0')
    const refused = fakeIO({ cwd: dir, env })
    expect(await runCli(['sign', folder, '--key', 'engineer.key', '--decision', 'approve', '--checklist', 'answers.json', '--against', previous], refused)).toBe(EXIT.usage)
    expect(refused.stderr()).toMatch(/not signed: the diff against credit-default-risk@1\.0\.0 is Blocked .*\[blockers-not-acknowledged\]; the pack was not changed/)
    expect((await verifyPack(folder)).signoffs).toEqual([])
    for (const r of ['engineer', 'owner']) {
      const io = fakeIO({ cwd: dir, env })
      expect(await runCli(['sign', folder, '--key', `${r}.key`, '--decision', 'approve', '--checklist', 'answers.json', '--against', previous, '--acknowledge-blockers'], io)).toBe(EXIT.ok)
      expect(io.stdout()).toContain('acknowledged the blockers against credit-default-risk@1.0.0')
    }
    const v = fakeIO({ cwd: dir })
    expect(await runCli(['verify', folder, '--trust', 'trust.txt', '--against', previous, '--require-approval'], v)).toBe(EXIT.ok)
    expect(v.stdout()).toMatch(/^APPROVED WITH ACKNOWLEDGED BLOCKERS {2}credit-default-risk 1\.1\.0/)
    // A plain approval made without --against does not count against the Blocked gate.
    const plain = join(dir, 'p5')
    await cp(SAMPLE, plain, { recursive: true })
    for (const r of ['engineer', 'owner']) {
      const io = fakeIO({ cwd: dir, env })
      expect(await runCli(['sign', plain, '--key', `${r}.key`, '--decision', 'approve', '--checklist', 'answers.json'], io)).toBe(EXIT.ok)
      expect(io.stderr()).toContain('no --against was given')
    }
    const p = fakeIO({ cwd: dir })
    expect(await runCli(['verify', plain, '--trust', 'trust.txt', '--against', previous, '--require-approval'], p)).toBe(EXIT.failed)
    expect(p.stdout()).toMatch(/^NOT APPROVED/)
    expect(p.stdout()).toContain('signoff-blockers-not-acknowledged')
  })
})
