import { KeepIds } from '../../components/KeepIds'
import type { Verdict } from '../../../../core/diff/types'

const LEVEL = {
  acceptable: { cls: 'status-ok', label: 'Acceptable', mark: '✓' },
  review: { cls: 'status-warn', label: 'Needs review', mark: '!' },
  blocked: { cls: 'status-bad', label: 'Blocked', mark: '✕' }
} as const

/** The verdict on top: level in words, the one-line summary, then every reason. */
export function VerdictBanner(props: { readonly verdict: Verdict }): React.JSX.Element {
  const v = props.verdict
  const l = LEVEL[v.level]
  const shown = v.reasons.filter((r) => r.level !== 'info')
  const info = v.reasons.filter((r) => r.level === 'info')
  return (
    <section className={`verdict verdict-${v.level}`} aria-labelledby="verdict-title" data-testid="verdict" data-level={v.level}>
      <h2 id="verdict-title">
        <span className={`status large ${l.cls}`}>
          <span aria-hidden="true">{l.mark}</span> {l.label}
        </span>{' '}
        <span className="verdict-summary">{v.summary === '' ? 'No change needs attention.' : <KeepIds text={v.summary} />}</span>
      </h2>
      {shown.length > 0 && (
        <ul className="verdict-reasons">
          {shown.map((r) => (
            <li key={r.code}>
              <span className={`pill ${r.level === 'blocked' ? 'bad' : 'warn'}`}>{r.level === 'blocked' ? 'blocks' : 'review'}</span> <KeepIds text={r.message} />
            </li>
          ))}
        </ul>
      )}
      {info.length > 0 && (
        <p className="muted small">
          Also: <KeepIds text={info.map((r) => r.message).join('; ')} />.
        </p>
      )}
    </section>
  )
}
