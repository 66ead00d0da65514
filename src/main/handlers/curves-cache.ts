/**
 * The charts' inputs per opened pack: the predictions are read back once per verified report (a
 * new report, after a sign-off, reads them again) and kept for the few most recently used packs
 * (a million-row table holds about 100 MB); each slice's point lists are kept while their pack is,
 * so switching slices back and forth costs nothing.
 */
import type { LoadedCurves } from '../../core/curves/load-node'
import type { CurveSource } from '../../core/curves/source'
import type { CurveRanges, CurveSet } from '../../core/curves/types'
import { computeSet } from '../../core/curves/views'
import type { VerifyReport } from '../../shared/domain'

/** Packs whose predictions stay loaded (Compare needs two). */
export const MAX_LOADED_PACKS = 4
/** Slices (with their ranges) whose point lists are kept per pack. */
export const MAX_SETS_PER_PACK = 64

interface Entry {
  readonly report: VerifyReport
  readonly loaded: Promise<LoadedCurves>
  readonly sets: Map<string, CurveSet | undefined>
}

export class CurveCache {
  private readonly entries = new Map<string, Entry>()
  /** How many times predictions were read (tests: the cache works). */
  loads = 0

  constructor(private readonly load: (report: VerifyReport) => Promise<LoadedCurves>) {}

  /** The pack's loaded predictions for this very report (loaded now when the report is new). */
  source(packId: string, report: VerifyReport): Promise<LoadedCurves> {
    let e = this.entries.get(packId)
    if (e && e.report !== report) e = undefined
    if (e) {
      // Most recently used last.
      this.entries.delete(packId)
      this.entries.set(packId, e)
      return e.loaded
    }
    this.loads++
    const loaded = this.load(report)
    const entry: Entry = { report, loaded, sets: new Map() }
    this.entries.delete(packId)
    this.entries.set(packId, entry)
    // A failed read (the pack moved away) is not kept: the next call tries again.
    loaded.catch(() => {
      if (this.entries.get(packId) === entry) this.entries.delete(packId)
    })
    for (const id of [...this.entries.keys()].slice(0, Math.max(0, this.entries.size - MAX_LOADED_PACKS))) this.entries.delete(id)
    return loaded
  }

  /** A slice's CurveSet, memoised with the source it was computed from. */
  setOf(packId: string): (src: CurveSource, slice: string | null, ranges?: CurveRanges) => CurveSet | undefined {
    return (src, slice, ranges) => {
      const sets = this.entries.get(packId)?.sets
      const key = `${slice ?? ''}\u0000${ranges ? JSON.stringify(ranges) : ''}`
      if (sets?.has(key)) return sets.get(key)
      const set = computeSet(src, slice, ranges)
      if (sets) {
        if (sets.size >= MAX_SETS_PER_PACK) sets.delete(sets.keys().next().value as string)
        sets.set(key, set)
      }
      return set
    }
  }

  delete(packId: string): void {
    this.entries.delete(packId)
  }
}
