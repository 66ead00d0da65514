/**
 * Every bench section, in the order they run. Add yours here (one import, one entry):
 * a BenchSection (types.ts) returns rows and pass/fail targets; a function returning text can be
 * wrapped with `textSection` until it returns structured results.
 */
import { appSection } from './app'
import { attestSection } from './attest'
import { diffSection } from './diff'
import { recomputeSection } from './recompute'
import { packSection } from './pack-section'
import { signSection } from './sign-section'
import type { BenchSection } from './types'
import { verifySection } from './verify-section'

export function textSection(id: string, title: string, run: () => Promise<string>): BenchSection {
  return { id, title, run: async () => ({ rows: [], targets: [], notes: (await run()).split('\n').map((l) => l.trim()).filter(Boolean) }) }
}

export const SECTIONS: readonly BenchSection[] = [
  verifySection,
  recomputeSection,
  packSection,
  signSection,
  diffSection,
  attestSection,
  appSection
]
