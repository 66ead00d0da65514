/** Where the loopback host finds the built renderer, the samples, and the per-user state. */
import { existsSync } from 'node:fs'
import { homedir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Walks up from this module (out/cli/assets/*.js in the bundle, src/cli/serve in tests) and
 * returns the first `<ancestor>/<rel>` for which `ok` holds.
 */
function findUp(rels: readonly string[], ok: (dir: string) => boolean): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 6; i++) {
    for (const rel of rels) {
      const d = join(dir, rel)
      if (ok(d)) return d
    }
    const up = dirname(dir)
    if (up === dir) break
    dir = up
  }
  return undefined
}

export function findRendererDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.VOUCH_RENDERER_DIR) {
    const d = resolve(env.VOUCH_RENDERER_DIR)
    return existsSync(join(d, 'index.html')) ? d : undefined
  }
  return findUp(['renderer', join('out', 'renderer')], (d) => existsSync(join(d, 'index.html')))
}

export function findSamplesDir(): string {
  return findUp([join('resources', 'samples')], existsSync) ?? resolve('resources', 'samples')
}

/** The same directory Electron's app.getPath('userData') gives for the app named "vouch", so both hosts share recent packs, keys and trust. */
export function defaultUserDataDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env.VOUCH_USER_DATA) return resolve(env.VOUCH_USER_DATA)
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'vouch')
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'vouch')
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'vouch')
}
