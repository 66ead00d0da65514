import type { TraceabilityCheck } from '../../../../../core/verify/report'
import type { VerifyReport } from '../../../../../core/verify/report'
import { Digest } from '../../../components/Digest'
import { usePassClass } from '../evidence-trust'

const LABEL: Record<TraceabilityCheck['field'], string> = {
  commit: 'Code commit',
  repository: 'Repository',
  dataVersion: 'Data version',
  dataDigest: 'Data digest',
  runId: 'Run ID',
  pipeline: 'Pipeline',
  started: 'Run started',
  finished: 'Run finished',
  environment: 'Environment',
  datasets: 'Datasets'
}

function StatusPill(props: { readonly status: TraceabilityCheck['status'] }): React.JSX.Element {
  const passClass = usePassClass()
  return props.status === 'ok' ? <span className={`pill ${passClass}`}>Present</span> : <span className="pill bad">{props.status}</span>
}

/** Digests and hashes break only between 16-character groups; dates, ids and versions never break. */
function TraceValue(props: { readonly value: string }): React.JSX.Element {
  const v = props.value
  if (/^(sha256:)?[0-9a-f]{32,}$/.test(v) || /@sha256:[0-9a-f]{64}$/.test(v)) return <Digest value={v} />
  return <code className={v.length > 48 ? 'break-path' : 'nowrap'}>{v}</code>
}

/** Each required field: present or not, and when not, why an auditor should care. */
export function TraceabilitySection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const checks = props.report.traceability
  const gaps = checks.filter((c) => c.status !== 'ok').length
  const passClass = usePassClass()
  return (
    <div className="section-body">
      <p>
        {gaps === 0 ? (
          <span className={`pill ${passClass}`}>Complete</span>
        ) : (
          <span className="pill bad">
            {gaps} of {checks.length} fields need attention
          </span>
        )}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Traceability table">
<table className="data" data-testid="traceability-table">
        <caption className="visually-hidden">Traceability fields</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Status</th>
            <th scope="col">Value / why it matters</th>
          </tr>
        </thead>
        <tbody>
          {checks.map((c) => (
            <tr key={c.field} className={c.status !== 'ok' ? 'row-bad' : undefined}>
              <th scope="row">{LABEL[c.field]}</th>
              <td>
                <StatusPill status={c.status} />
              </td>
              <td>
                {c.value !== undefined && <TraceValue value={c.value} />}
                {c.status !== 'ok' && <div className="why">{c.why}</div>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
</div>
    </div>
  )
}
