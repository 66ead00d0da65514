import { useMemo } from 'react'
import type { Risk } from '../../../../../core/format/evidence'
import type { VerifyReport } from '../../../../../core/verify/report'
import { anchorId, mentionedIds } from '../../../lib/cross-links'
import { EVIDENCE_PATHS } from '../../../lib/evidence-paths'
import { SEVERITY_PILL, SEVERITY_RANK } from '../../../lib/severity'
import { CoverageMap } from './CoverageMap'
import { MissingDoc } from './MissingDoc'
import { XLink } from './XLink'

/** The monitoring signals and guardrails a risk's text names by id: the controls behind its mitigation. */
function Controls(props: { readonly risk: Risk; readonly signals: readonly string[]; readonly guardrails: readonly string[] }): React.JSX.Element | null {
  const text = `${props.risk.hazard} ${props.risk.mitigation}`
  // The signals it names in monitoredBy (the coverage map's links), then any its text mentions.
  const signals = [...new Set([...(props.risk.monitoredBy ?? []).filter((id) => props.signals.includes(id)), ...mentionedIds(text, props.signals)])]
  const guardrails = mentionedIds(text, props.guardrails)
  if (signals.length === 0 && guardrails.length === 0) return <span className="muted">—</span>
  return (
    <div className="slice-links">
      {signals.map((id) => (
        <XLink key={id} section="monitoring" anchor={anchorId.signal(id)} label={`Monitoring signal ${id}`}>
          {id}
        </XLink>
      ))}
      {guardrails.map((id) => (
        <XLink key={id} section="policy" anchor={anchorId.guardrail(id)} label={`Guardrail ${id}`}>
          {id}
        </XLink>
      ))}
    </div>
  )
}

/** The coverage map (which signal watches which risk), then the risk register, most severe first; each risk links to the monitoring signals and guardrails it names. */
export function RisksSection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const { risks: doc, monitoring, guardrails } = props.report.evidence
  const signalIds = useMemo(() => (monitoring?.signals ?? []).map((s) => s.id), [monitoring])
  const guardrailIds = useMemo(() => (guardrails?.guardrails ?? []).map((g) => g.id), [guardrails])
  if (doc === undefined) return <MissingDoc what="The risk register" path={EVIDENCE_PATHS.risks} />
  const risks: readonly Risk[] = [...doc.risks].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
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
              <th scope="col">Controls</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {risks.map((r) => (
              <tr key={r.id} id={anchorId.risk(r.id)} data-testid={`risk-${r.id}`}>
                <th scope="row">
                  {r.hazard}
                  <div className="muted mono small">{r.id}</div>
                </th>
                <td>
                  <span className={`pill ${SEVERITY_PILL[r.severity]}`}>{r.severity}</span>
                </td>
                <td className="nowrap">{r.likelihood}</td>
                <td>{r.mitigation}</td>
                <td>
                  <Controls risk={r} signals={signalIds} guardrails={guardrailIds} />
                </td>
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
