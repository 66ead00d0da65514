/**
 * Every command, on packs carrying hostile text (issue #10): no raw C0/C1 control, escape sequence
 * or bidi control reaches stdout, stderr, the PDF (page text, metadata, bookmarks, attachment
 * names and attached JSON) or a file Vouch writes. Two packs: one whose name is hostile (it fails
 * verification, so it shows the paths that print a failing pack), one whose name is clean but whose
 * free text (failure titles, risks, monitoring, owners, slices) is hostile, so it verifies, can be
 * signed and attested.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import nacl from 'tweetnacl'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractAttachments, pdfAttachments, pdfInfo, pdfText } from '../core/attest/testing/pdf-tools'
import { MT } from '../core/registry/media-types'
import { startFakeRegistry, type FakeRegistry } from '../core/registry/testing/fake-registry'
import { createSignoffEnvelope } from '../core/signoff/envelope'
import { KEY_FILE_TYPE } from '../core/signoff/keys-node'
import { answers } from '../core/signoff/testing'
import { findRawUnsafe } from '../core/text/testing'
import { makePack, type TestPack } from '../core/verify/testing/make-pack'
import { fakeIO } from './fake-io'
import { runCli } from './main'
import { prepareSigner } from './testing/signer'
import { pushModel } from './commands/registry-testkit'

/** ESC + OSC retitle + BEL, NUL, RLO, a newline that would forge a line, LRI, NEL (C1). */
const HOSTILE = 'evil\u001b]0;pwned\u0007\u0000\u202egnp\nFORGED \u2066x\u0085\u009b2J\u200f'
const env = { VOUCH_PASSPHRASE: 'hostile test passphrase' }
let dir = ''
let named: TestPack
let texts: TestPack

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-hostile-'))
  texts = await makePack({
    evidence: (ev) => {
      ev.pack.description = HOSTILE
      ;(ev.pack.owners[0] as { name: string }).name = HOSTILE
      ev.pack.model.name = HOSTILE
      ;(ev.failures.failures[0] as { title: string }).title = HOSTILE
      ;(ev.risks.risks[0] as { hazard: string }).hazard = HOSTILE
      ;(ev.monitoring.signals[0] as { signal: string }).signal = HOSTILE
      ;(ev.slices.slices[0] as { definition: string }).definition = HOSTILE
    }
  })
  // The hostile name cannot be built any more: write it the way a hand-made producer would.
  named = await makePack({ evidence: (ev) => void (ev.pack.description = HOSTILE) })
  const pj = JSON.parse(await named.readText('data/pack.json')) as { name: string }
  pj.name = HOSTILE
  await named.write('data/pack.json', `${JSON.stringify(pj, null, 2)}\n`)
  await named.editBagInfo('Pack-Name', HOSTILE.replace(/\n/g, ' '))
  await named.rehashAll()
  // A key, a trust file and answers for sign.
  await prepareSigner(dir, env)
  // A key file whose clear-text name was edited to hostile text.
  const k = JSON.parse(await readFile(join(dir, 'eng.key'), 'utf8')) as Record<string, unknown>
  await writeFile(join(dir, 'hostile.key'), JSON.stringify({ ...k, name: HOSTILE, role: HOSTILE }))
  expect(KEY_FILE_TYPE).toBe(k.type)
})
afterAll(async () => {
  await named.cleanup()
  await texts.cleanup()
  await rm(dir, { recursive: true, force: true })
})

const seen: string[] = []
function clean(what: string, text: string, wrapped = false): void {
  seen.push(what)
  expect(findRawUnsafe(text, true), what).toBeUndefined()
  // On a PDF page a line may break at any space (the pack's newline became one): no forged line to look for.
  if (!wrapped) expect(text.includes('\nFORGED'), `${what} printed a raw newline from the pack`).toBe(false)
}

async function run(args: readonly string[], more: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO({ cwd: dir, env: { ...env, ...more } })
  const code = await runCli(args, io)
  clean(`vouch ${args.join(' ')} (stdout)`, io.stdout())
  clean(`vouch ${args.join(' ')} (stderr)`, io.stderr())
  return { code, out: io.stdout(), err: io.stderr() }
}

