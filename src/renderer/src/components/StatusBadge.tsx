import type { VerifyReport } from '../../../core/verify/report'
import { plural } from '../lib/format'

/** The one unmistakable status: word, symbol and colour together (never colour alone). */
export function StatusBadge(props: { readonly report: VerifyReport; readonly large?: boolean }): React.JSX.Element {
  const errors = props.report.findings.filter((f) => f.severity === 'error').length
  const size = props.large === true ? ' large' : ''
  switch (props.report.status) {
    case 'verified':
      return (
        <span className={`status status-ok${size}`} data-testid="pack-status" data-status="verified">
          <span aria-hidden="true">✓</span> Verified
        </span>
      )
    case 'failed':
      return (
        <span className={`status status-bad${size}`} data-testid="pack-status" data-status="failed">
          <span aria-hidden="true">✕</span> Failed · {plural(errors, 'finding')}
        </span>
      )
    case 'incomplete':
      return (
        <span className={`status status-warn${size}`} data-testid="pack-status" data-status="incomplete">
          <span aria-hidden="true">!</span> Incomplete
        </span>
      )
  }
}
