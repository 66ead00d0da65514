import { useEffect } from 'react'
import type { VerifyReport } from '../../../../core/verify/report'
import { useAppStore } from '../../store'
import { ApprovalSummary } from './ApprovalSummary'
import { ChecklistForm } from './ChecklistForm'
import { SignForm } from './SignForm'

/** The pack's verdict and sign-off history, and signing with a local key. */
export function SignoffPanel(props: { readonly report: VerifyReport }): React.JSX.Element {
  const checklist = useAppStore((s) => s.checklist)
  const assessment = useAppStore((s) => s.assessment)
  const readOnly = useAppStore((s) => s.verify.kind === 'done' && s.verify.opened.readOnly)
  const load = useAppStore((s) => s.loadSignoff)
  const location = props.report.location
  useEffect(() => {
    void load()
  }, [load, location])
  return (
    <div className="section-body" data-testid="signoff-panel">
      {assessment !== null ? <ApprovalSummary assessment={assessment} /> : <p className="muted">Not assessed (see the message).</p>}
      {assessment !== null && assessment.integrity.status !== 'verified' && (
        <p className="missing-doc">This pack did not verify. A sign-off would vouch for bytes that do not match their manifest.</p>
      )}
      <section className="card" aria-labelledby="new-signoff-title">
        <h2 id="new-signoff-title">Add your sign-off</h2>
        {readOnly && (
          <p className="missing-doc" data-testid="sample-note">
            This is an embedded sample: it is never changed. Signing it signs a copy in your workspace (in the app&apos;s data
            folder), and the app then shows that copy and says where it is.
          </p>
        )}
        {checklist === null ? <p className="muted">Preparing the checklist…</p> : <ChecklistForm items={checklist} />}
        <SignForm />
      </section>
    </div>
  )
}
