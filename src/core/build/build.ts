/**
 * The builder: validates data/ and writes the four BagIt tag files deterministically.
 */
import type { BuildOptions, BuildResult } from './types'

export type { BuildOptions, BuildResult } from './types'

export async function buildPack(dir: string, opts: BuildOptions = {}): Promise<BuildResult> {
  void dir
  void opts
  throw new Error('buildPack: not implemented yet')
}
