import { useState } from 'react'
import { useAppStore } from '../../store'

/** Import an encrypted private key file or a .pub file by its path. */
export function ImportKeyForm(): React.JSX.Element {
  const importKey = useAppStore((s) => s.importKey)
  const [path, setPath] = useState('')
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
      <div className="row">
        <input id="import-path" type="text" value={path} onChange={(e) => setPath(e.target.value)} spellCheck={false} />
        <button type="submit" disabled={path.trim() === ''}>
          Import
        </button>
      </div>
    </form>
  )
}
