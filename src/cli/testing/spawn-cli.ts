/**
 * For tests that need the real process (signals, broken pipes): runs `vouch <args>` from the source
 * tree in a child node through tsx, so no build is needed and nothing is written into the repository.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const MAIN = resolve(__dirname, '..', 'main.ts')
const REPO = resolve(__dirname, '..', '..', '..')

let entryDir: string | undefined
/** A one-line entry that calls main() (main.ts only runs itself when launched as `vouch`). */
function entry(): string {
  if (!entryDir) {
    entryDir = mkdtempSync(join(tmpdir(), 'vouch-cli-entry-'))
    writeFileSync(join(entryDir, 'entry.mts'), `import { main } from ${JSON.stringify(pathToFileURL(MAIN).href)}\nmain()\n`)
    process.once('exit', () => rmSync(entryDir as string, { recursive: true, force: true }))
  }
  return join(entryDir, 'entry.mts')
}

export function spawnCli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string | undefined>; stdio?: StdioOptions } = {}): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', entry(), ...args], {
    cwd: opts.cwd ?? REPO,
    env: { ...process.env, ...opts.env },
    stdio: opts.stdio ?? ['ignore', 'pipe', 'pipe']
  })
}

export interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stderr: string
}

/** Collects stderr and waits for the exit. */
export function finished(child: ChildProcess): Promise<Finished> {
  let err = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (d: string) => (err += d))
  return new Promise((done) => child.on('exit', (code, signal) => done({ code, signal, stderr: err })))
}
