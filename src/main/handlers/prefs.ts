/** The app's own preferences (the theme), in prefs.json in the profile folder; unknown or corrupt reads as the defaults. */
import { join } from 'node:path'
import type { Prefs } from '../../shared/domain'
import { readTextIfExists, writeFileAtomic } from './user-files'

export const DEFAULT_PREFS: Prefs = { theme: 'system' }

export async function readPrefs(userDataDir: string): Promise<Prefs> {
  const text = await readTextIfExists(join(userDataDir, 'prefs.json'), 64 * 1024).catch(() => undefined)
  if (text === undefined) return DEFAULT_PREFS
  try {
    const t = (JSON.parse(text) as { theme?: unknown }).theme
    return { theme: t === 'light' || t === 'dark' ? t : 'system' }
  } catch {
    return DEFAULT_PREFS
  }
}

export async function writePrefs(userDataDir: string, prefs: Prefs): Promise<Prefs> {
  const clean: Prefs = { theme: prefs.theme }
  await writeFileAtomic(join(userDataDir, 'prefs.json'), `${JSON.stringify(clean, null, 2)}\n`)
  return clean
}