describe('hostile text never reaches an output raw', () => {
  it('verify, in text and JSON, on both packs', async () => {
    const a = await run(['verify', named.dir])
    expect(a.code).toBe(1)
    expect(a.out).toContain('evil\\x1b]0;pwned\\x07\\x00\\u202egnp')
    const b = await run(['verify', named.dir, '--json'])
    // pack.json is schema-invalid, so the name shown is bag-info's (written by the test, newline as space).
    expect((JSON.parse(b.out) as { assessment: { pack: { name: string } } }).assessment.pack.name).toBe(HOSTILE.replace('\n', ' '))
    expect((await run(['verify', texts.dir])).code).toBe(0)
    expect((await run(['verify', texts.dir, '--json'])).code).toBe(0)
  })

  it('diff, in text, JSON and Markdown', async () => {
    for (const f of [[], ['--json'], ['--markdown']]) await run(['diff', named.dir, texts.dir, ...f])
    const j = await run(['diff', texts.dir, named.dir, '--json'])
    expect(j.out).toContain('\\u202e')
  })

  it('build, pack, init (a hostile folder name too)', async () => {
    await run(['build', named.dir])
    await run(['build', texts.dir])
    await run(['pack', named.dir, '-o', join(dir, 'named.zip')])
    expect((await run(['pack', named.dir, '-o', join(dir, 'named.zip'), '--no-verify'])).code).toBe(0)
    expect((await run(['pack', texts.dir, '-o', join(dir, 'texts.zip')])).code).toBe(0)
    await run(['verify', join(dir, 'named.zip')])
    await run(['init', join(dir, `new\u001b[2J\u202eone`)])
    await run(['build', join(dir, `new\u001b[2J\u202eone`)])
  })

  it('key new and key show with hostile names', async () => {
    await run(['key', 'new', '--name', HOSTILE, '--role', 'engineer', '--out', 'x.key'])
    await run(['key', 'show', 'hostile.key'])
  })

  it('sign: refused on the hostile name, done on the hostile texts, refused with an edited key file', async () => {
    expect((await run(['sign', named.dir, '--key', 'eng.key', '--role', 'engineer', '--decision', 'approve', '--checklist', 'answers.json'])).code).toBe(1)
    expect((await run(['sign', texts.dir, '--key', 'eng.key', '--decision', 'approve', '--checklist', 'answers.json', '--trust', 'trust.txt', '--comment', HOSTILE])).code).toBe(0)
    const edited = await run(['sign', texts.dir, '--key', 'hostile.key', '--decision', 'approve', '--checklist', 'answers.json'])
    expect(edited.code).toBe(4)
    await run(['verify', texts.dir, '--trust', 'trust.txt'])
    await run(['verify', texts.dir, '--trust', 'trust.txt', '--json'])
  })

  it('attest: stdout, page text, metadata, bookmarks, attachment names and attached JSON', async () => {
    for (const [pack, out] of [[named.dir, 'named.pdf'], [texts.dir, 'texts.pdf']] as const) {
      await run(['attest', pack, '--against', pack === named.dir ? texts.dir : named.dir, '--trust', 'trust.txt', '--out', out])
      const pdf = join(dir, out)
      // pdftotext ends each page with a form feed of its own.
      clean(`${out} page text`, pdfText(pdf).replace(/\f/g, '\n'), true)
      clean(`${out} metadata`, pdfInfo(pdf))
      clean(`${out} attachment names`, pdfAttachments(pdf).join('\n'))
      const outlines = execFileSync('qpdf', ['--json', '--json-key=outlines', pdf], { encoding: 'utf8' })
      const titles = JSON.stringify((JSON.parse(outlines) as { outlines: { title: string }[] }).outlines.map((o) => o.title))
      // The titles are decoded values: check the decoded strings themselves.
      clean(`${out} bookmarks`, (JSON.parse(titles) as string[]).join('\n'))
      const into = join(dir, `${out}-files`)
      await mkdir(into)
      for (const [name, bytes] of extractAttachments(pdf, into)) {
        if (name.endsWith('.json') && !name.startsWith('signoff-')) clean(`${out} attachment ${name}`, new TextDecoder().decode(bytes))
      }
    }
    expect(pdfText(join(dir, 'named.pdf'))).toContain('\\u202e')
  })

  it('serve, usage errors and unknown commands', async () => {
    await run(['serve', join(dir, `missing\u001b]0;x\u0007\u202e`)])
    await run([`verify\u001b[2J`])
    await run(['verify', named.dir, `--bogus\u202e`])
  })

  it('the files Vouch wrote: bag-info.txt, sign-off envelopes, key files, answers', async () => {
    // The named pack's bag-info.txt was written by this test, as hostile input; the other by vouch build.
    clean('bag-info.txt', await texts.readText('bag-info.txt'))
    for (const f of await readdir(texts.abs('signoffs'))) clean(`envelope ${f}`, await texts.readText(`signoffs/${f}`))
    for (const f of ['eng.key', 'eng.key.pub', 'answers.json']) clean(f, await readFile(join(dir, f), 'utf8'))
    expect(seen.length).toBeGreaterThan(40)
  })
})

