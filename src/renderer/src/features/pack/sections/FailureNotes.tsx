import { useMemo } from 'react'
import type { Failure, Slice } from '../../../../../core/format/evidence'
import { sliceLabel } from '../../../../../core/format/slice-label'
import { anchorId, citedFile } from '../../../lib/cross-links'
import { SEVERITY_PILL } from '../../../lib/severity'
import { FileLink, XLink } from './XLink'

const ORDER = { open: 0, accepted: 1, mitigated: 2, resolved: 3 } as const

/** Known failure modes, open ones first; each links to the slice it names and the file it cites. */
export function FailureNotes(props: { readonly failures: readonly Failure[]; readonly slices?: readonly Slice[]; readonly files: ReadonlySet<string> }): React.JSX.Element {
  const sorted = [...props.failures].sort((a, b) => ORDER[a.status] - ORDER[b.status])
  const slices = useMemo(() => new Map((props.slices ?? []).map((s) => [s.id, s])), [props.slices])
  if (sorted.length === 0) return <p className="muted">No failure modes are recorded.</p>
  return (
    <ul className="failure-list">
      {sorted.map((f) => {
        const slice = f.slice === undefined ? undefined : slices.get(f.slice)
        const file = citedFile(f.evidence, props.files)
        return (
          <li key={f.id} className="card" id={anchorId.failure(f.id)} data-testid={`failure-${f.id}`}>
            <div className="failure-head">
              <span className={`pill ${SEVERITY_PILL[f.severity]}`}>{f.severity}</span>
              <strong>{f.title}</strong>
              <span className="pill neutral">{f.status}</span>
              <span className="muted mono small">{f.id}</span>
            </div>
            {f.description !== undefined && <p>{f.description}</p>}
            <p className="muted small">
              {f.slice !== undefined && (
                <>
                  Slice{' '}
                  {slice !== undefined ? (
                    <XLink section="evaluation" anchor={anchorId.slice(slice.id)}>
                      {sliceLabel(slice)}
                    </XLink>
                  ) : (
                    <code>{f.slice}</code>
                  )}{' '}
                  ·{' '}
                </>
              )}
              Evidence: {file !== undefined ? <FileLink path={file} /> : <code>{f.evidence}</code>}
              {file !== undefined && f.evidence !== file && <span className="mono"> {f.evidence.slice(file.length)}</span>}
            </p>
          </li>
        )
      })}
    </ul>
  )
}
