import { useMemo } from 'react'
import { ErrorText } from '../../components/ErrorText'
import { ProgressBar } from '../../components/ProgressBar'
import { metricRows, orderAndFilter, regressionOrder, regressionRows, sliceRows } from '../../lib/diff-view'
import { baseName, formatBytes, formatCount, plural } from '../../lib/format'
import { useAppStore } from '../../store'
import type { CompareResult } from '../../store/diff-slice'
import { ChangeSections } from './ChangeSections'
import { CompareCurves } from './CompareCurves'
import { ComparePicker } from './ComparePicker'
import { CompareTable } from './CompareTable'
import { SliceDeltaChart } from './SliceDeltaChart'
import { VerdictBanner } from './VerdictBanner'
import { VerificationSides } from './VerificationSides'

function Filters(): React.JSX.Element {
  const f = useAppStore((s) => s.diffFilters)
  const set = useAppStore((s) => s.setDiffFilters)
  return (
    <fieldset className="filters toolbar">
      <legend className="visually-hidden">Filters</legend>
      <label className="check">
        <input type="checkbox" checked={f.onlyChanges} onChange={(e) => set({ onlyChanges: e.target.checked })} data-testid="filter-changes" /> Only changes
      </label>
      <label className="check">
        <input type="checkbox" checked={f.onlyRegressions} onChange={(e) => set({ onlyRegressions: e.target.checked })} data-testid="filter-regressions" /> Only
        regressions <span className="muted small">(tables, chart and change cards)</span>
      </label>
    </fieldset>
  )
}

function DiffResult(props: { readonly result: CompareResult }): React.JSX.Element {
  const { diff, chosenBaseline } = props.result
  const filters = useAppStore((s) => s.diffFilters)
  const order = useMemo(() => regressionOrder(diff.regressions), [diff])
  const regressions = useMemo(() => regressionRows(diff), [diff])
  const metrics = useMemo(() => orderAndFilter(metricRows(diff.metrics), filters, order), [diff, filters, order])
  const slices = useMemo(() => orderAndFilter(sliceRows(diff.slices), filters, order), [diff, filters, order])
  const c = diff.counts
  return (
    <div className="diff-result">
      <VerdictBanner verdict={diff.verdict} />
      {chosenBaseline !== undefined && (
        <p className="small" data-testid="chosen-baseline">
          The older release is {chosenBaseline.why}, found at <code className="break-path">{props.result.oldPack.location}</code>. Change it in the form above.
        </p>
      )}
      <VerificationSides diff={diff} />
      <p className="muted">
        {plural(c.regressions, 'regression')} ({formatCount(c.criticalRegressions)} critical) · {plural(c.improvements, 'improvement')} · {plural(c.metricsCompared, 'metric')} and{' '}
        {plural(c.slicesCompared, 'slice')} compared · tolerance ±{diff.options.tolerance.absolute} absolute and ±{diff.options.tolerance.relative * 100}% relative
      </p>
      <Filters />
      <section aria-labelledby="cmp-regressions">
        <h2 id="cmp-regressions">Regressions ({formatCount(regressions.length)})</h2>
        <p className="muted small">Most severe first; within a level, threshold crossings first, then the largest move: the order of vouch diff&apos;s Markdown.</p>
        <CompareTable rows={regressions} label="Regressions" first="Metric · where" empty="No regression." testId="regressions-table" />
      </section>
      <section aria-labelledby="cmp-metrics">
        <h2 id="cmp-metrics">Headline metrics</h2>
        <CompareTable rows={metrics} label="Metrics" first="Metric" empty="No metric matches the filters." />
      </section>
      <SliceDeltaChart diff={diff} onlyRegressions={filters.onlyRegressions} />
      <CompareCurves diff={diff} oldPack={props.result.oldPack} newPack={props.result.newPack} />
      <section aria-labelledby="cmp-slices">
        <h2 id="cmp-slices">Slices</h2>
        <CompareTable rows={slices} label="Slices" first="Metric · slice" empty="No slice matches the filters." />
      </section>
      <ChangeSections diff={diff} onlyRegressions={filters.onlyRegressions} />
    </div>
  )
}

/** Compare two releases: verdict on top, both verifications, aligned rows, chart, every diff section. */
export function CompareView(): React.JSX.Element {
  const diff = useAppStore((s) => s.diff)
  const cancel = useAppStore((s) => s.cancelCompare)
  return (
    <div className="compare">
      <h1>Compare releases</h1>
      <ComparePicker />
      {diff.kind === 'running' && (
        <section className="card verifying" aria-label="Comparing" data-testid="comparing">
          <p>
            Verifying and comparing <code>{baseName(diff.oldPath)}</code> and <code>{baseName(diff.newPath)}</code>…
          </p>
          <ProgressBar
            fraction={diff.progress === null || diff.progress.bytesTotal === 0 ? null : diff.progress.bytesDone / diff.progress.bytesTotal}
            label="Comparison progress"
            detail={diff.progress === null ? 'Opening both packs…' : `${formatCount(diff.progress.filesDone)} of ${formatCount(diff.progress.filesTotal)} files · ${formatBytes(diff.progress.bytesDone)}`}
          />
          <button type="button" onClick={() => void cancel()} disabled={diff.jobId === null}>
            Cancel
          </button>
        </section>
      )}
      {diff.kind === 'error' && (
        <section className="card" role="alert">
          <p>
            <strong>The comparison could not be made.</strong> <ErrorText error={diff.error} />
          </p>
        </section>
      )}
      {diff.kind === 'done' && <DiffResult result={diff.result} />}
    </div>
  )
}