/**
 * The registry commands, against a loopback registry that is itself hostile: annotations and pack
 * names from the packs above, error bodies, a Content-Type and a media type carrying controls, a
 * sign-off referrer signed for a pack with a hostile name, and a layer with a hostile file name.
 */
describe('registry commands: nothing hostile from a registry or a pack reaches an output raw', () => {
  let fake: FakeRegistry
  const H = '--plain-http'
  // HOME: no Docker config of the machine is read; short retries for the injected 500s.
  const reg = (args: readonly string[]): ReturnType<typeof run> => run([...args, H], { HOME: dir, VOUCH_REGISTRY_RETRY_DELAY_MS: '1' })
  const sha = (b: Buffer): string => `sha256:${createHash('sha256').update(b).digest('hex')}`
  const blob = (b: Buffer): { digest: string; size: number } => (fake.blobs.set(sha(b), b), { digest: sha(b), size: b.length })
  const manifest = (doc: unknown, tag?: string, mediaType: string = MT.ociManifest): { mediaType: string; digest: string; size: number } => {
    const b = Buffer.from(JSON.stringify(doc))
    for (const k of [sha(b), ...(tag ? [tag] : [])]) fake.manifests.set(k, { bytes: b, mediaType })
    return { mediaType: MT.ociManifest, digest: sha(b), size: b.length }
  }
  const empty = (): { mediaType: string; digest: string; size: number } => ({ mediaType: MT.empty, ...blob(Buffer.from('{}')) })

  beforeAll(async () => {
    fake = await startFakeRegistry({ referrersApi: true })
  })
  afterAll(async () => {
    await fake?.close()
  })

  it('push, pull, log and gate of packs whose names and texts are hostile', async () => {
    const R = `${fake.host}/packs`
    expect((await reg(['push', texts.dir, `${R}/texts:t1`])).code).toBe(0)
    expect((await reg(['push', texts.dir, `${R}/texts:t1`, '--json'])).code).toBe(0)
    expect((await reg(['push', named.dir, `${R}/named:n1`])).code).toBe(1)
    expect((await reg(['push', named.dir, `${R}/named:n1`, '--allow-failed'])).code).toBe(0)
    await reg(['push', named.dir, `${R}/named:n1`, '--allow-failed', '--json'])
    expect((await reg(['pull', `${R}/texts:t1`, '-o', 'texts-pulled.zip'])).code).toBe(0)
    await reg(['pull', `${R}/texts:t1`, '-o', 'texts-pulled-2.zip', '--json'])
    expect((await reg(['pull', `${R}/named:n1`, '-o', 'named-pulled'])).code).toBe(1)
    expect((await reg(['pull', `${R}/named:n1`, '-o', 'named-pulled', '--allow-failed'])).code).toBe(0)
    for (const f of [[], ['--json'], ['--pack', texts.dir], ['--pack', named.dir]]) await reg(['log', `${R}/texts:t1`, ...f])
    await reg(['log', `${R}/named:n1`])
    for (const f of [[], ['--json'], ['--require-approval']]) {
      expect((await reg(['gate', `${R}/texts:t1`, '--trust', 'trust.txt', ...f])).code).toBe(f[0] === '--require-approval' ? 1 : 0)
      expect((await reg(['gate', `${R}/named:n1`, '--trust', 'trust.txt', ...f])).code).toBe(1)
    }
    await reg(['gate', `${R}/texts:t1`, '--trust', 'trust.txt', '--against', `${R}/named:n1`])
    // Both packs attached to one model: the listings of several packs, and two unbound packs.
    const model = await pushModel(fake.host, 'models/m', 'v1', 'weights')
    for (const p of [texts.dir, named.dir]) expect((await reg(['push', p, `${fake.host}/models/m`, '--subject', model.digest, '--allow-failed'])).code).toBe(0)
    const several = await reg(['pull', `${fake.host}/models/m@${model.digest}`, '-o', 'm.zip'])
    expect(several.code).toBe(2)
    expect(several.err).toContain('\\u202e')
    expect((await reg(['log', `${fake.host}/models/m@${model.digest}`])).code).toBe(2)
    const g = await reg(['gate', `${fake.host}/models/m@${model.digest}`, '--trust', 'trust.txt'])
    expect(g.out).toMatch(/UNBOUND[\s\S]*UNBOUND/)
  })

  it('a sign-off referrer signed for a pack with a hostile name (other-pack), in pull, log and gate', async () => {
    const at = fake.manifests.get('t1')
    const texts1 = sha(at?.bytes as Buffer)
    const secretKey = nacl.sign.keyPair.fromSeed(new Uint8Array(32).fill(7)).secretKey
    const env = createSignoffEnvelope({ pack: { name: HOSTILE, version: '1', digest: 'ab'.repeat(32) }, role: 'engineer', decision: 'approve', checklist: answers(), signerName: 'mallory', secretKey, signedAt: new Date('2026-11-20T10:00:00Z') })
    const subject = { mediaType: MT.ociManifest, digest: texts1, size: (at?.bytes as Buffer).length }
    manifest({ schemaVersion: 2, mediaType: MT.ociManifest, artifactType: MT.signoffArtifact, config: empty(), layers: [{ mediaType: MT.dsseEnvelope, ...blob(Buffer.from(env.text)) }], subject, annotations: { 'dev.vouch.signoff.signer': HOSTILE } })
    const R = `${fake.host}/packs/texts@${texts1}`
    const log = await reg(['log', R])
    expect(log.out).toMatch(/other-pack[\s\S]*signed for evil\\x1b/)
    await reg(['log', R, '--json'])
    expect((await reg(['pull', R, '-o', 'with-junk.zip'])).out).toContain('other-pack')
    expect((await reg(['gate', R, '--trust', 'trust.txt'])).out).toContain('not embedded')
    await reg(['gate', R, '--trust', 'trust.txt', '--json'])
  })

  it('a hostile registry: error bodies, Content-Type, media types, a layer with a hostile file name', async () => {
    const R = `${fake.host}/packs/x`
    fake.fault = (_req, res, path) => {
      if (path.endsWith('/manifests/error-body')) return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: `E\u202eVIL\u001b[2J`, message: HOSTILE }] })), true
      if (path.endsWith('/manifests/c1')) return void res.writeHead(200, { 'content-type': 'application/x-evil\u009b2J' }).end(JSON.stringify({ schemaVersion: 2, mediaType: MT.ociManifest, layers: [] })), true
      return false
    }
    try {
      manifest({ schemaVersion: 2, mediaType: `application/x\u202eevil\u001b]0;t\u0007` }, 'media-type', 'application/json')
      manifest({ schemaVersion: 2, mediaType: MT.ociManifest, config: empty(), layers: [{ mediaType: MT.packLayerTar, digest: `sha256:${HOSTILE}`, size: 1 }] }, 'bad-digest')
      // A layer holding the texts pack plus a file whose name is hostile (written by GNU tar).
      const copy = await mkdtemp(join(dir, 'layer-'))
      await cp(texts.dir, copy, { recursive: true })
      await writeFile(join(copy, 'data', 'x\u001b]0;t\u0007\u202e.txt'), 'x')
      execFileSync('tar', ['-cf', join(dir, 'hostile.tar'), '--exclude', './signoffs', '-C', copy, '.'])
      manifest({ schemaVersion: 2, mediaType: MT.ociManifest, artifactType: MT.packArtifact, config: empty(), layers: [{ mediaType: MT.packLayerTar, ...blob(await readFile(join(dir, 'hostile.tar'))) }] }, 'hostile-layer')
      for (const tag of ['error-body', 'c1', 'media-type', 'bad-digest', 'hostile-layer']) {
        for (const f of [[], ['--json']]) {
          const p = await reg(['pull', `${R}:${tag}`, '-o', `pulled-${tag}.zip`, ...f])
          expect(p.code, `${tag}: ${p.err}`).not.toBe(0)
          expect((await reg(['gate', `${R}:${tag}`, '--trust', 'trust.txt', ...f])).code).not.toBe(0)
          await reg(['log', `${R}:${tag}`, ...f])
        }
      }
      const sent = await reg(['sign', texts.dir, '--key', 'eng.key', '--decision', 'reject', '--checklist', 'answers.json', '--push', `${R}:error-body`])
      expect(sent.err).toMatch(/signed locally .* but pushing to .* failed: .*E\\u202eVIL/)
      expect((await reg(['push', texts.dir, `${R}:1`, '--subject', `${R}@sha256:${'0'.repeat(64)}`])).code).toBe(3)
    } finally {
      fake.fault = undefined
    }
  })
})
