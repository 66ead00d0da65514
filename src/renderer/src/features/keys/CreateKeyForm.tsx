import { useState } from 'react'
import { MIN_PASSPHRASE, nameProblem, NAME_RULE, passphraseProblem, roleProblem, ROLE_RULE } from '../../../../core/signoff/key-rules'
import { useAppStore } from '../../store'

/** "a name cannot …" -> "A name cannot ….": core's rule words as a sentence. */
function sentence(s: string): string {
  const t = `${s.charAt(0).toUpperCase()}${s.slice(1)}`
  return t.endsWith('.') ? t : `${t}.`
}

/**
 * New ed25519 key, encrypted under a passphrase in the host; the passphrase is never kept. The
 * rules (core's) are shown before anyone types, and the button says why it cannot be pressed yet.
 */
export function CreateKeyForm(): React.JSX.Element {
  const createKey = useAppStore((s) => s.createKey)
  const [name, setName] = useState('')
  const [role, setRole] = useState('engineer')
  const [pass, setPass] = useState('')
  const [again, setAgain] = useState('')
  const [busy, setBusy] = useState(false)
  const nameWhy = name === '' ? undefined : nameProblem(name)
  const roleWhy = roleProblem(role.trim())
  const passWhy = pass === '' ? undefined : passphraseProblem(pass)
  const mismatch = again !== '' && pass !== again
  const blocker = busy
    ? 'Deriving the key takes a moment.'
    : (nameProblem(name) ?? roleWhy ?? passphraseProblem(pass) ?? (again === '' ? 'type the passphrase again' : mismatch ? 'the two passphrases differ' : undefined))
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
        <label htmlFor="key-name">Your name</label>
        <div>
          <input id="key-name" type="text" value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" aria-describedby="key-name-rule" aria-invalid={nameWhy !== undefined} />
          <p className={`small ${nameWhy !== undefined ? 'bad-text' : 'muted'}`} id="key-name-rule">
            {nameWhy !== undefined ? sentence(nameWhy) : `Used in trust files and sign-offs: ${NAME_RULE}.`}
          </p>
        </div>
        <label htmlFor="key-role">Role</label>
        <div>
          <input id="key-role" type="text" list="role-list" value={role} onChange={(e) => setRole(e.target.value)} aria-describedby="key-role-rule" aria-invalid={role !== '' && roleWhy !== undefined} />
          <datalist id="role-list">
            <option value="engineer" />
            <option value="owner" />
          </datalist>
          <p className={`small ${role !== '' && roleWhy !== undefined ? 'bad-text' : 'muted'}`} id="key-role-rule">
            {role !== '' && roleWhy !== undefined ? sentence(roleWhy) : `${ROLE_RULE.charAt(0).toUpperCase()}${ROLE_RULE.slice(1)}.`}
          </p>
        </div>
        <label htmlFor="key-pass">Passphrase</label>
        <div>
          <input id="key-pass" type="password" autoComplete="new-password" value={pass} onChange={(e) => setPass(e.target.value)} aria-describedby="key-pass-rule" aria-invalid={passWhy !== undefined} />
          <p className={`small ${passWhy !== undefined ? 'bad-text' : 'muted'}`} id="key-pass-rule" data-testid="passphrase-rule">
            {passWhy !== undefined ? sentence(passWhy) : `At least ${MIN_PASSPHRASE} characters; it encrypts the key file and cannot be recovered.`}
          </p>
        </div>
        <label htmlFor="key-pass2">Passphrase again</label>
        <input id="key-pass2" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} aria-invalid={mismatch} />
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={blocker !== undefined} aria-describedby="create-key-why" data-testid="create-key">
          {busy ? 'Creating…' : 'Create key'}
        </button>
        <span className={`small ${blocker !== undefined && !busy ? 'muted' : ''}`} id="create-key-why" data-testid="create-key-why">
          {blocker !== undefined ? sentence(blocker) : ''}
        </span>
      </div>
    </form>
  )
}
