/** What the curves channels return, from loaded sources: one pack's charts, or two releases' binned alike. */
import { curveSet } from './curve-set'
import type { CurveSource } from './source'
import { sharedRanges } from './source'
import type { CompareCurves, CurveRanges, CurveSet, PackCurves, SliceOption } from './types'

/** Computes (or, through `memo`, reuses) a slice's CurveSet. */
export type SetOf = (src: CurveSource, slice: string | null, ranges?: CurveRanges) => CurveSet | undefined

export const computeSet: SetOf = (src, slice, ranges) => curveSet(src, slice, ranges ?? src.populationRanges())

export function packCurves(src: CurveSource, set: CurveSet): PackCurves {
  const { dataset, split, task } = src.input
  return { available: true, dataset, split, task, rows: src.table.rows, slices: src.sliceOptions(), set }
}

/** Slices of either release, matched by id: critical in either first, then the newer release's order. */
export function unionSlices(a: readonly SliceOption[], b: readonly SliceOption[]): CompareCurves['slices'] {
  const byId = new Map<string, SliceOption & { inOld: boolean; inNew: boolean }>()
  for (const s of b) byId.set(s.id, { ...s, inOld: false, inNew: true })
  for (const s of a) {
    const e = byId.get(s.id)
    if (e) byId.set(s.id, { ...e, critical: e.critical || s.critical, inOld: true })
    else byId.set(s.id, { ...s, inOld: true, inNew: false })
  }
  const all = [...byId.values()]
  return [...all.filter((s) => s.critical), ...all.filter((s) => !s.critical)]
}

type Side = { readonly kind: 'source'; readonly source: CurveSource } | { readonly kind: 'unavailable'; readonly reason: string }

/** The charts of one slice (or the population) in both releases, with shared axis ranges. */
export function compareCurves(old: Side, neu: Side, slice: string | null, setOf: { readonly old: SetOf; readonly new: SetOf } = { old: computeSet, new: computeSet }): CompareCurves {
  const ranges = old.kind === 'source' && neu.kind === 'source' ? sharedRanges(old.source.populationRanges(), neu.source.populationRanges()) : undefined
  const side = (x: Side, of: SetOf): PackCurves => {
    if (x.kind === 'unavailable') return { available: false, reason: x.reason }
    const set = of(x.source, slice, ranges)
    return set ? packCurves(x.source, set) : { available: false, reason: `this release has no slice "${slice ?? ''}"` }
  }
  const slices = unionSlices(old.kind === 'source' ? old.source.sliceOptions() : [], neu.kind === 'source' ? neu.source.sliceOptions() : [])
  return { slices, old: side(old, setOf.old), new: side(neu, setOf.new) }
}
