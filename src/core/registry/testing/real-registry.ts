/**
 * Tests only: a real CNCF distribution registry (Debian's docker-registry, 2.8) on a free loopback
 * port, with a temporary config and storage folder, optionally behind htpasswd basic auth. Waits
 * until /v2/ answers, and stop() kills it and removes the folder (also on process exit).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface RunningRegistry {
  /** "127.0.0.1:<port>" */
  readonly host: string
  readonly dir: string
  readonly auth?: { readonly username: string; readonly password: string }
  stop(): Promise<void>
}

const live = new Set<ChildProcess>()
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL')
})

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const a = s.address()
      const port = typeof a === 'object' && a ? a.port : 0
      s.close(() => resolve(port))
    })
  })
}

/** A bcrypt htpasswd line: htpasswd(1) when installed, else Python's crypt module (libxcrypt bcrypt). */
export function bcryptLine(username: string, password: string): string {
  const h = spawnSync('htpasswd', ['-nbB', '-C', '4', username, password], { encoding: 'utf8' })
  if (h.status === 0 && h.stdout.includes(':$2')) return h.stdout.trim()
  let why = ''
  for (const python of ['/usr/bin/python3', 'python3']) {
    const py = spawnSync(python, ['-W', 'ignore', '-c', 'import crypt,sys; print(crypt.crypt(sys.argv[1], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))', password], { encoding: 'utf8' })
    if (py.status === 0 && py.stdout.startsWith('$2')) return `${username}:${py.stdout.trim()}`
    why = py.stderr?.trim() || why
  }
  throw new Error(`cannot make a bcrypt hash for htpasswd: install apache2-utils (htpasswd) or use a python3 with the crypt module (${why})`)
}

function probe(host: string): Promise<number> {
  return new Promise((resolve) => {
    const r = request({ host: '127.0.0.1', port: Number(host.split(':')[1]), path: '/v2/', method: 'GET', timeout: 1000 }, (res) => {
      res.resume()
      resolve(res.statusCode ?? 0)
    })
    r.on('error', () => resolve(0))
    r.on('timeout', () => r.destroy())
    r.end()
  })
}

export async function startRegistry(opts: { readonly auth?: { readonly username: string; readonly password: string } } = {}): Promise<RunningRegistry> {
  let lastErr = ''
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = await mkdtemp(join(tmpdir(), 'vouch-registry-'))
    const port = await freePort()
    const host = `127.0.0.1:${port}`
    const authYaml = opts.auth ? `auth:\n  htpasswd:\n    realm: vouch-test\n    path: ${join(dir, 'htpasswd')}\n` : ''
    if (opts.auth) await writeFile(join(dir, 'htpasswd'), `${bcryptLine(opts.auth.username, opts.auth.password)}\n`)
    await writeFile(
      join(dir, 'config.yml'),
      `version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: ${host}\n${authYaml}`
    )
    const child = spawn('docker-registry', ['serve', join(dir, 'config.yml')], { stdio: ['ignore', 'ignore', 'pipe'] })
    live.add(child)
    let stderr = ''
    child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)))
    let exited = false
    child.once('exit', () => {
      exited = true
      live.delete(child)
    })
    const stop = async (): Promise<void> => {
      if (!exited) {
        const gone = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        const t = setTimeout(() => child.kill('SIGKILL'), 5000)
        await gone
        clearTimeout(t)
      }
      await rm(dir, { recursive: true, force: true })
    }
    const deadline = Date.now() + 15_000
    let ready = false
    while (!exited && Date.now() < deadline) {
      const s = await probe(host)
      if (s === 200 || s === 401) {
        ready = true
        break
      }
      await new Promise((r) => setTimeout(r, 50))
    }
    if (ready) return { host, dir, ...(opts.auth ? { auth: opts.auth } : {}), stop }
    lastErr = stderr
    await stop()
    if (!/address already in use/.test(stderr)) break
  }
  throw new Error(`docker-registry did not start: ${lastErr.trim() || 'no output (is the docker-registry package installed?)'}`)
}
