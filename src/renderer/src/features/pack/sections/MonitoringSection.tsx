import { useMemo } from 'react'
import type { VerifyReport } from '../../../../../core/verify/report'
import { SliceName } from '../../../components/SliceName'
import { anchorId } from '../../../lib/cross-links'
import { EVIDENCE_PATHS } from '../../../lib/evidence-paths'
import { MissingDoc } from './MissingDoc'
import { XLink } from './XLink'

/** What is watched in production, when it alarms, and who acts; a signal on a slice links to it. */
export function MonitoringSection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const doc = props.report.evidence.monitoring
  const slices = useMemo(() => new Map((props.report.evidence.slices?.slices ?? []).map((s) => [s.id, s])), [props.report.evidence.slices])
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
            {doc.signals.map((s) => {
              const slice = s.slice === undefined ? undefined : slices.get(s.slice)
              return (
                <tr key={s.id} id={anchorId.signal(s.id)} data-testid={`signal-${s.id}`}>
                  <th scope="row">
                    {s.signal}
                    <div className="muted mono small">{s.id}</div>
                  </th>
                  <td>
                    <code>{s.metric}</code>
                    {s.slice !== undefined && (
                      <div className="muted small">
                        slice{' '}
                        {slice !== undefined ? (
                          <XLink section="evaluation" anchor={anchorId.slice(slice.id)}>
                            <SliceName id={slice.id} name={slice.name} />
                          </XLink>
                        ) : (
                          <code>{s.slice}</code>
                        )}
                      </div>
                    )}
                  </td>
                  <td className="mono nowrap">
                    {s.comparator} {s.threshold}
                  </td>
                  <td className="nowrap">{s.window}</td>
                  <td>{s.action}</td>
                  <td>{s.owner}</td>
                  <td>{s.escalation}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </div>
  )
}
