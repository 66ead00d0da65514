/**
 * The README's tour, run as written (after the build it starts with): every command exits as its
 * comment says (0 when it says nothing), and the repository is untouched afterwards.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, ROOT, test } from './fixtures'

function tourLines(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8')
  const from = readme.indexOf('## A tour on the samples')
  const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from))?.[1] ?? ''
  // The build is the spec suite's precondition; everything after it is the tour.
  return block.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('npm '))
}

const gitStatus = (): string => execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: ROOT, encoding: 'utf8' })

test('the README tour runs in a temp folder, every exit code as documented, and leaves git status as it was', async () => {
  test.setTimeout(120_000)
  const lines = tourLines()
  expect(lines.length).toBeGreaterThan(10)
  const before = gitStatus()
  const tmp = await mkdtemp(join(tmpdir(), 'vouch-tour-'))
  try {
    // Each line runs in one shell (variables and the cd carry over); its exit code is recorded.
    const script = lines.map((l, i) => `${l}\necho "@@ ${i} $?" >&3`).join('\n')
    const r = spawnSync('bash', ['-c', `exec 3>&2\n${script}`], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp, NO_COLOR: '1' }, encoding: 'utf8', timeout: 110_000 })
    const codes = new Map([...r.stderr.matchAll(/^@@ (\d+) (\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]))
    expect(codes.size, r.stderr).toBe(lines.length)
    lines.forEach((l, i) => {
      const expected = Number(/exit (\d)/.exec(l.split('#').slice(1).join('#'))?.[1] ?? 0)
      expect(codes.get(i), `${l}\n${r.stderr}`).toBe(expected)
    })
    expect(r.stdout).toContain('APPROVED WITH ACKNOWLEDGED BLOCKERS  credit-default-risk 1.1.0')
    // Everything it wrote is in its temp folder.
    const [work] = await readdir(tmp)
    expect((await readdir(join(tmp, work ?? ''))).sort()).toEqual(['answers.json', 'attestation.pdf', 'cd-1.1.0.zip', 'diff.md', 'eng.key', 'eng.key.pub', 'owner.key', 'owner.key.pub', 'trust.txt'])
  } finally {
    await rm(tmp, { recursive: true, force: true })
  }
  expect(gitStatus()).toBe(before)
})
