/**
 * `npm ci` holds on npm 10 too (issue #10): npm 10 ignores package.json "allowScripts", so it ran
 * electron's install script, which downloads a binary and fails where that is impossible. The
 * project's .npmrc turns install scripts off for every npm; this checks that it does, and that no
 * package the project installs needs its script (the two that have one are accounted for).
 * Measured by hand: `npx -y npm@10 ci` in a copy of the repository without
 * ELECTRON_SKIP_BINARY_DOWNLOAD and without access to github.com (README, "Set-up").
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(__dirname, '..', '..')

/** Packages with an install script, and why the project does without it. */
const NOT_NEEDED: Readonly<Record<string, string>> = {
  'node_modules/electron': 'downloads the Electron binary; npm start runs node_modules/electron/install.js when the desktop app is wanted',
  'node_modules/esbuild': 'checks or downloads the platform binary; npm installs @esbuild/<platform> as an optional dependency anyway'
}

describe('npm ci without install scripts', () => {
  it('.npmrc sets ignore-scripts=true', () => {
    const npmrc = readFileSync(join(ROOT, '.npmrc'), 'utf8')
    expect(npmrc.split('\n').map((l) => l.trim())).toContain('ignore-scripts=true')
  })

  it('every package with an install script is one the project does without', () => {
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> }
    const scripted = Object.entries(lock.packages).filter(([, p]) => p.hasInstallScript).map(([k]) => k).sort()
    expect(scripted).toEqual(Object.keys(NOT_NEEDED).sort())
  })
})
