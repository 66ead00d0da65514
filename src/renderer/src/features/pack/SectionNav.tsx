import { useRef } from 'react'
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

const MOVES: Readonly<Record<string, (i: number, n: number) => number>> = {
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_i, n) => n - 1
}

/**
 * Side navigation between the pack's sections, one stop for Tab (roving tab index): the arrow
 * keys, Home and End move between the sections, Enter or Space opens one.
 */
export function SectionNav(props: { readonly report: VerifyReport }): React.JSX.Element {
  const section = useAppStore((s) => s.section)
  const show = useAppStore((s) => s.showSection)
  const signoffs = useAppStore((s) => (s.assessment === null ? null : s.assessment.signoffs.length))
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  const onKeyDown = (e: React.KeyboardEvent, i: number): void => {
    const move = MOVES[e.key]
    if (move === undefined) return
    e.preventDefault()
    buttons.current[move(i, SECTIONS.length)]?.focus()
  }
  return (
    <nav className="section-nav" aria-label="Pack sections">
      <ul>
        {SECTIONS.map((s, i) => {
          const n = countFor(s.id, props.report, signoffs)
          return (
            <li key={s.id}>
              <button
                ref={(el) => {
                  buttons.current[i] = el
                }}
                type="button"
                aria-current={section === s.id ? 'page' : undefined}
                tabIndex={section === s.id ? 0 : -1}
                onClick={() => show(s.id)}
                onKeyDown={(e) => onKeyDown(e, i)}
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
