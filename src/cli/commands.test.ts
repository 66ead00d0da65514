/**
 * init -> build -> pack -> verify through runCli, in-process, on the real core, in a temp folder.
 * Covers every exit code of these commands.
 */
import { randomBytes } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTemplate } from '../core/build/template-data'
import { fillTemplate } from '../core/build/testing/fill-template'
import { EXIT } from './command'
import { fakeIO } from './fake-io'
import { runCli } from './main'

let tmp = ''
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'vouch-cli-'))
})
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO({ cwd: tmp })
  const code = await runCli(argv, io)
  return { code, out: io.stdout(), err: io.stderr() }
}

const TAGS = ['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt']
const tagBytes = async (dir: string): Promise<string[]> => Promise.all(TAGS.map((t) => readFile(join(tmp, dir, t), 'utf8')))

describe('vouch init / build / pack / verify', () => {
  it('init writes a skeleton and says what to fill in; a second init into the same folder is refused (exit 4)', async () => {
    const r = await run('init', 'p1')
    expect(r.code).toBe(EXIT.ok)
    expect(r.out).toContain('Created a tabular-binary pack skeleton')
    expect(r.out).toContain('data/pack.json')
    expect(r.out).toMatch(/\n\d+ values to fill in \(null in the files\)/)
    expect(r.out).toContain('data/evaluation/predictions.csv (holdout/test), columns: row_id')
    expect(r.out).toContain('vouch signoff checklist --template tabular-binary')
    expect((await readdir(join(tmp, 'p1', 'data'))).length).toBeGreaterThan(2)
    const again = await run('init', 'p1')
    expect(again.code).toBe(EXIT.error)
    expect(again.err).toMatch(/nothing was written/)
    // Filled in as a producer would, for the steps below.
    await fillTemplate(join(tmp, 'p1'), (await loadTemplate('tabular-binary')).template)
  })

  it('init: --template names a template or an alias (else exit 2, nothing written); --list-templates says what each is for', async () => {
    const bad = await run('init', 'px', '--template', 'audio')
    expect(bad.code).toBe(EXIT.usage)
    expect(bad.err).toContain('no template "audio" (templates: llm-eval, multiclass, tabular-binary, tabular-regression')
    expect(await readdir(tmp)).not.toContain('px')
    expect((await run('init', 'pv', '-t', 'llm-eval')).code).toBe(EXIT.ok)
    expect((await run('init', 'pt', '-t', 'tabular')).out).toContain('Created a tabular-binary pack skeleton')
    const list = await run('init', '--list-templates')
    expect(list.code).toBe(EXIT.ok)
    expect(list.out.match(/^\S+/gm)).toEqual(['llm-eval', 'multiclass', 'tabular-binary', 'tabular-regression'])
    expect((await run('init')).code).toBe(EXIT.usage)
  })

  it('build refuses an unfilled skeleton, naming each blank (exit 1, nothing written)', async () => {
    const r = await run('build', 'pv')
    expect(r.code).toBe(EXIT.failed)
    expect(r.out).toContain('data/evaluation/metrics.json')
    expect(r.out).toMatch(/\/metrics\/0\/value/)
    expect(await readdir(join(tmp, 'pv'))).toEqual(['data'])
  })

  it('signoff checklist --template adds the domain items', async () => {
    const r = await run('signoff', 'checklist', '--template', 'llm-eval')
    expect(r.code).toBe(EXIT.ok)
    const ids = (JSON.parse(r.out) as { checklist: { id: string }[] }).checklist.map((c) => c.id)
    expect(ids.slice(-4)).toEqual(['jailbreak-suite-run', 'pii-leakage-measured', 'grader-agreement-checked', 'prompt-and-retrieval-versioned'])
    expect(ids).toContain('traceability')
    expect((await run('signoff', 'checklist', '--template', 'nope')).code).toBe(EXIT.usage)
  })

  it('build writes the tag files and prints the digest; building again gives identical bytes', async () => {
    const r = await run('build', 'p1')
    expect(r.err).toBe('')
    expect(r.code).toBe(EXIT.ok)
    const digest = /sha256:([0-9a-f]{64})/.exec(r.out)?.[1]
    expect(digest).toBeDefined()
    const first = await tagBytes('p1')
    expect((await run('build', 'p1')).code).toBe(EXIT.ok)
    expect(await tagBytes('p1')).toEqual(first)
  })

  it('build: invalid data/ is exit 1 with findings and writes nothing', async () => {
    expect((await run('init', 'bad')).code).toBe(EXIT.ok)
    await writeFile(join(tmp, 'bad', 'data', 'pack.json'), '{"schema": "vouch.pack/v1", "name": 7}\n')
    const r = await run('build', 'bad')
    expect(r.code).toBe(EXIT.failed)
    expect(r.out).toMatch(/^NOT BUILT/)
    expect(r.out).toContain('data/pack.json')
    expect(await readdir(join(tmp, 'bad'))).not.toContain('tagmanifest-sha256.txt')
  })

  it('build: a missing folder is exit 3', async () => {
    expect((await run('build', 'nope')).code).toBe(EXIT.unreadable)
  })

  it('verify: the built folder is exit 0', async () => {
    const r = await run('verify', 'p1')
    expect(r.out.split('\n')[0]).toMatch(/^VERIFIED /)
    expect(r.code).toBe(EXIT.ok)
  })

  it('pack: deterministic zip and tar.gz; refuses to overwrite without --force', async () => {
    const a = await run('pack', 'p1', '-o', 'p1.zip')
    expect(a.err).toBe('')
    expect(a.code).toBe(EXIT.ok)
    const first = await readFile(join(tmp, 'p1.zip'))
    const again = await run('pack', 'p1', '-o', 'p1.zip')
    expect(again.code).toBe(EXIT.error)
    expect(again.err).toMatch(/exists; use --force/)
    expect((await run('pack', 'p1', '-o', 'p1.zip', '--force')).code).toBe(EXIT.ok)
    expect((await readFile(join(tmp, 'p1.zip'))).equals(first)).toBe(true)
    expect((await run('pack', 'p1', '--output=p1.tgz')).code).toBe(EXIT.ok)
    expect((await run('verify', 'p1.zip')).code).toBe(EXIT.ok)
    expect((await run('verify', 'p1.tgz')).code).toBe(EXIT.ok)
    // No temporary files left beside the archives.
    expect((await readdir(tmp)).filter((f) => f.includes('.partial-'))).toEqual([])
  })

  it('pack: usage errors (no -o, unknown extension, output inside the pack) are exit 2', async () => {
    expect((await run('pack', 'p1')).code).toBe(EXIT.usage)
    expect((await run('pack', 'p1', '-o', 'p1.rar')).code).toBe(EXIT.usage)
    expect((await run('pack', 'p1', '-o', 'p1/data/self.zip')).code).toBe(EXIT.usage)
    expect((await run('pack', 'missing-dir', '-o', 'm.zip')).code).toBe(EXIT.unreadable)
  })

  it('verify and pack: a tampered payload file is exit 1 naming the file; pack writes nothing', async () => {
    expect((await run('init', 'p2')).code).toBe(EXIT.ok)
    await fillTemplate(join(tmp, 'p2'), (await loadTemplate('tabular-binary')).template)
    expect((await run('build', 'p2')).code).toBe(EXIT.ok)
    const target = join(tmp, 'p2', 'data', 'evaluation', 'metrics.json')
    await writeFile(target, (await readFile(target, 'utf8')).replace(/\d/, (d) => String((Number(d) + 1) % 10)))
    const v = await run('verify', 'p2')
    expect(v.code).toBe(EXIT.failed)
    expect(v.out).toMatch(/^FAILED /)
    expect(v.out).toContain('data/evaluation/metrics.json')
    const j = JSON.parse((await run('verify', 'p2', '--json')).out)
    expect(j.ok).toBe(false)
    expect(j.status).toBe('failed')
    expect(j.assessment.integrity.findings.some((f: { path?: string }) => f.path === 'data/evaluation/metrics.json')).toBe(true)
    const p = await run('pack', 'p2', '-o', 'p2.zip')
    expect(p.code).toBe(EXIT.failed)
    expect(await readdir(tmp)).not.toContain('p2.zip')
  })

  it('pack: a symlink in the folder is exit 1 for every kind, nothing written (the zip stops on the shared walk\'s refusal)', async () => {
    await cp(join(tmp, 'p1'), join(tmp, 'p3'), { recursive: true })
    await symlink('metrics.json', join(tmp, 'p3', 'data', 'evaluation', 'link.json'))
    for (const out of ['p3.zip', 'p3.tgz']) {
      const p = await run('pack', 'p3', '-o', out)
      expect(p.code).toBe(EXIT.failed)
      expect(p.err).toMatch(/does not verify; nothing was written/)
    }
    const left = await readdir(tmp)
    expect(left.filter((f) => f.startsWith('p3.') || f.includes('vouch-tmp'))).toEqual([])
  })

  it('verify: not found and not an archive are exit 3, never a stack trace', async () => {
    const missing = await run('verify', 'nothing-here.zip')
    expect(missing.code).toBe(EXIT.unreadable)
    await writeFile(join(tmp, 'junk.zip'), 'this is not a zip file at all\n')
    const junk = await run('verify', 'junk.zip')
    expect(junk.code).toBe(EXIT.unreadable)
    for (const r of [missing, junk]) {
      expect(r.err.split('\n').filter(Boolean)).toHaveLength(1)
      expect(r.err).not.toMatch(/\n\s+at /)
    }
  })

  it('verify: an empty folder and random bytes named .zip are not Assurance Packs (exit 3, the app\'s words), never FAILED', async () => {
    await mkdir(join(tmp, 'empty'))
    await writeFile(join(tmp, 'random.zip'), randomBytes(3000))
    const empty = await run('verify', 'empty')
    expect(empty).toMatchObject({ code: EXIT.unreadable, out: '' })
    expect(empty.err).toBe(`vouch verify: ${join(tmp, 'empty')} is not an Assurance Pack (no bagit.txt). [not-a-pack]\n`)
    const random = await run('verify', 'random.zip')
    expect(random.code).toBe(EXIT.unreadable)
    expect(random.err).toBe(`vouch verify: ${join(tmp, 'random.zip')} is not an Assurance Pack (not a valid zip, checked by its content). [not-an-archive]\n`)
    const j = JSON.parse((await run('verify', 'empty', '--json')).out)
    expect(j).toMatchObject({ ok: false, status: 'unreadable', exitCode: 3, error: { which: 'pack', code: 'not-a-pack', path: join(tmp, 'empty') }, assessment: null })
  })
})
