import { layoutIntervals } from '../../../../core/curves/plot-layout'
import type { IntervalPlot } from '../../../../core/curves/plot-types'

const W = 680
const LABEL = 230
const ROW = 20

const short = (s: string): string => (s.length > 34 ? `${s.slice(0, 33)}…` : s)

/** Pass rates per slice with their intervals: a dot and a whisker per release (older dashed and hollow, just above). */
export function IntervalChart(props: { readonly plot: IntervalPlot; readonly labelledBy: string }): React.JSX.Element {
  const { plot } = props
  const l = layoutIntervals(plot, W, LABEL, ROW)
  const height = l.plot.y + l.plot.h + 30
  return (
    <svg viewBox={`0 0 ${W} ${height}`} className="plot wide" role="img" aria-labelledby={props.labelledBy} data-testid={`plot-${plot.id}`}>
      {l.xTicks.map((t) => (
        <g key={t.at} aria-hidden="true">
          <line x1={t.at} x2={t.at} y1={l.plot.y} y2={l.plot.y + l.plot.h} className="plot-grid-line" />
          <text x={t.at} y={l.plot.y + l.plot.h + 13} textAnchor="middle" className="plot-tick">
            {t.label}
          </text>
        </g>
      ))}
      {plot.rows.map((r, i) => {
        const cy = l.plot.y + (i + 0.5) * ROW
        return (
          <g key={i}>
            <text x={LABEL - 6} y={cy + 4} textAnchor="end" className={r.critical ? 'plot-tick critical' : 'plot-tick'}>
              {r.critical ? '◆ ' : ''}
              {short(r.label)}
            </text>
            {r.entries.map((e, k) => {
              if (e.value === null) return null
              const y = cy + (r.entries.length > 1 ? (e.release === 'old' ? -4 : 4) : 0)
              return (
                <g key={k} className={`series role-main release-${e.release}`}>
                  {e.interval && <line x1={l.sx(e.interval[0])} x2={l.sx(e.interval[1])} y1={y} y2={y} className="line" />}
                  <circle cx={l.sx(e.value)} cy={y} r={3.2} className="marker" />
                </g>
              )
            })}
          </g>
        )
      })}
      <text x={l.plot.x + l.plot.w / 2} y={height - 4} textAnchor="middle" className="plot-axis-label">
        {plot.x.label}
      </text>
    </svg>
  )
}
