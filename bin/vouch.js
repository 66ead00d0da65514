#!/usr/bin/env node
// Thin launcher: the CLI is bundled by `npm run build` into out/cli/vouch.js.
import { existsSync } from 'node:fs'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { dirname, join } from 'node:path'

const here = dirname(fileURLToPath(import.meta.url))
const entry = join(here, '..', 'out', 'cli', 'vouch.js')
if (!existsSync(entry)) {
  process.stderr.write('vouch: the CLI is not built yet; run `npm run build` first\n')
  process.exit(2)
}
await import(pathToFileURL(entry).href)
