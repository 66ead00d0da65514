import { useAppStore } from '../store'
import type { Notice } from '../store/ui-slice'
import { ErrorText } from './ErrorText'

const LEAD = { error: 'Error', warning: 'Note', info: 'Done' } as const

function NoticeItem(props: { readonly n: Notice }): React.JSX.Element {
  const { n } = props
  const dismiss = useAppStore((s) => s.dismissNotice)
  const hold = useAppStore((s) => s.holdNotice)
  return (
    <div
      className={`notice ${n.kind}`}
      data-testid={`notice-${n.kind}`}
      onMouseEnter={() => hold(n.id, true)}
      onMouseLeave={() => hold(n.id, false)}
      onFocus={() => hold(n.id, true)}
      onBlur={() => hold(n.id, false)}
    >
      <div className="notice-text">
        <strong>{LEAD[n.kind]}: </strong>
        <span>{n.context}</span>
        {n.count > 1 && <span className="muted"> (×{n.count})</span>}
        <div className="notice-message">{n.error !== undefined ? <ErrorText error={n.error} /> : n.message}</div>
      </div>
      <button type="button" onClick={() => dismiss(n.id)} aria-label={`Dismiss message: ${n.context}`} className="notice-dismiss">
        Dismiss
      </button>
    </div>
  )
}

/**
 * Errors, notes and confirmations, docked below the content (the page scrolls above it), so a
 * message never covers an input. Information closes by itself (not while the pointer or focus is
 * on it); errors and notes stay until dismissed. The two live regions are always in the page, so
 * screen readers announce what is added to them.
 */
export function NoticeList(): React.JSX.Element {
  const notices = useAppStore((s) => s.notices)
  const urgent = notices.filter((n) => n.kind !== 'info')
  const info = notices.filter((n) => n.kind === 'info')
  return (
    <section className={`notices${notices.length === 0 ? ' empty' : ''}`} aria-label="Messages" data-testid="notices">
      <div role="alert" aria-live="assertive" aria-atomic="false" className="notice-group">
        {urgent.map((n) => (
          <NoticeItem key={n.id} n={n} />
        ))}
      </div>
      <div role="status" aria-live="polite" aria-atomic="false" className="notice-group">
        {info.map((n) => (
          <NoticeItem key={n.id} n={n} />
        ))}
      </div>
    </section>
  )
}
