import { ProgressBar } from '../../components/ProgressBar'
import { baseName, formatBytes, formatCount } from '../../lib/format'
import type { Progress } from '../../store/verify-slice'

/** Shown while hashing: files and bytes done, and a way out. */
export function VerifyProgressPanel(props: {
  readonly path: string
  /** Name and version when the host could read them before hashing. */
  readonly title?: string
  /** Hashing the pack, or checking its sign-offs and the previous release beside it. */
  readonly phase?: 'verify' | 'assess'
  readonly progress: Progress | null
  readonly cancelling: boolean
  readonly onCancel: (() => void) | null
}): React.JSX.Element {
  const p = props.progress
  const fraction = p === null || p.bytesTotal === 0 ? null : p.bytesDone / p.bytesTotal
  const assessing = props.phase === 'assess'
  const files = p === null ? '' : `${formatCount(p.filesDone)} of ${formatCount(p.filesTotal)} files · ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`
  const detail = assessing
    ? `Checking the sign-offs and the previous release beside this pack…${files ? ` ${files}` : ''}`
    : p === null
      ? 'Reading the pack…'
      : files
  return (
    <section className="card verifying" aria-labelledby="verifying-title" data-testid="verifying">
      <h1 id="verifying-title">Verifying {props.title ?? baseName(props.path)}</h1>
      <p className="mono muted">{props.path}</p>
      <ProgressBar fraction={fraction} label="Verification progress" detail={detail} />
      <button type="button" onClick={props.onCancel ?? undefined} disabled={props.cancelling || props.onCancel === null} data-testid="cancel-verify">
        {props.cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
    </section>
  )
}
