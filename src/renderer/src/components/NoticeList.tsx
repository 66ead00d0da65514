import { useAppStore } from '../store'

/** Errors and confirmations in words (typed code + message); each can be dismissed. */
export function NoticeList(): React.JSX.Element | null {
  const notices = useAppStore((s) => s.notices)
  const dismiss = useAppStore((s) => s.dismissNotice)
  if (notices.length === 0) return null
  return (
    <div className="notices" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`} role={n.kind === 'error' ? 'alert' : 'status'} data-testid={`notice-${n.kind}`}>
          <div className="notice-text">
            <strong>{n.kind === 'error' ? 'Error' : 'Done'}: </strong>
            <span>{n.context}</span>
            {n.code !== undefined && <code className="notice-code">{n.code}</code>}
            <div className="notice-message">{n.message}</div>
          </div>
          <button type="button" onClick={() => dismiss(n.id)} aria-label="Dismiss message">
            Dismiss
          </button>
        </div>
      ))}
    </div>
  )
}
