import { statusInfo, type OverallStatus } from '../../../core/assess/status'

const TONE_CLASS = { ok: 'status-ok', warn: 'status-warn', bad: 'status-bad' } as const

/**
 * The one unmistakable status: the words, symbol and tone of the core's status table (never colour
 * alone). It renders a status the host's assessment gave; it never works one out.
 */
export function StatusBadge(props: { readonly status: OverallStatus; readonly large?: boolean; readonly testId?: string }): React.JSX.Element {
  const info = statusInfo(props.status)
  return (
    <span className={`status ${TONE_CLASS[info.tone]}${props.large === true ? ' large' : ''}`} data-testid={props.testId ?? 'pack-status'} data-status={info.status}>
      <span aria-hidden="true">{info.symbol}</span> {info.app}
    </span>
  )
}

/** While the host is still assessing (or could not): no status is claimed. */
export function PendingBadge(props: { readonly why: 'assessing' | 'unassessed'; readonly large?: boolean }): React.JSX.Element {
  return (
    <span className={`status status-neutral${props.large === true ? ' large' : ''}`} data-testid="pack-status" data-status={props.why}>
      {props.why === 'assessing' ? 'Assessing…' : 'Not assessed'}
    </span>
  )
}
