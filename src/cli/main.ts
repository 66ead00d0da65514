/**
 * Entry point of the `vouch` CLI. Each command lives in commands/<name>.ts and is loaded lazily,
 * so `vouch verify` does not pay for the PDF or the HTTP host.
 */
import { stdin, stdout, stderr } from 'node:process'
import { EXIT, UsageError, type CliIO, type Command, type ExitCode } from './command'
import { readSecretFromTTY } from './tty'
import { safeText } from './format/findings'

const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  init: { summary: 'create a pack skeleton to fill in', load: async () => (await import('./commands/init')).init },
  build: { summary: 'validate data/ and write the BagIt tag files', load: async () => (await import('./commands/build')).build },
  pack: { summary: 'write a deterministic .zip or .tar.gz of a pack', load: async () => (await import('./commands/pack')).pack },
  verify: { summary: 'verify a pack and give its one status (sign-offs, approval, release gate)', load: async () => (await import('./commands/verify')).verify },
  diff: { summary: 'compare two releases', load: async () => (await import('./commands/diff')).diff },
  key: { summary: 'create and inspect signing keys', load: async () => (await import('./commands/key')).key },
  signoff: { summary: 'sign-off helpers (checklist)', load: async () => (await import('./commands/signoff')).signoff },
  sign: { summary: 'sign off a pack (embedded ed25519 DSSE envelope)', load: async () => (await import('./commands/sign')).sign },
  attest: { summary: 'export a PDF attestation', load: async () => (await import('./commands/attest')).attest },
  push: { summary: 'push a pack and its sign-offs to an OCI registry', load: async () => (await import('./commands/push')).push },
  pull: { summary: 'pull a pack and its sign-offs from an OCI registry', load: async () => (await import('./commands/pull')).pull },
  gate: { summary: 'deploy gate: pass only for a verified (approved) pack of that digest', load: async () => (await import('./commands/gate')).gate },
  log: { summary: 'the sign-off history a registry holds for a pack', load: async () => (await import('./commands/log')).log },
  serve: { summary: 'run the app in a loopback-only browser host', load: async () => (await import('./commands/serve')).serve }
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length))
  const lines = Object.entries(COMMANDS).map(([k, v]) => `  ${k.padEnd(width)}  ${v.summary}`)
  return `usage: vouch <command> [options]\n\ncommands:\n${lines.join('\n')}\n\nRun 'vouch <command> --help' for a command's options. Docs: docs/cli.md\n`
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<ExitCode> {
  const [name, ...rest] = argv
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.out(usage())
    return name === undefined ? EXIT.usage : EXIT.ok
  }
  if (name === '--version' || name === '-V') {
    io.out(`${VOUCH_VERSION}\n`)
    return EXIT.ok
  }
  const cmd = COMMANDS[name]
  if (!cmd) {
    io.err(`vouch: unknown command '${safeText(name)}'\n${usage()}`)
    return EXIT.usage
  }
  try {
    return await (await cmd.load())(rest, io)
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`vouch ${name}: ${safeText(e.message)}\nRun 'vouch ${name} --help' for usage.\n`)
      return EXIT.usage
    }
    // Last resort: one line, never a stack trace (set VOUCH_DEBUG=1 to see it).
    const msg = e instanceof Error ? e.message : String(e)
    io.err(`vouch ${name}: ${safeText(msg)}\n`)
    if (io.env.VOUCH_DEBUG && e instanceof Error && e.stack) io.err(`${e.stack}\n`)
    return EXIT.error
  }
}

declare const __VOUCH_VERSION__: string | undefined
export const VOUCH_VERSION: string = typeof __VOUCH_VERSION__ === 'string' ? __VOUCH_VERSION__ : '0.1.0'

/**
 * The CliIO of the real process. A reader that goes away (`vouch build . | head -1`) makes the next
 * write fail with EPIPE, emitted as an 'error' event that would crash with a stack trace: instead the
 * output is dropped from then on and the command runs to its end, so its exit code still says what
 * it found (for `set -o pipefail`). Any other write error is reported once, on stderr if it can be.
 */
export function processIO(): CliIO {
  const closed = { out: false, err: false }
  const guard = (stream: NodeJS.WriteStream, which: 'out' | 'err'): void => {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (closed[which]) return
      closed[which] = true
      if (e.code !== 'EPIPE' && which === 'out' && !closed.err) stderr.write(`vouch: cannot write the output (${e.code ?? e.message}); it was dropped\n`)
      if (e.code !== 'EPIPE') process.exitCode = EXIT.error
    })
  }
  guard(stdout, 'out')
  guard(stderr, 'err')
  return {
    out: (t) => void (closed.out || stdout.write(t)),
    err: (t) => void (closed.err || stderr.write(t)),
    isTTY: Boolean(stdout.isTTY),
    env: process.env,
    cwd: process.cwd(),
    promptSecret: stdin.isTTY ? readSecretFromTTY : undefined
  }
}

/** Runs the CLI in this process: `vouch <argv>`. */
export function main(argv: readonly string[] = process.argv.slice(2)): void {
  const io = processIO()
  runCli(argv, io).then(
    (code) => {
      // A write error (not EPIPE) already set 4; otherwise the command's own code.
      if (process.exitCode !== EXIT.error) process.exitCode = code
    },
    (e: unknown) => {
      io.err(`vouch: ${safeText(e instanceof Error ? e.message : String(e))}\n`)
      process.exitCode = EXIT.error
    }
  )
}

const isEntry = typeof process !== 'undefined' && process.argv[1] !== undefined && /vouch(\.js)?$/.test(process.argv[1])
if (isEntry) main()
