/** Which command-line argument is a pack handed to the app (file association, `vouch-app <pack>`). */
import { existsSync } from 'node:fs'
import { resolve } from 'node:path'

/**
 * The first existing path among the arguments after the executable. Switches and the app itself
 * (`electron .`, `electron out/main/index.js`, wherever a launcher put them among the switches)
 * are not packs.
 */
export function packFromArgv(argv: readonly string[], cwd: string, self: ReadonlySet<string>, exists: (p: string) => boolean = existsSync): string | undefined {
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue
    const p = resolve(cwd, a)
    if (!self.has(p) && exists(p)) return p
  }
  return undefined
}
