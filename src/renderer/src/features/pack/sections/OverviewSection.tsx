import type { VerifyReport } from '../../../../../core/verify/report'
import { Digest } from '../../../components/Digest'
import { EVIDENCE_PATHS } from '../../../lib/evidence-paths'
import { formatBytes } from '../../../lib/format'
import { ReproducibilityLine } from '../ReproducibilityLine'
import { MissingDoc } from './MissingDoc'

/** Intended use, out of scope, owners and the model reference. */
export function OverviewSection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const doc = props.report.evidence.pack
  if (doc === undefined) return <MissingDoc what="The pack description" path={EVIDENCE_PATHS.pack} />
  const m = doc.model
  return (
    <div className="section-body">
      <ReproducibilityLine report={props.report} />
      <p className="lead">{doc.description}</p>
      <div className="two-col">
        <section aria-labelledby="intended-title">
          <h2 id="intended-title">Intended use</h2>
          <ul>
            {doc.intendedUse.map((u, i) => (
              <li key={i}>{u}</li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="oos-title">
          <h2 id="oos-title">Out of scope</h2>
          <ul>
            {doc.outOfScope.map((u, i) => (
              <li key={i}>{u}</li>
            ))}
          </ul>
        </section>
      </div>
      <section aria-labelledby="owners-title">
        <h2 id="owners-title">Owners</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Owners table">
<table className="data">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">Email</th>
            </tr>
          </thead>
          <tbody>
            {doc.owners.map((o, i) => (
              <tr key={i}>
                <td>{o.name}</td>
                <td>{o.role}</td>
                <td className="nowrap">{o.email ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
</div>
      </section>
      <section aria-labelledby="model-title">
        <h2 id="model-title">Model</h2>
        <dl className="kv">
          <dt>Name</dt>
          <dd>{m.name}</dd>
          {m.framework !== undefined && (
            <>
              <dt>Framework</dt>
              <dd>{m.framework}</dd>
            </>
          )}
          {m.format !== undefined && (
            <>
              <dt>Format</dt>
              <dd>{m.format}</dd>
            </>
          )}
          {m.files !== undefined && m.files.length > 0 && (
            <>
              <dt>Shipped weights</dt>
              <dd>
                {m.files.map((f) => (
                  <code key={f} className="block">
                    {f}
                  </code>
                ))}
              </dd>
            </>
          )}
          {m.external !== undefined && (
            <>
              <dt>External weights</dt>
              <dd>
                <code className="block">{m.external.uri}</code>
                <span className="muted">
                  {formatBytes(m.external.sizeBytes)} · sha256 <Digest value={m.external.sha256} />
                </span>
              </dd>
            </>
          )}
        </dl>
      </section>
    </div>
  )
}
