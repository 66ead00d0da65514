/**
 * `vouch serve [pack] [--port N]`: the app in a loopback-only browser host (docs/cli.md).
 * Prints one readiness line on stdout: `Vouch is serving at http://127.0.0.1:PORT/?token=TOKEN`.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { VOUCH_VERSION } from '../main'
import { safeText } from '../format/findings'
import { defaultUserDataDir, findRendererDir, findSamplesDir } from '../serve/locate'
import { startServer } from '../serve/server'

export const serveSpec: CommandSpec = {
  name: 'serve',
  synopsis: '[pack] [--port N] [--profile <dir>]',
  description:
    'Run the Vouch app for a browser on this machine: a loopback-only host (127.0.0.1) serving the\n' +
    'same app and contract as the desktop app. The printed URL carries a random token that every\n' +
    'request needs. Stop with Ctrl+C.',
  positionals: [],
  optionalPositionals: ['pack'],
  flags: [
    { name: 'port', kind: 'string', placeholder: '<N>', description: 'listen on this port (default: a free port)' },
    {
      name: 'profile',
      kind: 'string',
      placeholder: '<dir>',
      description: 'keep recent packs, keys, the trust file and preferences in this folder instead of your own (tests, tours, demos)'
    }
  ],
  examples: ['vouch serve', 'vouch serve resources/samples/credit-default-1.1.0 --port 8765', 'vouch serve --profile "$(mktemp -d)"'],
  notes:
    'prints one line on stdout when ready: Vouch is serving at http://127.0.0.1:PORT/?token=TOKEN\n' +
    'paths typed in the app may be relative: they resolve against the folder vouch serve was started in\n' +
    'environment: VOUCH_USER_DATA (the profile folder when --profile is not given), VOUCH_RENDERER_DIR (built app)\n' +
    'exit codes: 0 stopped, 2 usage error, 3 the pack does not exist, 4 cannot listen or the app is not built'
}

export const serve: Command = async (argv, io) => {
  const args = parseArgs(serveSpec, argv)
  if (args.help) {
    io.out(helpText(serveSpec))
    return EXIT.ok
  }
  const portArg = flagString(args, 'port')
  if (portArg !== undefined && (!/^\d{1,5}$/.test(portArg) || Number(portArg) > 65535)) throw new UsageError(`--port needs a number from 0 to 65535, got '${portArg}'`)
  const port = portArg === undefined ? undefined : Number(portArg)
  const profileArg = flagString(args, 'profile')
  if (profileArg !== undefined && profileArg.trim() === '') throw new UsageError('--profile needs a folder')
  const profile = profileArg === undefined ? undefined : resolve(io.cwd, profileArg)
  const pack = args.positionals[0]
  const startupPath = pack === undefined ? undefined : resolve(io.cwd, pack)
  if (startupPath !== undefined && !existsSync(startupPath)) {
    io.err(`vouch serve: no such pack: ${safeText(startupPath)}\n`)
    return EXIT.unreadable
  }
  const rendererDir = findRendererDir(io.env)
  if (!rendererDir) {
    io.err('vouch serve: the app is not built (out/renderer/index.html is missing); run `npm run build` first\n')
    return EXIT.error
  }
  const log = { warn: (m: string) => io.err(`vouch serve: ${safeText(m)}\n`), error: (m: string) => io.err(`vouch serve: ${safeText(m)}\n`) }
  let server
  try {
    server = await startServer({
      ...(port === undefined ? {} : { port }),
      rendererDir,
      samplesDir: findSamplesDir(),
      userDataDir: profile ?? defaultUserDataDir(io.env),
      cwd: io.cwd,
      version: VOUCH_VERSION,
      ...(startupPath ? { startupPath } : {}),
      log
    })
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    io.err(`vouch serve: cannot listen on 127.0.0.1${port ? `:${port}` : ''}: ${code === 'EADDRINUSE' ? 'the port is in use' : (code ?? String(e))}\n`)
    return EXIT.error
  }
  io.out(`Vouch is serving at ${server.url}\n`)
  io.err('Open that URL in a browser on this machine. Press Ctrl+C to stop.\n')
  // Ctrl+C, kill and a closed terminal all stop the host the same way: connections closed, temp
  // folder removed. A second signal while closing exits at once (the 'exit' hook still removes it).
  const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const
  await new Promise<void>((done) => {
    const stop = (): void => {
      for (const s of SIGNALS) process.off(s, stop)
      for (const s of SIGNALS) process.once(s, () => process.exit(EXIT.ok))
      done()
    }
    for (const s of SIGNALS) process.on(s, stop)
  })
  await server.close()
  return EXIT.ok
}
