/**
 * Every command, on packs carrying hostile text (issue #10): no raw C0/C1 control, escape sequence
 * or bidi control reaches stdout, stderr, the PDF (page text, metadata, bookmarks, attachment
 * names and attached JSON) or a file Vouch writes. Two packs: one whose name is hostile (it fails
 * verification, so it shows the paths that print a failing pack), one whose name is clean but whose
 * free text (failure titles, risks, monitoring, owners, slices) is hostile, so it verifies, can be
 * signed and attested.
 */
import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { extractAttachments, pdfAttachments, pdfInfo, pdfText } from '../core/attest/testing/pdf-tools'
import { KEY_FILE_TYPE } from '../core/signoff/keys-node'
import { findRawUnsafe } from '../core/text/testing'
import { makePack, type TestPack } from '../core/verify/testing/make-pack'
import { fakeIO } from './fake-io'
import { runCli } from './main'
import { prepareSigner } from './testing/signer'

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

async function run(args: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO({ cwd: dir, env })
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
