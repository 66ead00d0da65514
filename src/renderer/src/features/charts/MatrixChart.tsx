import { layoutMatrix } from '../../../../core/curves/plot-layout'
import type { MatrixPlot } from '../../../../core/curves/plot-types'

const W = 340
const H = 320

const short = (s: string): string => (s.length > 12 ? `${s.slice(0, 11)}…` : s)

/** A confusion matrix per release: cells shaded by the share of their label row, counts written in. */
export function MatrixChart(props: { readonly plot: MatrixPlot; readonly labelledBy: string }): React.JSX.Element {
  return (
    <div className="plot-panels" role="img" aria-labelledby={props.labelledBy} data-testid={`plot-${props.plot.id}`}>
      {props.plot.panels.map((p, k) => {
        const l = layoutMatrix(p, W, H)
        const n = p.classes.length
        return (
          <svg key={k} viewBox={`0 0 ${W} ${H}`} className={`plot release-${p.release ?? 'none'}`} aria-hidden="true">
            <text x={l.grid.x} y={12} className="plot-axis-label">
              {p.caption}
            </text>
            {p.classes.map((c, i) => (
              <g key={c}>
                <text x={l.grid.x - 4} y={l.grid.y + (i + 0.5) * l.cell + 3.5} textAnchor="end" className="plot-tick">
                  {short(c)}
                </text>
                <text x={l.grid.x + (i + 0.5) * l.cell} y={l.grid.y - 4} textAnchor="end" transform={`rotate(-45 ${l.grid.x + (i + 0.5) * l.cell} ${l.grid.y - 4})`} className="plot-tick">
                  {short(c)}
                </text>
              </g>
            ))}
            {p.shares.map((row, i) =>
              row.map((v, j) => (
                <g key={`${i}-${j}`}>
                  <rect x={l.grid.x + j * l.cell} y={l.grid.y + i * l.cell} width={l.cell} height={l.cell} className={i === j ? 'cell diagonal' : 'cell'} style={{ fillOpacity: 0.08 + 0.85 * v }} />
                  {n <= 12 && (
                    <text x={l.grid.x + (j + 0.5) * l.cell} y={l.grid.y + (i + 0.5) * l.cell + 3.5} textAnchor="middle" className={v > 0.5 ? 'cell-text strong' : 'cell-text'}>
                      {p.counts[i]?.[j] ?? ''}
                    </text>
                  )}
                </g>
              ))
            )}
          </svg>
        )
      })}
    </div>
  )
}
