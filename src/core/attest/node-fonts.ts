/**
 * The shell side of attestation fonts: reads the TTFs shipped in resources/fonts (never a system
 * font path, so every machine embeds the same glyphs). The only node: module under attest/.
 */
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { FontBytes } from './fonts/font-set'
import { FontError } from './fonts/sfnt'

export const FONT_FILES = {
  regular: 'dejavu/DejaVuSans.ttf',
  bold: 'dejavu/DejaVuSans-Bold.ttf',
  mono: 'dejavu/DejaVuSansMono.ttf',
  cjk: 'noto-sans-sc/NotoSansSC-Regular.ttf'
} as const

/** resources/fonts: the given folder, $VOUCH_RESOURCES/fonts, or found above this module (source tree and bundles). */
export function findFontsDir(explicit?: string): string {
  const candidates: string[] = []
  if (explicit) candidates.push(explicit)
  const env = process.env.VOUCH_RESOURCES
  if (env) candidates.push(join(env, 'fonts'))
  let dir: string | undefined
  try {
    dir = dirname(fileURLToPath(import.meta.url))
  } catch {
    // Some bundle formats have no file URL for the module: fall back to the other places.
  }
  for (let i = 0; dir !== undefined && i < 6; i++) {
    candidates.push(join(dir, 'resources', 'fonts'))
    dir = dirname(dir)
  }
  candidates.push(resolve('resources', 'fonts'))
  const found = candidates.find((c) => existsSync(join(c, FONT_FILES.regular)))
  if (!found) throw new FontError(`the attestation fonts were not found (looked for ${FONT_FILES.regular} in ${candidates.join(', ')})`)
  return found
}

export async function loadFonts(fontsDir?: string): Promise<FontBytes> {
  const dir = findFontsDir(fontsDir)
  const read = async (rel: string): Promise<Uint8Array> => new Uint8Array(await readFile(join(dir, rel)))
  const cjkPath = join(dir, FONT_FILES.cjk)
  return {
    regular: await read(FONT_FILES.regular),
    bold: await read(FONT_FILES.bold),
    mono: await read(FONT_FILES.mono),
    // Without the CJK font, CJK prints as visible replacement marks (never a crash).
    ...(existsSync(cjkPath) ? { cjk: await read(FONT_FILES.cjk) } : {})
  }
}
