/**
 * `vouch serve [pack] [--port N]`: the app in a loopback-only browser host (docs/cli.md).
 * Prints one readiness line on stdout: `Vouch is serving at http://127.0.0.1:PORT/?token=TOKEN`.
 */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'
import { EXIT, UsageError, type Command } from '../command'
import { VOUCH_VERSION } from '../main'
import { defaultUserDataDir, findRendererDir, findSamplesDir } from '../serve/locate'
import { startServer } from '../serve/server'

const HELP = `usage: vouch serve [pack] [--port N]

Runs the Vouch app at a loopback-only address (127.0.0.1) for a local browser.
The printed URL carries a random token; every request needs it.

  pack        a pack folder or archive to open at start
  --port N    listen on port N (default: a free port)

Environment: VOUCH_USER_DATA (recent packs, keys, trust file), VOUCH_RENDERER_DIR.
`

export const serve: Command = async (argv, io) => {
  let port: number | undefined
  let pack: string | undefined
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!
    if (a === '--help' || a === '-h') {
      io.out(HELP)
      return EXIT.ok
    } else if (a === '--port' || a.startsWith('--port=')) {
      const v = a === '--port' ? argv[++i] : a.slice('--port='.length)
      const n = Number(v)
      if (v === undefined || !/^\d+$/.test(v) || n < 0 || n > 65535) throw new UsageError(`--port needs a number from 0 to 65535, got '${v ?? ''}'`)
      port = n
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option '${a}'`)
    } else if (pack === undefined) {
      pack = a
    } else {
      throw new UsageError(`one pack at most, got '${pack}' and '${a}'`)
    }
  }
  const startupPath = pack === undefined ? undefined : resolve(io.cwd, pack)
  if (startupPath !== undefined && !existsSync(startupPath)) {
    io.err(`vouch serve: no such pack: ${startupPath}\n`)
    return EXIT.unreadable
  }
  const rendererDir = findRendererDir(io.env)
  if (!rendererDir) {
    io.err('vouch serve: the app is not built (out/renderer/index.html is missing); run `npm run build` first\n')
    return EXIT.error
  }
  const log = { warn: (m: string) => io.err(`vouch serve: ${m}\n`), error: (m: string) => io.err(`vouch serve: ${m}\n`) }
  let server
  try {
    server = await startServer({
      ...(port === undefined ? {} : { port }),
      rendererDir,
      samplesDir: findSamplesDir(),
      userDataDir: defaultUserDataDir(io.env),
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
  await new Promise<void>((done) => {
    const stop = (): void => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      done()
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  await server.close()
  return EXIT.ok
}
