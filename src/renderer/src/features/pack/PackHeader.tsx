import type { VerifyReport } from '../../../../core/verify/report'
import { CopyButton } from '../../components/CopyButton'
import { Digest } from '../../components/Digest'
import { PendingBadge, StatusBadge } from '../../components/StatusBadge'
import { baseName } from '../../lib/format'
import { useAppStore } from '../../store'
import { ExportPdfButton } from './ExportPdfButton'
import { VerdictFacets } from './VerdictFacets'

/** Who the pack is, which exact bytes (digest), and its one overall status (the host's assessment). */
export function PackHeader(props: { readonly report: VerifyReport }): React.JSX.Element {
  const { report } = props
  const assessment = useAppStore((s) => s.assessment)
  const readOnly = useAppStore((s) => s.verify.kind === 'done' && s.verify.opened.readOnly)
  const temporary = useAppStore((s) => s.verify.kind === 'done' && s.verify.opened.temporary === true)
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
            <dd className="mono break-path" title={report.location}>
              {report.location}
              {readOnly && <span className="pill neutral read-only" data-testid="read-only">embedded sample, read-only</span>}
              {temporary && (
                <span className="pill warn read-only" data-testid="temporary" title="vouch serve received a copy of the archive; it is removed when vouch serve stops, and signing changes this copy only">
                  temporary copy
                </span>
              )}
            </dd>
          </div>
        </dl>
        <div className="digest">
          <span className="digest-label">Pack digest (SHA-256)</span>
          {report.pack.digest !== undefined ? (
            <>
              <Digest value={report.pack.digest} className="digest-value" testId="pack-digest" />
              <CopyButton text={report.pack.digest} label="Copy pack digest" />
            </>
          ) : (
            <span className="muted">not available (tag manifest missing or unreadable)</span>
          )}
        </div>
      </div>
      <div className="pack-actions">
        {assessment !== null ? <StatusBadge status={assessment.status} large /> : <PendingBadge why="unassessed" large />}
        {assessment !== null && <VerdictFacets assessment={assessment} />}
        <ExportPdfButton />
      </div>
    </header>
  )
}
