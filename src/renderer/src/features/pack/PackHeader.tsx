import type { VerifyReport } from '../../../../core/verify/report'
import { CopyButton } from '../../components/CopyButton'
import { StatusBadge } from '../../components/StatusBadge'
import { baseName } from '../../lib/format'
import { useAppStore } from '../../store'
import { ApprovalBadge } from '../signoff/ApprovalSummary'
import { ExportPdfButton } from './ExportPdfButton'

/** Who the pack is, which exact bytes (digest), and whether it verified. */
export function PackHeader(props: { readonly report: VerifyReport }): React.JSX.Element {
  const { report } = props
  const assessment = useAppStore((s) => s.assessment)
  const name = report.pack.name ?? report.evidence.pack?.name ?? baseName(report.location)
  const version = report.pack.version ?? report.evidence.pack?.version
  const domain = report.evidence.pack?.domain
  return (
    <header className="pack-header">
      <div className="pack-title">
        <h1 data-testid="pack-name">
          {name} {version !== undefined && <span className="pack-version">{version}</span>}
        </h1>
        <dl className="pack-meta">
          {domain !== undefined && (
            <div>
              <dt>Domain</dt>
              <dd>{domain}</dd>
            </div>
          )}
          <div>
            <dt>Container</dt>
            <dd>{report.container}</dd>
          </div>
          <div className="pack-location">
            <dt>Location</dt>
            <dd className="mono" title={report.location}>
              {report.location}
            </dd>
          </div>
        </dl>
        <div className="digest">
          <span className="digest-label">Pack digest (SHA-256)</span>
          {report.pack.digest !== undefined ? (
            <>
              <code className="digest-value" data-testid="pack-digest">
                {report.pack.digest}
              </code>
              <CopyButton text={report.pack.digest} label="Copy pack digest" />
            </>
          ) : (
            <span className="muted">not available (tag manifest missing or unreadable)</span>
          )}
        </div>
      </div>
      <div className="pack-actions">
        <StatusBadge report={report} large />
        {assessment !== null && <ApprovalBadge assessment={assessment} />}
        <ExportPdfButton hasPrevious={report.pack.previousVersion !== undefined} />
      </div>
    </header>
  )
}
