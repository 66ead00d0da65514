/**
 * Every bench section, in the order they run. Add yours here (one import, one entry):
 * diff of 5,000 slices x 10 metrics (diff owner), PDF of 5,000 slices (attest owner),
 * app open time and progress rate (app owner).
 */
import type { BenchSection } from './types'
import { verifySection } from './verify-section'

export const SECTIONS: readonly BenchSection[] = [verifySection]
