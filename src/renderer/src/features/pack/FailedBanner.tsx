import type { Assessment } from '../../lib/api'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'

/** How many failing files the landing view names before "and N more". */
const SHOWN = 5

/**
 * On every evidence view of a pack that failed verification: its content must not be relied on.
 * The landing view (Overview) also names the failing files, each with its finding in plain words.
 */
export function FailedBanner(props: { readonly assessment: Assessment; readonly detailed: boolean }): React.JSX.Element {
  const show = useAppStore((s) => s.showSection)
  const { integrity } = props.assessment
  const files = integrity.failing.files.slice(0, SHOWN)
  const more = integrity.failing.total - files.length
  return (
    <div className="failed-banner" role="alert" data-testid="failed-banner">
      <p>
        <strong>This pack failed verification.</strong> What this view shows comes from files that do not match their manifest or
        are otherwise broken: do not rely on it.
      </p>
      {props.detailed && (
        <ul className="failing-files" data-testid="failing-files">
          {files.map((f) => (
            <li key={f.path || f.code}>
              <code className="break">{f.path || 'the pack'}</code>: {f.plain}
              {f.errors > 1 && <span className="muted"> ({formatCount(f.errors)} problems)</span>}
            </li>
          ))}
          {more > 0 && <li data-testid="failing-more">and {formatCount(more)} more</li>}
        </ul>
      )}
      <button type="button" className="link" onClick={() => show('findings')}>
        See every finding
      </button>
    </div>
  )
}
