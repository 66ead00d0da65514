import type { VerifyReport } from '../../../../../core/verify/report'
import { anchorId } from '../../../lib/cross-links'
import { EVIDENCE_PATHS } from '../../../lib/evidence-paths'
import { MissingDoc } from './MissingDoc'

/** Guardrails and policy settings as shipped in the pack. */
export function PolicySection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const doc = props.report.evidence.guardrails
  if (doc === undefined) return <MissingDoc what="The guardrails" path={EVIDENCE_PATHS.guardrails} />
  return (
    <div className="section-body">
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Guardrails table">
<table className="data" data-testid="guardrails-table">
        <caption className="visually-hidden">Policy and guardrails</caption>
        <thead>
          <tr>
            <th scope="col">Guardrail</th>
            <th scope="col">Kind</th>
            <th scope="col">Setting</th>
            <th scope="col">Value</th>
            <th scope="col">Description</th>
          </tr>
        </thead>
        <tbody>
          {doc.guardrails.map((g) => (
            <tr key={g.id} id={anchorId.guardrail(g.id)} data-testid={`guardrail-${g.id}`}>
              <th scope="row" className="mono">
                {g.id}
              </th>
              <td>{g.kind}</td>
              <td className="mono">{g.setting}</td>
              <td className="mono">{String(g.value)}</td>
              <td>{g.description ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
</div>
    </div>
  )
}
