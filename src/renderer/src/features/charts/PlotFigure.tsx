import { useId, useState } from 'react'
import type { LegendEntry, Plot } from '../../../../core/curves/plot-types'
import { assertNever } from '../../lib/assert'
import { formatCount } from '../../lib/format'
import { IntervalChart } from './IntervalChart'
import { MatrixChart } from './MatrixChart'
import { PointsTable } from './PointsTable'
import { XYChart } from './XYChart'
import './charts.css'

function Swatch(props: { readonly entry: LegendEntry }): React.JSX.Element {
  const e = props.entry
  return (
    <svg width="26" height="10" aria-hidden="true" className={`series role-${e.role} release-${e.release ?? 'none'}`}>
      <path d="M1 5L25 5" className="line" />
    </svg>
  )
}

function Drawing(props: { readonly plot: Plot; readonly labelledBy: string }): React.JSX.Element {
  const p = props.plot
  switch (p.kind) {
    case 'xy':
      return <XYChart plot={p} labelledBy={props.labelledBy} />
    case 'matrix':
      return <MatrixChart plot={p} labelledBy={props.labelledBy} />
    case 'intervals':
      return <IntervalChart plot={p} labelledBy={props.labelledBy} />
    default:
      return assertNever(p, 'plot kind')
  }
}

/**
 * One chart: its title, the drawing (an image whose accessible name is the visible caption, which
 * states the chart's number and the claim), the legend, notes, and its points on demand.
 */
export function PlotFigure(props: { readonly plot: Plot }): React.JSX.Element {
  const p = props.plot
  const id = useId()
  const [open, setOpen] = useState(false)
  const wide = p.kind === 'intervals' || (p.kind === 'matrix' && p.panels.length > 1)
  return (
    <figure className={`plot-figure card${wide ? ' wide' : ''}`} data-testid={`figure-${p.id}`} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="plot-title">
        {p.title}
      </h3>
      {p.empty !== undefined ? (
        <p className="muted" data-testid={`plot-${p.id}`}>
          {p.alt}
        </p>
      ) : (
        <>
          <Drawing plot={p} labelledBy={`${id}-alt`} />
          {p.legend.length > 0 && (
            <ul className="plot-legend">
              {p.legend.map((e) => (
                <li key={`${e.role}/${e.release ?? ''}/${e.label}`}>
                  <Swatch entry={e} /> {e.label}
                </li>
              ))}
            </ul>
          )}
          <figcaption id={`${id}-alt`} className="plot-caption">
            {p.alt}
          </figcaption>
          {p.notes.map((n) => (
            <p key={n} className="muted small">
              {n}
            </p>
          ))}
          {p.table.rows.length > 0 && (
            <button type="button" className="link" aria-expanded={open} aria-controls={`${id}-points`} onClick={() => setOpen((o) => !o)}>
              {open ? 'Hide the points' : `Show the points (${formatCount(p.table.rows.length)})`}
            </button>
          )}
          {open && <PointsTable id={`${id}-points`} title={p.title} table={p.table} />}
        </>
      )}
    </figure>
  )
}
