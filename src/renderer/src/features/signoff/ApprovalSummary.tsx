import type { SignoffAssessment, SignoffResult } from '../../../../core/signoff/assess'

const SIGNOFF_STATUS: Record<SignoffResult['status'], { readonly label: string; readonly cls: string }> = {
  'valid-trusted': { label: 'Valid, trusted', cls: 'ok' },
  'valid-untrusted': { label: 'Valid, not trusted', cls: 'warn' },
  invalid: { label: 'Invalid', cls: 'bad' },
  'other-pack': { label: 'For another pack', cls: 'bad' }
}

/** The approval badge shown in the pack header and at the top of the panel. */
export function ApprovalBadge(props: { readonly assessment: SignoffAssessment }): React.JSX.Element {
  const a = props.assessment
  if (a.status === 'approved')
    return (
      <span className="status status-ok" data-testid="approval" data-approval="approved">
        ✓ Approved
      </span>
    )
  if (a.status === 'rejected')
    return (
      <span className="status status-bad" data-testid="approval" data-approval="rejected">
        ✕ Rejected
      </span>
    )
  return (
    <span className="status status-neutral" data-testid="approval" data-approval="not-approved">
      Not yet approved
    </span>
  )
}

function SignoffRow(props: { readonly r: SignoffResult }): React.JSX.Element {
  const { r } = props
  const s = SIGNOFF_STATUS[r.status]
  const so = r.signoff
  return (
    <tr>
      <th scope="row">
        {so?.signerName ?? '—'}
        <div className="muted mono small break">{so?.fingerprint ?? r.path}</div>
      </th>
      <td>{so?.role ?? '—'}</td>
      <td>{so !== undefined ? <span className={`pill ${so.decision === 'approve' ? 'ok' : 'bad'}`}>{so.decision}</span> : '—'}</td>
      <td className="mono small">{so?.signedAt ?? '—'}</td>
      <td>
        <span className={`pill ${s.cls}`}>{s.label}</span>
        {r.problem !== undefined && (
          <div className="small">
            <code>{r.problem.code}</code> {r.problem.message}
          </div>
        )}
      </td>
    </tr>
  )
}

/** Approval verdict with its reasons, each required role, and every sign-off with its status. */
export function ApprovalSummary(props: { readonly assessment: SignoffAssessment }): React.JSX.Element {
  const a = props.assessment
  return (
    <section className="card" aria-labelledby="approval-title" data-testid="approval-summary">
      <h3 id="approval-title">
        Approval <ApprovalBadge assessment={a} />
      </h3>
      <ul>
        {a.reasons.map((r, i) => (
          <li key={i}>{r}</li>
        ))}
      </ul>
      <p>
        {a.roles.map((r) => (
          <span key={r.role} className={`pill ${r.status === 'approved' ? 'ok' : r.status === 'rejected' ? 'bad' : 'neutral'} role-pill`}>
            {r.role}: {r.status}
            {r.by.length > 0 ? ` (${r.by.map((b) => b.name).join(', ')})` : ''}
          </span>
        ))}
      </p>
      {a.signoffs.length === 0 ? (
        <p className="muted">This pack carries no sign-off yet.</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="Sign-offs table">
<table className="data" data-testid="signoff-list">
          <caption className="visually-hidden">Sign-offs in this pack</caption>
          <thead>
            <tr>
              <th scope="col">Signer</th>
              <th scope="col">Role</th>
              <th scope="col">Decision</th>
              <th scope="col">Signed at</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {a.signoffs.map((r) => (
              <SignoffRow key={r.path} r={r} />
            ))}
          </tbody>
        </table>
</div>
      )}
    </section>
  )
}
