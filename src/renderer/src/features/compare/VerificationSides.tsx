import type { PackDiff, PackIdentity, VerificationSide } from '../../../../core/diff/types'
import { Digest } from '../../components/Digest'
import { plural } from '../../lib/format'

function Side(props: { readonly title: string; readonly id: PackIdentity; readonly side: VerificationSide }): React.JSX.Element {
  const { side, id } = props
  const status =
    side.status === 'verified' ? (
      <span className="status status-ok">✓ Verified</span>
    ) : side.status === 'failed' ? (
      <span className="status status-bad">✕ Failed: {plural(side.errors.length, 'error')}</span>
    ) : (
      <span className="status status-warn">! Incomplete</span>
    )
  return (
    <div className="card side" data-testid={`side-${props.title.toLowerCase()}`} data-status={side.status}>
      <h3>
        {props.title}: {id.name ?? '?'} <span className="muted">{id.version ?? ''}</span>
      </h3>
      <p>{status}</p>
      <p className="mono small muted break-path">{side.location}</p>
      {id.digest !== undefined && (
        <p className="small">
          sha256 <Digest value={id.digest} />
        </p>
      )}
      {side.errors.length > 0 && (
        <ul className="side-errors">
          {side.errors.map((f, i) => (
            <li key={i}>
              <code>{f.code}</code> {f.path !== undefined && <code>{f.path}</code>} {f.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

/** Both packs' verification, side by side; a failure is shown, never hidden. */
export function VerificationSides(props: { readonly diff: PackDiff }): React.JSX.Element {
  const d = props.diff
  return (
    <div className="sides">
      <Side title="Old" id={d.old} side={d.verification.old} />
      <Side title="New" id={d.new} side={d.verification.new} />
      {d.consecutive === 'no' && (
        <p className="missing-doc sides-note">
          The new pack names {d.new.previousVersion ?? 'another release'} as its previous version, not {d.old.version ?? 'this one'}.
        </p>
      )}
    </div>
  )
}
