/**
 * One verdict everywhere: for each pack state, the CLI text's status words, the --json status, the
 * exit codes (verify and attest), the app's badge (through `vouch serve` in Chromium) and page 1 of
 * the PDF all agree with the table in docs/verdict.md (a forged claim names metric-not-reproduced on
 * every CLI surface and in the PDF). One browser session opens every state in turn.
 */
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { expect, expectStatus, openByPath, ROOT, test, type OverallStatus } from './fixtures'
import { CLI, prepareStates, TRUST_TEXT, type PackState } from './verdict-states'

const run = promisify(execFile)

interface DocRow {
  readonly exitCode: number
  readonly cli: string
  readonly app: string
  readonly pdf: string
}

/** The statuses table of docs/verdict.md: what every surface must say. */
function docsTable(): ReadonlyMap<string, DocRow> {
  const doc = readFileSync(join(ROOT, 'docs', 'verdict.md'), 'utf8')
  const section = doc.slice(doc.indexOf('## Overall statuses'), doc.indexOf('## Same inputs'))
  const rows = section.split('\n').filter((l) => l.startsWith('| `'))
  return new Map(
    rows.map((l) => {
      const [status, exit, cli, app, pdf] = l.slice(1, -1).split(' | ').map((c) => c.trim().replace(/^`|`$/g, ''))
      return [status ?? '', { exitCode: Number(exit), cli: cli ?? '', app: app ?? '', pdf: pdf ?? '' }]
    })
  )
}

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  try {
    const r = await run(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 64 * 1024 * 1024 })
    return { code: 0, stdout: r.stdout }
  } catch (e) {
    const err = e as { code?: number; stdout?: string }
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '' }
  }
}

interface Observed {
  readonly cliWords: string
  readonly cliExit: number
  readonly jsonStatus: string
  readonly jsonExit: number
  readonly jsonExitField: number
  readonly attestExit: number
  readonly pdfWords: string
  /** The forged claim's finding, where the pack has one: text, --json and the PDF's pages all name it. */
  readonly notReproduced: readonly boolean[]
}

async function observeCli(s: PackState, trustFile: string, tmp: string): Promise<Observed> {
  const opts = [...(s.trusted ? ['--trust', trustFile, '--require-approval'] : []), ...(s.requireReproducible ? ['--require-reproducible'] : []), ...(s.against ? ['--against', s.against] : [])]
  const text = await cli(['verify', s.dir, ...opts])
  const json = await cli(['verify', s.dir, ...opts, '--json'])
  const j = JSON.parse(json.stdout) as { status: string; exitCode: number; assessment: { integrity: { findings: { code: string }[] } } }
  const pdf = join(tmp, `${s.label.replace(/\W+/g, '-')}.pdf`)
  const attest = await cli(['attest', s.dir, '--out', pdf, ...opts])
  const page1 = (await run('pdftotext', ['-f', '1', '-l', '1', pdf, '-'])).stdout
  const pages = (await run('pdftotext', [pdf, '-'])).stdout
  const code = 'metric-not-reproduced'
  return {
    cliWords: text.stdout.split('\n')[0]?.split('  ')[0] ?? '',
    cliExit: text.code,
    jsonStatus: j.status,
    jsonExit: json.code,
    jsonExitField: j.exitCode,
    attestExit: attest.code,
    pdfWords: /OVERALL STATUS\s*\n\s*(.+)/.exec(page1)?.[1]?.trim() ?? `(not found in: ${page1.slice(0, 300)})`,
    notReproduced: [text.stdout.includes(code), j.assessment.integrity.findings.some((f) => f.code === code), pages.includes(code)]
  }
}

test('every pack state: CLI text, --json, exit codes, the app badge and PDF page 1 agree with docs/verdict.md', async ({ vouch, tmp }) => {
  test.setTimeout(300_000)
  const table = docsTable()
  const states = await prepareStates(join(tmp, 'states'))
  expect(states.map((s) => s.expected)).toEqual([
    'verified',
    'failed',
    'not-reproducible',
    'failed',
    'failed',
    'failed',
    'not-approved',
    'approved',
    'approved-with-acknowledged-blockers',
    'rejected',
    'not-approved',
    'failed'
  ] satisfies OverallStatus[])
  const trustFile = join(tmp, 'trust.txt')
  await writeFile(trustFile, TRUST_TEXT)

  // The CLI runs (three per state) proceed two states at a time while the app opens each state in turn.
  const observed = new Map<PackState, Promise<Observed>>()
  const queue = [...states]
  const worker = async (): Promise<void> => {
    for (let s = queue.shift(); s !== undefined; s = queue.shift()) {
      const p = observeCli(s, trustFile, tmp)
      observed.set(s, p)
      await p.catch(() => undefined)
    }
  }
  const workers = Promise.all([worker(), worker()])

  const page = vouch.page
  let trustInApp = false
  for (const s of states) {
    const row = table.get(s.expected)
    if (!row) throw new Error(`docs/verdict.md has no row for ${s.expected}`)
    await test.step(s.label, async () => {
      while (!observed.has(s)) await new Promise((r) => setTimeout(r, 50))
      const o = await observed.get(s)
      expect(o, s.label).toEqual({
        cliWords: row.cli,
        cliExit: row.exitCode,
        jsonStatus: s.expected,
        jsonExit: row.exitCode,
        jsonExitField: row.exitCode,
        attestExit: row.exitCode,
        pdfWords: row.pdf,
        notReproduced: Array(3).fill(s.label.startsWith('forged claim'))
      })
      // The app: the same inputs (its trust file; the previous release when it sits beside the pack).
      if (s.trusted && !trustInApp) {
        await mkdir(vouch.userDataDir, { recursive: true })
        await writeFile(join(vouch.userDataDir, 'trust.txt'), TRUST_TEXT)
        trustInApp = true
      }
      expect(s.trusted, 'states without a trust file come first').toBe(trustInApp)
      const inApp = s.expectedInApp ?? s.expected
      const appWords = table.get(inApp)?.app ?? inApp
      await openByPath(page, s.dir)
      await expectStatus(page, inApp)
      await expect(page.getByTestId('pack-status')).toHaveText(new RegExp(`${appWords.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    })
  }
  await workers
})
