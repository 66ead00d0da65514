import { StatusBadge } from '../../components/StatusBadge'
import { baseName } from '../../lib/format'
import { formatWhen } from '../../lib/when'
import { useAppStore } from '../../store'

/** Recently assessed packs (persisted by the host in its profile folder), each with its last verdict and when. */
export function RecentList(): React.JSX.Element {
  const recents = useAppStore((s) => s.recents)
  const openPack = useAppStore((s) => s.openPack)
  const remove = useAppStore((s) => s.removeRecent)
  const clear = useAppStore((s) => s.clearRecents)
  return (
    <section className="card" aria-labelledby="recent-title">
      <div className="row card-head">
        <h2 id="recent-title">Recent packs</h2>
        {recents.length > 0 && (
          <button type="button" className="link" onClick={() => void clear()} data-testid="recent-clear">
            Clear all
          </button>
        )}
      </div>
      {recents.length === 0 ? (
        <p className="muted">Packs you open appear here, with their last verdict.</p>
      ) : (
        <ul className="pack-list" data-testid="recent-list">
          {recents.map((r) => {
            const title = r.name ?? baseName(r.path)
            return (
              <li key={r.path} className="recent-item">
                <button type="button" className="pack-link" onClick={() => void openPack(r.path)} title={r.path}>
                  <span className="pack-link-name">{title}</span> {r.version !== undefined && <span className="muted">{r.version}</span>}
                  {r.verdict !== undefined && (
                    <span className="recent-verdict" data-testid="recent-verdict">
                      <StatusBadge status={r.verdict.status} testId="recent-status" />
                      <span className="muted small nowrap">{formatWhen(r.verdict.at)}</span>
                    </span>
                  )}
                  <span className="pack-link-path mono">{r.path}</span>
                </button>
                <button type="button" className="recent-remove" onClick={() => void remove(r.path)} aria-label={`Remove ${title} ${r.version ?? ''} from recent packs`.replace(/\s+/g, ' ').trim()}>
                  Remove
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}
