import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { approvalRefusal } from '../../../../core/assess/approval-rule'
import type { GateSection } from '../../../../shared/domain'
import { useAppStore } from '../../store'

/** The release gate is Blocked: the blocking reasons, and the signer's explicit acknowledgement. */
function BlockersAcknowledgement(props: { readonly gate: GateSection }): React.JSX.Element {
  const ack = useAppStore((s) => s.signoffForm.acknowledgeBlockers)
  const setForm = useAppStore((s) => s.setSignoffForm)
  const prev = [props.gate.previous.name, props.gate.previous.version].filter((x) => x !== null).join(' ')
  return (
    <div className="missing-doc" data-testid="gate-blockers">
      <p>
        <strong>The diff against {prev || 'the previous release'} is Blocked.</strong> An approval must acknowledge these blocking
        reasons; they are signed into your statement and every view then reads &ldquo;Approved with acknowledged blockers&rdquo;.
      </p>
      <ul>
        {props.gate.blockers.map((b) => (
          <li key={b.code}>
            <code>{b.code}</code> {b.message}
          </li>
        ))}
      </ul>
      <label className="check">
        <input type="checkbox" checked={ack} onChange={(e) => setForm({ acknowledgeBlockers: e.target.checked })} data-testid="acknowledge-blockers" /> I have
        reviewed these blocking reasons and approve regardless
      </label>
    </div>
  )
}

/** Key, role, decision, comment and passphrase. The passphrase lives only in this form until submit. */
export function SignForm(): React.JSX.Element {
  const keys = useAppStore(useShallow((s) => s.keys.filter((k) => k.canSign)))
  const form = useAppStore((s) => s.signoffForm)
  const setForm = useAppStore((s) => s.setSignoffForm)
  const sign = useAppStore((s) => s.sign)
  const signing = useAppStore((s) => s.signing)
  const unanswered = useAppStore((s) => (s.checklist ?? []).filter((i) => s.answers[i.id]?.answer == null).length)
  const showKeys = useAppStore((s) => s.showScreen)
  const gate = useAppStore((s) => s.assessment?.gate ?? null)
  // The host applies the same rule (core's) and refuses before writing; this only says so in advance.
  const refusal = useAppStore((s) => {
    const checklist = (s.checklist ?? []).flatMap((i) => {
      const answer = s.answers[i.id]?.answer
      return answer == null ? [] : [{ id: i.id, answer }]
    })
    return approvalRefusal({ decision: s.signoffForm.decision, checklist, acknowledgeBlockers: s.signoffForm.acknowledgeBlockers }, s.assessment?.gate ?? null)?.message ?? null
  })
  const [passphrase, setPassphrase] = useState('')
  const blocker = signing
    ? 'Signing…'
    : form.keyId === ''
      ? 'Choose a key first.'
      : unanswered > 0
        ? `Answer every checklist item first (${unanswered} left).`
        : passphrase === ''
          ? "Type the key's passphrase first."
          : null
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
      {form.decision === 'approve' && gate !== null && gate.verdict === 'blocked' && <BlockersAcknowledgement gate={gate} />}
      {unanswered > 0 && <p className="muted">{unanswered === 1 ? 'One checklist item is' : `${unanswered} checklist items are`} unanswered: answer each before signing.</p>}
      {refusal !== null && (
        <p className="bad-text" data-testid="approval-refusal">
          This approval will not be signed: {refusal}.
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={blocker !== null} aria-describedby="sign-why" data-testid="sign-submit">
          {signing ? 'Signing…' : 'Sign this pack'}
        </button>
        <span className="muted small" id="sign-why" data-testid="sign-why">
          {blocker ?? ''}
        </span>
      </div>
    </form>
  )
}
