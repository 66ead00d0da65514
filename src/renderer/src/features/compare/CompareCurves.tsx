import { useEffect, useMemo, useState } from 'react'
import type { PackDiff } from '../../../../core/diff/types'
import { plotsOf } from '../../../../core/curves/plots'
import type { OpenedPack } from '../../lib/api'
import { useAppStore } from '../../store'
import { shownCurves } from '../../store/curves-slice'
import { PlotGrid } from '../charts/PlotGrid'
import { SlicePicker, type PickerSlice } from '../charts/SlicePicker'

const nameOf = (p: OpenedPack, fallback: string): string => p.version ?? p.name ?? fallback

/** The curves of both releases overlaid (older dashed), for every row or one slice; regressed slices are marked in the picker. */
export function CompareCurves(props: { readonly diff: PackDiff; readonly oldPack: OpenedPack; readonly newPack: OpenedPack }): React.JSX.Element {
  const { oldPack, newPack, diff } = props
  const state = useAppStore((s) => s.compareCurves)
  const load = useAppStore((s) => s.loadCompareCurves)
  const [slice, setSlice] = useState<string | null>(null)
  useEffect(() => {
    void load(oldPack.packId, newPack.packId, slice)
  }, [oldPack.packId, newPack.packId, slice, load])
  const value = shownCurves(state)
  const names = useMemo(() => {
    const n = { old: nameOf(oldPack, 'older'), new: nameOf(newPack, 'newer') }
    return n.old === n.new ? { old: `${n.old} (older)`, new: `${n.new} (newer)` } : n
  }, [oldPack, newPack])
  const plots = useMemo(
    () => (value === undefined ? [] : plotsOf({ new: value.new.available ? value.new.set : undefined, ...(value.old.available ? { old: value.old.set } : {}), names })),
    [value, names]
  )
  const regressed = useMemo(() => new Set(diff.regressions.flatMap((r) => (r.scope === 'slice' && r.slice !== undefined ? [r.slice] : []))), [diff])
  const slices: PickerSlice[] = (value?.slices ?? []).map((s) => {
    const note = [regressed.has(s.id) ? 'regressed' : '', !s.inOld ? `only in ${names.new}` : '', !s.inNew ? `only in ${names.old}` : ''].filter(Boolean).join(', ')
    return { ...s, ...(note ? { note } : {}) }
  })
  return (
    <section aria-labelledby="cmp-curves" className="compare-curves">
      <h2 id="cmp-curves">Curves, {names.old} against {names.new}</h2>
      {state.kind === 'error' ? (
        <p className="missing-doc" role="alert">
          The curves could not be drawn: <code>{state.error.code}</code> {state.error.message}
        </p>
      ) : value === undefined ? (
        <p className="muted" role="status">
          Reading the predictions of both releases…
        </p>
      ) : !value.old.available && !value.new.available ? (
        <p className="muted" data-testid="curves-unavailable">
          No curves: {value.new.reason}.
        </p>
      ) : (
        <>
          <p className="muted small">
            {names.new} solid, {names.old} dashed with hollow markers; both binned alike.
            {!value.old.available && ` ${names.old}: ${value.old.reason}.`}
            {!value.new.available && ` ${names.new}: ${value.new.reason}.`}
          </p>
          <SlicePicker id="compare-curves-slice" slices={slices} value={slice} allLabel="All rows" onChange={setSlice} busy={state.kind === 'loading'} />
          <PlotGrid plots={plots} testId="compare-curves" />
        </>
      )}
    </section>
  )
}
