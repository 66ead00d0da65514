import { statusInfo } from '../../../../core/assess/status'
import type { Assessment, SignoffEntry } from '../../lib/api'
import { Digest } from '../../components/Digest'
import { StatusBadge } from '../../components/StatusBadge'

const RESULT: Record<SignoffEntry['result'], { readonly label: string; readonly cls: string }> = {
  valid: { label: 'Valid, trusted, counts', cls: 'ok' },
  superseded: { label: 'Superseded', cls: 'neutral' },
  'not-counted': { label: 'Valid, does not count', cls: 'warn' },
  untrusted: { label: 'Valid, not trusted', cls: 'warn' },
  invalid: { label: 'Invalid', cls: 'bad' },
  'other-pack': { label: 'For another pack', cls: 'bad' }
}

/** The approval in the status table's words (it is a status of its own when approval is assessed). */
export function ApprovalBadge(props: { readonly assessment: Assessment }): React.JSX.Element {
  const a = props.assessment.approval
  if (!a.assessed)
    return (
      <span className="status status-neutral" data-testid="approval" data-approval="not-assessed">
        Not assessed: no trust file
      </span>
    )
  const info = statusInfo(a.status)
  return (
    <span className={`status status-${info.tone}`} data-testid="approval" data-approval={a.status}>
      <span aria-hidden="true">{info.symbol}</span> {info.app}
    </span>
  )
}

function HistoryRow(props: { readonly e: SignoffEntry; readonly trustAssessed: boolean }): React.JSX.Element {
  const { e } = props
  const r = e.result === 'untrusted' && !props.trustAssessed ? { label: 'Not checked (no trust file)', cls: 'neutral' } : RESULT[e.result]
  const st = e.statement
  return (
    <tr data-testid="signoff-row" data-result={e.result} className={e.result === 'superseded' ? 'row-muted' : undefined}>
      <td className="mono small nowrap">{st?.signedAt ?? '—'}</td>
      <th scope="row">
        {e.trustedAs?.name ?? st?.signerName ?? '—'}
        <div className="muted small">{st !== null ? <Digest value={st.fingerprint} /> : <code className="break-path">{e.path}</code>}</div>
      </th>
      <td>{st?.role ?? '—'}</td>
      <td>
        {st !== null ? <span className={`pill ${st.decision === 'approve' ? 'ok' : 'bad'}`}>{st.decision}</span> : '—'}
        {st?.acknowledges != null && (
          <div className="small warn-text" data-testid="acknowledged">
            acknowledges {st.acknowledges.blockers.map((b) => b.code).join(', ')} against {st.acknowledges.previous.name}
          </div>
        )}
      </td>
      <td>
        <span className={`pill ${r.cls}`}>{r.label}</span>
        {e.reason !== null && (
          <div className="small">
            {e.reason.code !== 'superseded' && <code>{e.reason.code}</code>} {e.reason.message}
          </div>
        )}
      </td>
      <td className="small" title={e.path}>
        {e.sha256 !== null ? <Digest value={e.sha256} /> : '—'}
      </td>
    </tr>
  )
}

/** The verdict with its reasons, each required role, and the sign-off history in time order. */
export function ApprovalSummary(props: { readonly assessment: Assessment }): React.JSX.Element {
  const a = props.assessment
  const ap = a.approval
  return (
    <section className="card" aria-labelledby="approval-title" data-testid="approval-summary">
      <h3 id="approval-title">
        Status <StatusBadge status={a.status} testId="panel-status" />
      </h3>
      <ul>
        {a.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      <h4>
        Approval <ApprovalBadge assessment={a} />
      </h4>
      {ap.assessed && (
        <p>
          {ap.roles.map((r) => (
            <span key={r.role} className={`pill ${r.status === 'approved' ? 'ok' : r.status === 'rejected' ? 'bad' : 'neutral'} role-pill`}>
              {r.role}: {r.status}
              {r.by.length > 0 ? ` (${r.by.map((b) => `${b.name}${b.acknowledgesBlockers ? ', acknowledging the blockers' : ''}`).join('; ')})` : ''}
            </span>
          ))}
        </p>
      )}
      <h4>Sign-off history</h4>
      {a.signoffs.length === 0 ? (
        <p className="muted">This pack carries no sign-off yet.</p>
      ) : (
        <>
          <p className="muted small">
            In time order; a later decision by the same signer and role supersedes an earlier one. The pack alone cannot show
            that a sign-off was removed: keep the envelope SHA-256s (they are printed in the PDF attestation) and compare.
          </p>
          <div className="table-scroll" tabIndex={0} role="region" aria-label="Sign-off history">
            <table className="data" data-testid="signoff-list">
              <caption className="visually-hidden">Sign-offs in this pack, in time order</caption>
              <thead>
                <tr>
                  <th scope="col">Signed at</th>
                  <th scope="col">Signer</th>
                  <th scope="col">Role</th>
                  <th scope="col">Decision</th>
                  <th scope="col">Result</th>
                  <th scope="col">Envelope SHA-256</th>
                </tr>
              </thead>
              <tbody>
                {a.signoffs.map((e) => (
                  <HistoryRow key={e.path} e={e} trustAssessed={ap.assessed} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}
