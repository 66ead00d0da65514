import type { VerifyReport } from '../../../../../core/verify/report'
import { EVIDENCE_PATHS } from '../../../lib/evidence-paths'
import { MissingDoc } from './MissingDoc'

/** What is watched in production, when it alarms, and who acts. */
export function MonitoringSection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const doc = props.report.evidence.monitoring
  if (doc === undefined) return <MissingDoc what="The monitoring plan" path={EVIDENCE_PATHS.monitoring} />
  return (
    <div className="section-body">
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Monitoring table">
<table className="data" data-testid="monitoring-table">
        <caption className="visually-hidden">Monitoring signals</caption>
        <thead>
          <tr>
            <th scope="col">Signal</th>
            <th scope="col">Metric</th>
            <th scope="col">Threshold</th>
            <th scope="col">Window</th>
            <th scope="col">Action</th>
            <th scope="col">Owner</th>
            <th scope="col">Escalation</th>
          </tr>
        </thead>
        <tbody>
          {doc.signals.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                {s.signal}
                <div className="muted mono small">{s.id}</div>
              </th>
              <td>
                <code>{s.metric}</code>
                {s.slice !== undefined && <div className="muted small">slice {s.slice}</div>}
              </td>
              <td className="mono">
                {s.comparator} {s.threshold}
              </td>
              <td>{s.window}</td>
              <td>{s.action}</td>
              <td>{s.owner}</td>
              <td>{s.escalation}</td>
            </tr>
          ))}
        </tbody>
      </table>
</div>
    </div>
  )
}
