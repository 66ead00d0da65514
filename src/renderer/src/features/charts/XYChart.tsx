import { layoutXY } from '../../../../core/curves/plot-layout'
import type { XYPlot } from '../../../../core/curves/plot-types'
import type { Point } from '../../../../core/curves/types'

const W = 340
const H = 300

const d = (pts: readonly Point[]): string => pts.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`).join('')

/** An x/y chart (ROC, reliability, histogram outlines) painted from the shared layout; the figure's caption labels it. */
export function XYChart(props: { readonly plot: XYPlot; readonly labelledBy: string }): React.JSX.Element {
  const { plot } = props
  const l = layoutXY(plot, W, H)
  const { x, y, w, h } = l.plot
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="plot" role="img" aria-labelledby={props.labelledBy} data-testid={`plot-${plot.id}`}>
      <g className="plot-grid" aria-hidden="true">
        {l.xTicks.map((t) => (
          <line key={`x${t.at}`} x1={t.at} x2={t.at} y1={y} y2={y + h} />
        ))}
        {l.yTicks.map((t) => (
          <line key={`y${t.at}`} x1={x} x2={x + w} y1={t.at} y2={t.at} />
        ))}
      </g>
      <rect x={x} y={y} width={w} height={h} className="plot-frame" />
      {l.series.map((s, i) => (
        <g key={i} className={`series role-${s.series.role} release-${s.series.release ?? 'none'}`}>
          <path d={d(s.path)} className={s.series.kind === 'step' ? 'step' : 'line'} />
          {s.markers.map(([mx, my], k) => (
            <circle key={k} cx={mx} cy={my} r={3.2} className="marker" />
          ))}
        </g>
      ))}
      <g className="plot-ticks" aria-hidden="true">
        {l.xTicks.map((t) => (
          <text key={`x${t.at}`} x={t.at} y={y + h + 13} textAnchor="middle">
            {t.label}
          </text>
        ))}
        {l.yTicks.map((t) => (
          <text key={`y${t.at}`} x={x - 5} y={t.at + 3.5} textAnchor="end">
            {t.label}
          </text>
        ))}
        <text x={x + w / 2} y={H - 4} textAnchor="middle" className="plot-axis-label">
          {plot.x.label}
        </text>
        <text x={11} y={y + h / 2} textAnchor="middle" transform={`rotate(-90 11 ${y + h / 2})`} className="plot-axis-label">
          {plot.y.label}
        </text>
      </g>
    </svg>
  )
}
