import type { Metric } from '../../../../../core/format/evidence'
import { metricOutcome } from '../../../lib/evidence-view'
import { Num } from '../../../components/Num'
import { fracWidth } from '../../../lib/decimal-align'
import { formatCount } from '../../../lib/format'
import { metricClaims, type Reproducibility } from '../../../lib/reproducibility-view'
import { usePassClass } from '../evidence-trust'
import { RecomputedCell } from './RecomputedCell'

function Outcome(props: { readonly m: Metric }): React.JSX.Element {
  const o = metricOutcome(props.m)
  const passClass = usePassClass()
  if (o === 'pass') return <span className={`pill ${passClass}`}>Pass{passClass === 'neutral' ? ' (unverified)' : ''}</span>
  if (o === 'fail') return <span className="pill bad">Fail</span>
  return <span className="pill neutral">No threshold</span>
}

/** Headline metrics with their thresholds and pass/fail, and whether the predictions reproduce them. Values are shown as written in the pack. */
export function MetricsTable(props: { readonly metrics: readonly Metric[]; readonly reproducibility?: Reproducibility }): React.JSX.Element {
  const frac = fracWidth(props.metrics.map((m) => m.valueLiteral))
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Metrics table">
<table className="data" data-testid="metrics-table">
      <caption className="visually-hidden">Metrics with thresholds</caption>
      <thead>
        <tr>
          <th scope="col">Metric</th>
          <th scope="col" className="num">
            Value
          </th>
          <th scope="col">Threshold</th>
          <th scope="col">Result</th>
          <th scope="col">Recomputed</th>
          <th scope="col">Better</th>
          <th scope="col">Dataset / split</th>
          <th scope="col" className="num">
            Samples
          </th>
          <th scope="col">95% CI</th>
        </tr>
      </thead>
      <tbody>
        {props.metrics.map((m) => (
          <tr key={m.id}>
            <th scope="row">
              {m.name ?? m.id}
              {m.name !== undefined && <div className="muted mono small">{m.id}</div>}
            </th>
            <td className="num mono">
              <Num text={m.valueLiteral} frac={frac} />
            </td>
            <td className="mono nowrap">{m.comparator !== undefined && m.thresholdLiteral !== undefined ? `${m.comparator} ${m.thresholdLiteral}` : '—'}</td>
            <td>
              <Outcome m={m} />
            </td>
            <RecomputedCell claims={metricClaims(props.reproducibility, m.id)} />
            <td>{m.better}</td>
            <td>
              <span className="nowrap">{m.dataset}</span> / <span className="nowrap">{m.split}</span>
            </td>
            <td className="num">{formatCount(m.sampleSize)}</td>
            <td className="mono small nowrap">{m.ci !== undefined ? `[${m.ci.lower}, ${m.ci.upper}] @${m.ci.level}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
</div>
  )
}
