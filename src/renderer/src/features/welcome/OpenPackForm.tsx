import { useState } from 'react'
import { useAppStore } from '../../store'

/** Open by typed path (both hosts) or by the native dialog (Electron only). */
export function OpenPackForm(): React.JSX.Element {
  const [path, setPath] = useState('')
  const openPack = useAppStore((s) => s.openPack)
  const choosePack = useAppStore((s) => s.choosePack)
  const busy = useAppStore((s) => s.verify.kind === 'running' || s.verify.kind === 'opening')
  const dialogs = useAppStore((s) => s.host?.dialogs === true)
  const failed = useAppStore((s) => (s.verify.kind === 'error' ? s.verify : null))
  const browse = async (kind: 'file' | 'folder'): Promise<void> => {
    const p = await choosePack(kind)
    if (p !== null) await openPack(p)
  }
  return (
    <section className="card open-form" aria-labelledby="open-title">
      <h2 id="open-title">Open a pack</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          void openPack(path)
        }}
      >
        <label htmlFor="pack-path">Folder or archive path (.zip, .tar, .tar.gz)</label>
        <div className="row">
          <input
            id="pack-path"
            type="text"
            value={path}
            onChange={(e) => setPath(e.target.value)}
            placeholder="/path/to/credit-default-1.1.0.zip"
            spellCheck={false}
            autoComplete="off"
            data-testid="path-input"
            aria-describedby={failed !== null && failed.path === path.trim() ? 'open-error' : undefined}
          />
          <button type="submit" className="primary" disabled={busy || path.trim() === ''}>
            Open
          </button>
        </div>
        {failed !== null && failed.path === path.trim() && (
          <p className="bad-text small" id="open-error">
            Could not open this path: <code>{failed.error.code}</code> {failed.error.message}
          </p>
        )}
      </form>
      {dialogs && (
        <p className="row">
          <button type="button" onClick={() => void browse('file')}>
            Choose an archive…
          </button>
          <button type="button" onClick={() => void browse('folder')}>
            Choose a folder…
          </button>
          <span className="muted">
            or press <kbd>Ctrl</kbd>+<kbd>O</kbd>
          </span>
        </p>
      )}
    </section>
  )
}
