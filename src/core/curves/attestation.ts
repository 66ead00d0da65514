/**
 * The curves an attestation prints: the whole population and every critical slice of the pack,
 * with the previous release overlaid (binned alike) when the attestation is made against one.
 * Pure over loaded sources; the drawing model is the app's (plots.ts).
 */
import { plotsOf } from './plots'
import type { Plot } from './plot-types'
import { sharedRanges, type LoadedCurves } from './source'
import { computeSet } from './views'
import type { SliceRef } from './types'
import type { VerifyReport } from '../verify/report'

export interface CurveGroup {
  /** Null: every row of the dataset/split. */
  readonly slice: SliceRef | null
  readonly rows: number
  /** Rows of the same slice in the previous release, when it has the slice. */
  readonly previousRows?: number
  readonly plots: readonly Plot[]
}

export type AttestationCurves =
  | {
      readonly available: true
      readonly dataset: string
      readonly split: string
      readonly rows: number
      /** Release names, when the previous release is overlaid. */
      readonly names?: { readonly new: string; readonly old: string }
      /** Why the previous release is not overlaid (it was given but has nothing to draw from). */
      readonly previousMissing?: string
      readonly groups: readonly CurveGroup[]
    }
  | { readonly available: false; readonly reason: string }

export function attestationCurves(current: LoadedCurves, previous?: { readonly loaded: LoadedCurves; readonly names: { readonly new: string; readonly old: string } }): AttestationCurves {
  if (current.kind === 'unavailable') return { available: false, reason: current.reason }
  const src = current.source
  const prev = previous?.loaded.kind === 'source' ? previous.loaded.source : undefined
  const ranges = prev ? sharedRanges(src.populationRanges(), prev.populationRanges()) : src.populationRanges()
  const slices: (string | null)[] = [null, ...src.sliceOptions().filter((s) => s.critical).map((s) => s.id)]
  const groups = slices.map((slice): CurveGroup => {
    const set = computeSet(src, slice, ranges)!
    const old = prev ? computeSet(prev, slice, ranges) : undefined
    const plots = plotsOf({ new: set, ...(old ? { old } : {}), ...(prev && previous ? { names: previous.names } : {}) })
    return { slice: set.slice, rows: set.rows, ...(old ? { previousRows: old.rows } : {}), plots }
  })
  const { dataset, split } = src.input
  return {
    available: true,
    dataset,
    split,
    rows: src.table.rows,
    ...(prev && previous ? { names: previous.names } : {}),
    ...(previous && previous.loaded.kind === 'unavailable' ? { previousMissing: previous.loaded.reason } : {}),
    groups
  }
}

/** How two releases are named in captions: their versions (or names), told apart when equal. */
export function releaseNames(current: VerifyReport, previous: VerifyReport): { readonly new: string; readonly old: string } {
  const name = (r: VerifyReport, fallback: string): string => r.pack.version ?? r.evidence.pack?.version ?? r.pack.name ?? fallback
  const n = { new: name(current, 'this release'), old: name(previous, 'previous release') }
  return n.new === n.old ? { new: `${n.new} (this pack)`, old: `${n.old} (previous)` } : n
}
