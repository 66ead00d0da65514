import { useState } from 'react'
import { useAppStore } from '../../store'

/** New ed25519 key, encrypted under a passphrase in the host; the passphrase is never kept. */
export function CreateKeyForm(): React.JSX.Element {
  const createKey = useAppStore((s) => s.createKey)
  const [name, setName] = useState('')
  const [role, setRole] = useState('engineer')
  const [pass, setPass] = useState('')
  const [again, setAgain] = useState('')
  const [busy, setBusy] = useState(false)
  const mismatch = again !== '' && pass !== again
  return (
    <form
      className="card"
      aria-labelledby="create-key-title"
      onSubmit={(e) => {
        e.preventDefault()
        setBusy(true)
        void createKey(name.trim(), role.trim(), pass).then((ok) => {
          setBusy(false)
          setPass('')
          setAgain('')
          if (ok) setName('')
        })
      }}
    >
      <h2 id="create-key-title">Create a key</h2>
      <div className="form-grid">
        <label htmlFor="key-name">Your name (letters, digits, . _ @ + -; no spaces)</label>
        <input id="key-name" type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" />
        <label htmlFor="key-role">Role</label>
        <input id="key-role" type="text" list="role-list" value={role} onChange={(e) => setRole(e.target.value)} />
        <datalist id="role-list">
          <option value="engineer" />
          <option value="owner" />
        </datalist>
        <label htmlFor="key-pass">Passphrase</label>
        <input id="key-pass" type="password" autoComplete="new-password" value={pass} onChange={(e) => setPass(e.target.value)} />
        <label htmlFor="key-pass2">Passphrase again</label>
        <input id="key-pass2" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={mismatch} />
      </div>
      {mismatch && <p className="bad-text">The two passphrases differ.</p>}
      <button type="submit" className="primary" disabled={busy || name.trim() === '' || role.trim() === '' || pass === '' || pass !== again} data-testid="create-key">
        {busy ? 'Creating (deriving the key takes a moment)…' : 'Create key'}
      </button>
    </form>
  )
}
