import { useState } from 'react'
import { useAppStore } from '../../store'

/** Import an encrypted private key file or a .pub file by its path. */
export function ImportKeyForm(): React.JSX.Element {
  const importKey = useAppStore((s) => s.importKey)
  const [path, setPath] = useState('')
  const cwd = useAppStore((s) => s.host?.cwd ?? null)
  return (
    <form
      className="card"
      aria-labelledby="import-key-title"
      onSubmit={(e) => {
        e.preventDefault()
        void importKey(path).then((ok) => ok && setPath(''))
      }}
    >
      <h2 id="import-key-title">Import a key</h2>
      <label htmlFor="import-path">Path of a key file or a .pub file</label>
      <p className="muted small" id="import-hint">
        {cwd === null ? 'Type its full path to import it.' : <>Type its path to import it; a relative path starts from <code className="break-path">{cwd}</code>.</>}
      </p>
      <div className="row">
        <input id="import-path" type="text" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} aria-describedby="import-hint" />
        <button type="submit" disabled={path.trim() === ''} aria-describedby="import-hint">
          Import
        </button>
      </div>
    </form>
  )
}
