import { useMemo, useState } from 'react'
import type { PackDiff } from '../../../../core/diff/types'
import { chartMetrics, sliceDeltas, type SliceDelta } from '../../lib/diff-view'
import { formatDelta, plural } from '../../lib/format'

const MAX_BARS = 40
const BAR_H = 20
const GAP = 6
const LABEL_W = 400
const VALUE_W = 70
const PLOT_W = 420

/** Worst movers first; critical slices always kept in view whatever the cap. */
function pick(deltas: readonly SliceDelta[]): readonly SliceDelta[] {
  const score = (d: SliceDelta): number => (d.comparison.movement === 'worse' ? 2 : 1) * Math.abs(d.delta)
  const sorted = [...deltas].sort((a, b) => score(b) - score(a))
  const critical = sorted.filter((d) => d.critical)
  const rest = sorted.filter((d) => !d.critical).slice(0, Math.max(0, MAX_BARS - critical.length))
  return [...critical, ...rest].sort((a, b) => a.delta - b.delta)
}

function barClass(d: SliceDelta): string {
  if (d.comparison.assessment === 'regression') return 'bar bar-bad'
  if (d.comparison.movement === 'better') return 'bar bar-ok'
  return 'bar bar-neutral'
}

/** Inline SVG of per-slice deltas for one metric: the shape of the change at a glance. */
export function SliceDeltaChart(props: { readonly diff: PackDiff; readonly onlyRegressions?: boolean }): React.JSX.Element | null {
  const only = props.onlyRegressions === true
  const metrics = useMemo(() => chartMetrics(props.diff, only), [props.diff, only])
  const [chosen, setChosen] = useState<string | null>(null)
  const metric = chosen !== null && metrics.includes(chosen) ? chosen : metrics[0]
  const all = useMemo(() => (metric === undefined ? [] : sliceDeltas(props.diff, metric, only)), [props.diff, metric, only])
  const bars = useMemo(() => pick(all), [all])
  if (metric === undefined)
    return only ? (
      <p className="muted" data-testid="slice-delta-chart-empty">
        No slice regressed: the chart has nothing to show with “Only regressions”.
      </p>
    ) : null
  const maxAbs = Math.max(1e-12, ...bars.map((b) => Math.abs(b.delta)))
  const zeroX = LABEL_W + PLOT_W / 2
  const scale = PLOT_W / 2 / maxAbs
  const height = bars.length * (BAR_H + GAP) + 30
  const width = LABEL_W + PLOT_W + VALUE_W
  const regressions = bars.filter((b) => b.comparison.assessment === 'regression').length
  return (
    <figure className="chart card" data-testid="slice-delta-chart" data-bars={bars.length}>
      <figcaption className="row">
        <strong>Slice deltas</strong>
        <label htmlFor="chart-metric">Metric</label>
        <select id="chart-metric" value={metric} onChange={(e) => setChosen(e.target.value)}>
          {metrics.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        <span className="muted small">
          {bars.length < all.length
            ? `${bars.length} of ${plural(all.length, only ? 'regressed slice' : 'slice')} (largest moves and every critical slice)`
            : plural(all.length, only ? 'regressed slice' : 'slice')}
          {' · '}◆ critical · red: regression · green: better
        </span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        width="100%"
        role="img"
        aria-label={`Change of ${metric} per slice, new minus old: ${regressions} regression${regressions === 1 ? '' : 's'} among ${bars.length} slices shown`}
      >
        <line x1={zeroX} x2={zeroX} y1={0} y2={height - 24} className="axis" />
        {bars.map((b, i) => {
          const y = i * (BAR_H + GAP) + 4
          const w = Math.max(1, Math.abs(b.delta) * scale)
          const x = b.delta < 0 ? zeroX - w : zeroX
          return (
            <g key={b.slice}>
              <title>{`${b.label}${b.critical ? ' (critical)' : ''}: ${b.comparison.oldLiteral} → ${b.comparison.newLiteral} (${formatDelta(b.delta)}), ${b.comparison.assessment}`}</title>
              <text x={LABEL_W - 8} y={y + BAR_H * 0.72} textAnchor="end" className={b.critical ? 'chart-label critical' : 'chart-label'}>
                {b.critical ? '◆ ' : ''}
                {b.label.length > 58 ? `${b.label.slice(0, 57)}…` : b.label}
              </text>
              <rect x={x} y={y} width={w} height={BAR_H} rx={2} className={barClass(b)} />
              {b.critical && <rect x={x} y={y} width={w} height={BAR_H} rx={2} className="bar-critical-outline" />}
              <text x={LABEL_W + PLOT_W + 6} y={y + BAR_H * 0.72} className="chart-value">
                {formatDelta(b.delta)}
              </text>
            </g>
          )
        })}
        <text x={zeroX} y={height - 8} textAnchor="middle" className="chart-axis-label">
          0 (no change)
        </text>
      </svg>
    </figure>
  )
}
