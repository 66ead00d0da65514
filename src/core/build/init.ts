/**
 * `vouch init`: a pack skeleton with every evidence file filled with examples of the right shape.
 */
import type { Template } from './types'

/** Writes the skeleton into `dir` (created if absent; refused with PackWriteError if not empty). Returns the files written. */
export async function initPack(dir: string, template: Template = 'tabular'): Promise<readonly string[]> {
  void dir
  void template
  throw new Error('initPack: not implemented yet')
}
