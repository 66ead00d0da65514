import type { VerifyReport } from '../../../../core/verify/report'
import { formatCount } from '../../lib/format'
import { useAppStore } from '../../store'
import type { SectionId } from '../../store/ui-slice'

const SECTIONS: readonly { readonly id: SectionId; readonly label: string }[] = [
  { id: 'overview', label: 'Overview' },
  { id: 'evaluation', label: 'Evaluation' },
  { id: 'risks', label: 'Risks' },
  { id: 'monitoring', label: 'Monitoring plan' },
  { id: 'policy', label: 'Policy and guardrails' },
  { id: 'traceability', label: 'Traceability' },
  { id: 'files', label: 'Files' },
  { id: 'findings', label: 'Findings' },
  { id: 'signoff', label: 'Sign-off' }
]

function countFor(id: SectionId, report: VerifyReport, signoffs: number | null): string | null {
  switch (id) {
    case 'findings':
      return formatCount(report.findings.length)
    case 'files':
      return formatCount(report.files.length)
    case 'signoff':
      // The assessment is refreshed after each signing; the report is from the last verification.
      return String(signoffs ?? report.signoffs.length)
    default:
      return null
  }
}

/** Side navigation between the pack's sections; plain buttons, so Tab reaches each. */
export function SectionNav(props: { readonly report: VerifyReport }): React.JSX.Element {
  const section = useAppStore((s) => s.section)
  const show = useAppStore((s) => s.showSection)
  const signoffs = useAppStore((s) => (s.assessment === null ? null : s.assessment.signoffs.length))
  return (
    <nav className="section-nav" aria-label="Pack sections">
      <ul>
        {SECTIONS.map((s) => {
          const n = countFor(s.id, props.report, signoffs)
          return (
            <li key={s.id}>
              <button
                type="button"
                aria-current={section === s.id ? 'page' : undefined}
                onClick={() => show(s.id)}
                data-testid={`section-${s.id}`}
              >
                <span>{s.label}</span>
                {n !== null && <span className="nav-count">{n}</span>}
              </button>
            </li>
          )
        })}
      </ul>
    </nav>
  )
}
