import { baseName } from '../../lib/format'
import { useAppStore } from '../../store'

/** Recently opened packs (persisted by the host in its user-data folder). */
export function RecentList(): React.JSX.Element {
  const recents = useAppStore((s) => s.recents)
  const openPack = useAppStore((s) => s.openPack)
  return (
    <section className="card" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent packs</h2>
      {recents.length === 0 ? (
        <p className="muted">Packs you open appear here.</p>
      ) : (
        <ul className="pack-list" data-testid="recent-list">
          {recents.map((r) => (
            <li key={r.path}>
              <button type="button" className="pack-link" onClick={() => void openPack(r.path)} title={r.path}>
                <span className="pack-link-name">{r.name ?? baseName(r.path)}</span>{' '}
                {r.version !== undefined && <span className="muted">{r.version}</span>}
                <span className="pack-link-path mono">{r.path}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
