/**
 * Release diff: `diffPacks(old, new, opts)` -> PackDiff, `failOn(diff, 'regression' | 'critical' | 'never')`.
 * Pure functions over VerifyReport data (docs/diff.md describes the rules and the JSON).
 */
export { diffPacks } from './diff'
export { failOn } from './verdict'
export { compareRegressions, orderRegressions, regressionKey } from './order'
export { notReproducedIn } from './reproducibility'
export { DEFAULT_MIN_SAMPLE_SIZE, DEFAULT_TOLERANCE } from './compare'
export * from './types'
