import type { Risk } from '../../../../../core/format/evidence'
import type { VerifyReport } from '../../../../../core/verify/report'
import { EVIDENCE_PATHS } from '../../../lib/evidence-paths'
import { CoverageMap } from './CoverageMap'
import { MissingDoc } from './MissingDoc'

const RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const
const CLASS = { low: 'neutral', medium: 'warn', high: 'bad', critical: 'bad' } as const

/** The coverage map (which signal watches which risk), then the risk register, most severe first. */
export function RisksSection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const doc = props.report.evidence.risks
  if (doc === undefined) return <MissingDoc what="The risk register" path={EVIDENCE_PATHS.risks} />
  const risks: readonly Risk[] = [...doc.risks].sort((a, b) => RANK[a.severity] - RANK[b.severity])
  return (
    <div className="section-body">
      <CoverageMap report={props.report} />
      <h2 className="visually-hidden">Risk register</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Risks table">
<table className="data" data-testid="risks-table">
        <caption className="visually-hidden">Risks</caption>
        <thead>
          <tr>
            <th scope="col">Hazard</th>
            <th scope="col">Severity</th>
            <th scope="col">Likelihood</th>
            <th scope="col">Mitigation</th>
            <th scope="col">Owner</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {risks.map((r) => (
            <tr key={r.id}>
              <th scope="row">
                {r.hazard}
                <div className="muted mono small">{r.id}</div>
              </th>
              <td>
                <span className={`pill ${CLASS[r.severity]}`}>{r.severity}</span>
              </td>
              <td>{r.likelihood}</td>
              <td>{r.mitigation}</td>
              <td>{r.owner}</td>
              <td>{r.status ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
</div>
    </div>
  )
}
