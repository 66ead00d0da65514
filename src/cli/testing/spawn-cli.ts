/**
 * For tests that need the real process (signals, broken pipes): runs `vouch <args>` from the source
 * tree in a child node through tsx, so no build is needed and nothing is written into the repository.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'

const MAIN = resolve(__dirname, '..', 'main.ts')
const REPO = resolve(__dirname, '..', '..', '..')

export function spawnCli(args: readonly string[], opts: { cwd?: string; env?: Record<string, string | undefined>; stdio?: StdioOptions } = {}): ChildProcess {
  // main.ts runs itself only when launched as `vouch`: call its main() from a one-line script.
  const script = `import(${JSON.stringify(pathToFileURL(MAIN).href)}).then((m) => m.main(process.argv.slice(1)))`
  return spawn(process.execPath, ['--import', 'tsx', '--eval', script, '--', ...args], {
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
