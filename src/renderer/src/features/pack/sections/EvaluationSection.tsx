import { useMemo } from 'react'
import type { VerifyReport } from '../../../../../core/verify/report'
import { EVIDENCE_PATHS } from '../../../lib/evidence-paths'
import { reproducibilityOf } from '../../../lib/reproducibility-view'
import { useAppStore } from '../../../store'
import { EvaluationCurves } from './EvaluationCurves'
import { FailureNotes } from './FailureNotes'
import { MetricsTable } from './MetricsTable'
import { MissingDoc } from './MissingDoc'
import { SlicesTable } from './SlicesTable'

/** Metrics against thresholds (and whether the shipped predictions reproduce them), curves, slices, and failure notes. */
export function EvaluationSection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const { metrics, slices, failures } = props.report.evidence
  const assessment = useAppStore((s) => s.assessment)
  const reproducibility = reproducibilityOf(props.report, assessment)
  const files = useMemo(() => new Set(props.report.files.map((f) => f.path)), [props.report.files])
  return (
    <div className="section-body">
      <section aria-labelledby="metrics-title">
        <h2 id="metrics-title">Metrics</h2>
        <p className="muted small">
          Recomputed: ✓ when the predictions the pack ships give the claimed value (and sample size and interval); in red, what they give instead; n/a, why it
          cannot be checked.
        </p>
        {metrics === undefined ? <MissingDoc what="The metrics" path={EVIDENCE_PATHS.metrics} /> : <MetricsTable metrics={metrics.metrics} reproducibility={reproducibility} />}
      </section>
      <section aria-labelledby="curves-title">
        <h2 id="curves-title">Curves</h2>
        <EvaluationCurves />
      </section>
      <section aria-labelledby="slices-title">
        <h2 id="slices-title">Slices</h2>
        <p className="muted small">Critical slices are listed first. ✗ marks a value that would fail the metric&apos;s overall threshold.</p>
        {slices === undefined ? <MissingDoc what="The slices" path={EVIDENCE_PATHS.slices} /> : <SlicesTable slices={slices.slices} metrics={metrics?.metrics} evidence={props.report.evidence} reproducibility={reproducibility} />}
      </section>
      <section aria-labelledby="failures-title">
        <h2 id="failures-title">Failure notes</h2>
        {failures === undefined ? (
          <MissingDoc what="The failure notes" path={EVIDENCE_PATHS.failures} />
        ) : (
          <FailureNotes failures={failures.failures} slices={slices?.slices} files={files} />
        )}
      </section>
    </div>
  )
}
