import { useAppStore } from '../../store'

/** The embedded sample packs, one click away. */
export function SampleList(): React.JSX.Element {
  const samples = useAppStore((s) => s.samples)
  const loaded = useAppStore((s) => s.homeLoaded)
  const openPack = useAppStore((s) => s.openPack)
  return (
    <section className="card" aria-labelledby="samples-title">
      <h2 id="samples-title">Sample packs</h2>
      {samples.length === 0 ? (
        <p className="muted">{loaded ? 'No sample packs are embedded in this build.' : 'Loading…'}</p>
      ) : (
        <ul className="pack-list">
          {samples.map((s) => (
            <li key={s.path}>
              <button type="button" className="pack-link" onClick={() => void openPack(s.path)} data-testid="sample">
                <span className="pack-link-name">{s.fileName}</span> <span className="muted">{s.container}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
