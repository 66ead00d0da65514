import { useEffect, useMemo, useState } from 'react'
import { plotsOf } from '../../../../../core/curves/plots'
import { formatCount } from '../../../lib/format'
import { useAppStore } from '../../../store'
import { shownCurves } from '../../../store/curves-slice'
import { PlotGrid } from '../../charts/PlotGrid'
import { SlicePicker } from '../../charts/SlicePicker'

/** The curves of the open pack, computed by the host from the predictions it ships, for every row or one slice. */
export function EvaluationCurves(): React.JSX.Element | null {
  const packId = useAppStore((s) => (s.verify.kind === 'done' ? s.verify.opened.packId : null))
  const state = useAppStore((s) => s.packCurves)
  const load = useAppStore((s) => s.loadPackCurves)
  const [slice, setSlice] = useState<string | null>(null)
  useEffect(() => {
    if (packId !== null) void load(packId, slice)
  }, [packId, slice, load])
  const value = shownCurves(state)
  const plots = useMemo(() => (value?.available === true ? plotsOf({ new: value.set }) : []), [value])
  if (packId === null) return null
  if (state.kind === 'error')
    return (
      <p className="missing-doc" role="alert">
        The curves could not be drawn: <code>{state.error.code}</code> {state.error.message}
      </p>
    )
  if (value === undefined)
    return (
      <p className="muted" role="status">
        Reading the predictions…
      </p>
    )
  if (!value.available)
    return (
      <p className="muted" data-testid="curves-unavailable">
        No curves: {value.reason}.
      </p>
    )
  return (
    <>
      <p className="muted small">
        Drawn from the {formatCount(value.rows)} predictions of {value.dataset} / {value.split} by the same code that recomputes the claimed metrics; each caption gives the
        recomputed number and the pack&apos;s claim.
      </p>
      <SlicePicker id="curves-slice" slices={value.slices} value={slice} allLabel={`All rows (${formatCount(value.rows)})`} onChange={setSlice} busy={state.kind === 'loading'} />
      <PlotGrid plots={plots} testId="evaluation-curves" />
    </>
  )
}
