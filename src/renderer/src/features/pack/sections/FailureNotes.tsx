import type { Failure } from '../../../../../core/format/evidence'

const SEVERITY_CLASS = { low: 'neutral', medium: 'warn', high: 'bad', critical: 'bad' } as const

/** Known failure modes, open ones first. */
export function FailureNotes(props: { readonly failures: readonly Failure[] }): React.JSX.Element {
  const order = { open: 0, accepted: 1, mitigated: 2, resolved: 3 } as const
  const sorted = [...props.failures].sort((a, b) => order[a.status] - order[b.status])
  if (sorted.length === 0) return <p className="muted">No failure modes are recorded.</p>
  return (
    <ul className="failure-list">
      {sorted.map((f) => (
        <li key={f.id} className="card">
          <div className="failure-head">
            <span className={`pill ${SEVERITY_CLASS[f.severity]}`}>{f.severity}</span>
            <strong>{f.title}</strong>
            <span className="pill neutral">{f.status}</span>
            <span className="muted mono small">{f.id}</span>
          </div>
          {f.description !== undefined && <p>{f.description}</p>}
          <p className="muted small">
            {f.slice !== undefined && (
              <>
                Slice <code>{f.slice}</code> ·{' '}
              </>
            )}
            Evidence: <code>{f.evidence}</code>
          </p>
        </li>
      ))}
    </ul>
  )
}
