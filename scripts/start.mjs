#!/usr/bin/env node
// `npm start` (after the build): the desktop app where Electron runs; otherwise the same app in a
// browser through the loopback host, on the embedded samples. Extra arguments (a pack) are passed on.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(join(root, 'package.json'))
const extra = process.argv.slice(2)

function electronBinary() {
  try {
    const p = require('electron') // the path of the binary, or a throw when it was never downloaded
    return typeof p === 'string' && existsSync(p) ? p : undefined
  } catch {
    return undefined
  }
}

let electron = electronBinary()
if (!electron) {
  // electron's own installer (npm ci runs no install script: .npmrc ignore-scripts); it needs the network.
  const installer = join(root, 'node_modules', 'electron', 'install.js')
  if (existsSync(installer)) spawnSync(process.execPath, [installer], { cwd: join(root, 'node_modules', 'electron'), stdio: 'ignore', timeout: 180_000 })
  electron = electronBinary()
}

if (electron) {
  // `.` (not out/main/index.js) so the app is named "vouch" and uses the same user-data dir as `vouch serve`.
  const child = spawn(electron, ['.', ...extra], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  process.stdout.write('Electron could not be installed here (no network?): starting `vouch serve` on the samples instead.\n')
  const child = spawn(process.execPath, [join(root, 'bin', 'vouch.js'), 'serve', ...extra], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] })
  let opened = false
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk)
    const url = /Vouch is serving at (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(String(chunk))?.[1]
    if (url && !opened) {
      opened = true
      try {
        const opener = spawn('xdg-open', [url], { stdio: 'ignore', detached: true })
        opener.on('error', () => undefined)
        opener.unref()
      } catch {
        // No opener: the URL is printed above.
      }
    }
  })
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
  child.on('exit', (code) => process.exit(code ?? 0))
}
