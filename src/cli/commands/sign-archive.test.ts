/**
 * `vouch sign` on archives at the file-system edges (issue 10, item 5): a read-only archive is
 * refused with exit 4 and nothing written; an archive reached through a symbolic link is signed
 * where the link points and the link stays a link. And a stray temp copy left by a killed sign is
 * gone after the next `vouch verify` (item 7).
 */
import { spawn } from 'node:child_process'
import { chmod, lstat, mkdtemp, readdir, readFile, readlink, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { EXIT } from '../command'
import { fakeIO } from '../fake-io'
import { runCli } from '../main'
import { verifyPack } from '../../core/verify/verify'

const SAMPLE = resolve(__dirname, '../../../resources/samples/credit-default-1.1.0')
const env = { VOUCH_PASSPHRASE: 'cli test passphrase' }
let dir = ''

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-cli-sign-archive-'))
  expect(await runCli(['key', 'new', '--name', 'ana.eng', '--role', 'engineer', '--out', 'engineer.key'], fakeIO({ cwd: dir, env }))).toBe(EXIT.ok)
  expect(await runCli(['signoff', 'checklist', '--out', 'answers.json'], fakeIO({ cwd: dir }))).toBe(EXIT.ok)
  const a = JSON.parse(await readFile(join(dir, 'answers.json'), 'utf8'))
  for (const item of a.checklist) item.answer = 'yes'
  await writeFile(join(dir, 'answers.json'), JSON.stringify(a))
}, 60_000)
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function packed(name: string): Promise<string> {
  expect(await runCli(['pack', SAMPLE, '-o', name], fakeIO({ cwd: dir }))).toBe(EXIT.ok)
  return join(dir, name)
}

const sign = (pack: string) => {
  const io = fakeIO({ cwd: dir, env })
  return { io, code: runCli(['sign', pack, '--key', 'engineer.key', '--decision', 'approve', '--checklist', 'answers.json'], io) }
}

describe('vouch sign on read-only and linked archives', () => {
  it('a 0444 zip: exit 4, the file and its folder unchanged', async () => {
    const zip = await packed('readonly.zip')
    await chmod(zip, 0o444)
    const before = await readFile(zip)
    const listing = (await readdir(dir)).sort()
    const { io, code } = sign('readonly.zip')
    expect(await code).toBe(EXIT.error)
    expect(io.stderr()).toMatch(/readonly\.zip is read-only \(mode 0444\); nothing was written.*\[read-only\]/)
    expect((await readFile(zip)).equals(before)).toBe(true)
    expect((await lstat(zip)).mode & 0o777).toBe(0o444)
    expect((await readdir(dir)).sort()).toEqual(listing)
  })

  it('link.zip -> real.zip: real.zip is signed, link.zip is still the link', async () => {
    const real = await packed('real.zip')
    await symlink('real.zip', join(dir, 'link.zip'))
    const { io, code } = sign('link.zip')
    expect(await code).toBe(EXIT.ok)
    expect(io.stdout()).toContain(`signed ${real} (link.zip links to it)`)
    expect((await lstat(join(dir, 'link.zip'))).isSymbolicLink()).toBe(true)
    expect(await readlink(join(dir, 'link.zip'))).toBe('real.zip')
    expect((await verifyPack(real)).signoffs).toHaveLength(1)
  })
})

describe('vouch sign --against on an archive', () => {
  // Without --against an archive is signed from its tag files; with it, the release gate needs the
  // whole report, so the archive is verified in full first and the rule still holds.
  const previous = resolve(SAMPLE, '..', 'credit-default-1.0.0')
  const args = (zip: string, ...more: string[]) => ['sign', zip, '--key', 'engineer.key', '--decision', 'approve', '--checklist', 'answers.json', '--against', previous, ...more]

  it('refuses an approval that does not acknowledge the Blocked gate, the zip byte-identical', async () => {
    const zip = await packed('gate-refused.zip')
    const before = await readFile(zip)
    const io = fakeIO({ cwd: dir, env })
    expect(await runCli(args('gate-refused.zip'), io)).toBe(EXIT.usage)
    expect(io.stderr()).toMatch(/Blocked .*\[blockers-not-acknowledged\]; the pack was not changed/)
    expect((await readFile(zip)).equals(before)).toBe(true)
  })

  it('signs the blocking reasons into the statement when acknowledged', async () => {
    const zip = await packed('gate-ack.zip')
    const io = fakeIO({ cwd: dir, env })
    expect(await runCli(args('gate-ack.zip', '--acknowledge-blockers'), io)).toBe(EXIT.ok)
    expect(io.stdout()).toContain('acknowledged the blockers against credit-default-risk@1.0.0')
    const [s] = (await verifyPack(zip)).signoffs
    const statement = JSON.parse(Buffer.from(JSON.parse(s!.text).payload, 'base64').toString('utf8'))
    expect(statement.predicate.acknowledges.previous.name).toBe('credit-default-risk@1.0.0')
    expect(statement.predicate.acknowledges.blockers.length).toBeGreaterThan(0)
  })
})

describe('a temp archive left by a killed sign', () => {
  it('is removed by the next vouch verify of that archive', async () => {
    const zip = await packed('stray.zip')
    const child = spawn(process.execPath, ['-e', '0'])
    await new Promise((r) => child.on('exit', r))
    const stray = `.stray.zip.vouch-tmp-${child.pid}-deadbeef`
    await writeFile(join(dir, stray), 'a partial copy of stray.zip')
    expect(await runCli(['verify', zip], fakeIO({ cwd: dir }))).toBe(EXIT.ok)
    expect(await readdir(dir)).not.toContain(stray)
  })
})
