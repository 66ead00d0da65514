import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore } from '../../store'

/** Key, role, decision, comment and passphrase. The passphrase lives only in this form until submit. */
export function SignForm(): React.JSX.Element {
  const keys = useAppStore(useShallow((s) => s.keys.filter((k) => k.canSign)))
  const form = useAppStore((s) => s.signoffForm)
  const setForm = useAppStore((s) => s.setSignoffForm)
  const sign = useAppStore((s) => s.sign)
  const signing = useAppStore((s) => s.signing)
  const unanswered = useAppStore((s) => (s.checklist ?? []).filter((i) => s.answers[i.id]?.answer == null).length)
  const showKeys = useAppStore((s) => s.showScreen)
  const [passphrase, setPassphrase] = useState('')
  if (keys.length === 0) {
    return (
      <p className="missing-doc">
        No signing key yet.{' '}
        <button type="button" className="link" onClick={() => showKeys('keys')}>
          Create or import one in Keys and trust
        </button>
      </p>
    )
  }
  return (
    <form
      className="sign-form"
      onSubmit={(e) => {
        e.preventDefault()
        const p = passphrase
        setPassphrase('')
        void sign(p)
      }}
    >
      <div className="form-grid">
        <label htmlFor="sign-key">Key</label>
        <select
          id="sign-key"
          value={form.keyId}
          onChange={(e) => {
            const k = keys.find((x) => x.keyId === e.target.value)
            setForm({ keyId: e.target.value, ...(k !== undefined ? { role: k.role } : {}) })
          }}
        >
          {keys.map((k) => (
            <option key={k.keyId} value={k.keyId}>
              {k.name} ({k.role}) {k.keyId.slice(0, 20)}…
            </option>
          ))}
        </select>
        <label htmlFor="sign-role">Role</label>
        <input id="sign-role" type="text" value={form.role} onChange={(e) => setForm({ role: e.target.value })} />
        <span id="decision-label">Decision</span>
        <div role="radiogroup" aria-labelledby="decision-label" className="row">
          <label className="check">
            <input type="radio" name="decision" checked={form.decision === 'approve'} onChange={() => setForm({ decision: 'approve' })} /> Approve
          </label>
          <label className="check">
            <input type="radio" name="decision" checked={form.decision === 'reject'} onChange={() => setForm({ decision: 'reject' })} /> Reject
          </label>
        </div>
        <label htmlFor="sign-comment">Comment</label>
        <textarea id="sign-comment" rows={2} value={form.comment} onChange={(e) => setForm({ comment: e.target.value })} />
        <label htmlFor="sign-passphrase">Key passphrase</label>
        <input id="sign-passphrase" type="password" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
      </div>
      {unanswered > 0 && <p className="muted">{unanswered} checklist item(s) unanswered: answer each before signing.</p>}
      <button type="submit" className="primary" disabled={signing || passphrase === '' || unanswered > 0 || form.keyId === ''} data-testid="sign-submit">
        {signing ? 'Signing…' : 'Sign this pack'}
      </button>
    </form>
  )
}
