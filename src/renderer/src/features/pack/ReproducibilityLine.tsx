import type { VerifyReport } from '../../../../core/verify/report'
import { reproducibilityOf } from '../../lib/reproducibility-view'
import { useAppStore } from '../../store'
import './sections/recomputed.css'

const MARKS = { reproduced: '✓', 'not-reproduced': '✗', 'not-recomputable': '–', 'no-predictions': '–' } as const
const WORDS = { reproduced: 'Reproduced', 'not-reproduced': 'Not reproduced', 'not-recomputable': 'Not recomputable', 'no-predictions': 'Not re-checkable' } as const

/**
 * One line: how many claimed numbers the shipped predictions reproduce (the core's summary, printed
 * as is). Once the assessment is in, the glance card above says it in its Reproducibility line, so
 * this line shows only until then (never the same sentence twice on one screen).
 */
export function ReproducibilityLine(props: { readonly report: VerifyReport }): React.JSX.Element | null {
  const assessment = useAppStore((s) => s.assessment)
  if (assessment !== null) return null
  const rep = reproducibilityOf(props.report, assessment)
  if (rep === undefined) return null
  return (
    <p className={`repro-line status-${rep.status}`} data-testid="reproducibility-line" data-status={rep.status}>
      <span className="mark" aria-hidden="true">
        {MARKS[rep.status]}
      </span>
      <span>
        <strong>{WORDS[rep.status]}.</strong> {rep.summary.text}.
      </span>
    </p>
  )
}
