import { useEffect } from 'react'
import { statusInfo } from '../../../../core/assess/status'
import type { VerifyReport } from '../../../../core/verify/report'
import type { Assessment, OpenedPack } from '../../lib/api'
import { assertNever } from '../../lib/assert'
import { ErrorText } from '../../components/ErrorText'
import { baseName } from '../../lib/format'
import { useAppStore } from '../../store'
import type { SectionId } from '../../store/ui-slice'
import { SignoffPanel } from '../signoff/SignoffPanel'
import { PackHeader } from './PackHeader'
import { EvidenceTrustContext } from './evidence-trust'
import { FailedBanner } from './FailedBanner'
import { GlanceCard } from './glance/GlanceCard'
import { SectionNav } from './SectionNav'
import { EvaluationSection } from './sections/EvaluationSection'
import { FilesSection } from './sections/FilesSection'
import { FindingsSection } from './sections/FindingsSection'
import { MonitoringSection } from './sections/MonitoringSection'
import { OverviewSection } from './sections/OverviewSection'
import { PolicySection } from './sections/PolicySection'
import { RisksSection } from './sections/RisksSection'
import { TraceabilitySection } from './sections/TraceabilitySection'
import { VerifyProgressPanel } from './VerifyProgressPanel'

/** Views of the pack's evidence: they carry the failed-verification banner and lose their green badges when it failed. */
const EVIDENCE_VIEWS: ReadonlySet<SectionId> = new Set(['overview', 'evaluation', 'risks', 'monitoring', 'policy', 'traceability'])

const TITLES: Record<SectionId, string> = {
  overview: 'Overview',
  evaluation: 'Evaluation',
  risks: 'Risks',
  monitoring: 'Monitoring plan',
  policy: 'Policy and guardrails',
  traceability: 'Traceability',
  files: 'Files',
  findings: 'Findings',
  signoff: 'Sign-off'
}

function SectionContent(props: { readonly id: SectionId; readonly report: VerifyReport }): React.JSX.Element {
  const { id, report } = props
  switch (id) {
    case 'overview':
      return <OverviewSection report={report} />
    case 'evaluation':
      return <EvaluationSection report={report} />
    case 'risks':
      return <RisksSection report={report} />
    case 'monitoring':
      return <MonitoringSection report={report} />
    case 'policy':
      return <PolicySection report={report} />
    case 'traceability':
      return <TraceabilitySection report={report} />
    case 'files':
      return <FilesSection report={report} />
    case 'findings':
      return <FindingsSection report={report} />
    case 'signoff':
      return <SignoffPanel report={report} />
    default:
      return assertNever(id, 'section')
  }
}

function CancelledNotice(props: { readonly path: string }): React.JSX.Element {
  const openPack = useAppStore((s) => s.openPack)
  // The host said "cancelled" and gave no report: the status table's own words for that.
  const info = statusInfo('incomplete')
  return (
    <section className="card" data-testid="cancelled">
      <h1>
        <span className="status status-warn large" data-testid="pack-status" data-status={info.status}>
          <span aria-hidden="true">{info.symbol}</span> {info.app}
        </span>
      </h1>
      <p>
        Verification of <code>{baseName(props.path)}</code> was cancelled before every file was checked. Nothing about this pack
        is established.
      </p>
      <button type="button" onClick={() => void openPack(props.path)}>
        Verify again
      </button>
    </section>
  )
}

function titleOf(o: OpenedPack): string | undefined {
  return o.name === undefined ? undefined : `${o.name}${o.version !== undefined ? ` ${o.version}` : ''}`
}

/** An incomplete report (cancelled or cut short): its contents are partial and prove nothing. */
function IncompleteBanner(props: { readonly path: string }): React.JSX.Element {
  const openPack = useAppStore((s) => s.openPack)
  return (
    <div className="missing-doc incomplete-banner" role="status" data-testid="incomplete-banner">
      <p>
        <strong>Verification did not finish</strong> (it was cancelled or stopped early). What is shown below is partial; nothing
        about this pack is established until every file has been checked.
      </p>
      <button type="button" onClick={() => void openPack(props.path)}>
        Verify again
      </button>
    </div>
  )
}

/** A failed pack says so on every evidence view; without an assessment nothing is vouched for either. */
function EvidenceWarning(props: { readonly assessment: Assessment | null; readonly detailed: boolean }): React.JSX.Element | null {
  const a = props.assessment
  if (a === null)
    return (
      <p className="missing-doc" data-testid="unassessed-banner">
        This pack could not be assessed (see the message): nothing shown here is vouched for.
      </p>
    )
  return a.integrity.status === 'failed' ? <FailedBanner assessment={a} detailed={props.detailed} /> : null
}

/**
 * A cross-link's target: once its section is shown, bring the element into view and give it focus
 * (so the keyboard continues from there), then forget it.
 */
function useAnchor(section: SectionId): void {
  const anchor = useAppStore((s) => s.anchor)
  const clearAnchor = useAppStore((s) => s.clearAnchor)
  useEffect(() => {
    if (anchor === null) return
    const el = document.getElementById(anchor)
    if (el !== null) {
      el.scrollIntoView({ block: 'start' })
      if (el.tabIndex < 0 && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1')
      el.focus({ preventScroll: true })
      el.classList.add('flash')
      window.setTimeout(() => el.classList.remove('flash'), 1600)
    }
    clearAnchor()
  }, [anchor, section, clearAnchor])
}

/** One pack: header and status, then its sections. */
export function PackView(): React.JSX.Element {
  const verify = useAppStore((s) => s.verify)
  const section = useAppStore((s) => s.section)
  useAnchor(section)
  const assessment = useAppStore((s) => s.assessment)
  const cancelVerify = useAppStore((s) => s.cancelVerify)
  switch (verify.kind) {
    case 'idle':
      return <p className="muted">No pack is open.</p>
    case 'opening':
      return <VerifyProgressPanel path={verify.path} progress={null} cancelling={false} onCancel={null} />
    case 'running':
      return (
        <VerifyProgressPanel
          path={verify.path}
          title={titleOf(verify.opened)}
          phase={verify.phase}
          progress={verify.progress}
          cancelling={verify.cancelling}
          onCancel={() => void cancelVerify()}
        />
      )
    case 'cancelled':
      return <CancelledNotice path={verify.path} />
    case 'error':
      return (
        <section className="card" role="alert">
          <h1>Could not open this pack</h1>
          <p>
            <ErrorText error={verify.error} />
          </p>
        </section>
      )
    case 'done': {
      const trusted = assessment?.integrity.status === 'verified'
      return (
        <div className="pack-view">
          <PackHeader report={verify.report} />
          {assessment?.integrity.status === 'incomplete' && <IncompleteBanner path={verify.path} />}
          <div className="pack-body">
            <SectionNav report={verify.report} />
            <section className="section" aria-labelledby="section-title" data-testid={`section-body-${section}`}>
              <h2 id="section-title" className="section-title">
                {TITLES[section]}
              </h2>
              {section === 'overview' && assessment !== null && <GlanceCard assessment={assessment} />}
              {EVIDENCE_VIEWS.has(section) && <EvidenceWarning assessment={assessment} detailed={section === 'overview'} />}
              <EvidenceTrustContext.Provider value={trusted}>
                <SectionContent id={section} report={verify.report} />
              </EvidenceTrustContext.Provider>
            </section>
          </div>
        </div>
      )
    }
    default:
      return assertNever(verify, 'verify state')
  }
}
