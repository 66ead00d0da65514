import type { ApiError } from '../../lib/api'
import { baseName } from '../../lib/format'

/**
 * "This is not an Assurance Pack": the answer for an empty folder, a zip of other files, a file
 * that is no archive. Said in core's words (the reason, and which packs a folder holds), with
 * nothing else on offer: no sign-off, no PDF, and it is not added to Recent packs.
 */
export function NotAPackMessage(props: { readonly path: string; readonly error: ApiError }): React.JSX.Element {
  const { error } = props
  const where = error.path ?? props.path
  const reason = error.reason ?? error.message
  return (
    <div className="not-a-pack" role="alert" data-testid="not-a-pack" data-code={error.code}>
      <p className="not-a-pack-title">
        <span aria-hidden="true">✕ </span>This is not an Assurance Pack ({reason})
      </p>
      <p className="mono small break-path">{where}</p>
      {error.hint !== undefined && <p data-testid="not-a-pack-hint">{error.hint}</p>}
      <p className="small">
        An Assurance Pack is a folder, or a .zip, .tar or .tar.gz archive, with <code>bagit.txt</code>, <code>bag-info.txt</code> and its
        manifests at the top. Nothing about <code>{baseName(where)}</code> was verified or remembered.
      </p>
      <small className="error-code">
        code <code>{error.code}</code>
      </small>
    </div>
  )
}
