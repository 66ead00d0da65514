import { useMemo, useState } from 'react'
import type { Evidence, Metric, Slice } from '../../../../../core/format/evidence'
import { valueMeetsThreshold } from '../../../../../core/format/decimal'
import { Num } from '../../../components/Num'
import { SliceName } from '../../../components/SliceName'
import { anchorId, failuresBySlice, signalsBySlice } from '../../../lib/cross-links'
import { fracWidth } from '../../../lib/decimal-align'
import { sliceMetricIds, sortSlices, type SliceSort, type SliceSortKey } from '../../../lib/evidence-view'
import { formatCount, formatNumber } from '../../../lib/format'
import { sliceClaims, type Reproducibility } from '../../../lib/reproducibility-view'
import { RecomputedCell } from './RecomputedCell'
import { XLink } from './XLink'

function sameKey(a: SliceSortKey, b: SliceSortKey): boolean {
  return a.kind === b.kind && (a.kind !== 'metric' || (b.kind === 'metric' && a.id === b.id))
}

function SortHeader(props: {
  readonly label: string
  readonly k: SliceSortKey
  readonly sort: SliceSort | null
  readonly onSort: (k: SliceSortKey) => void
  readonly numeric?: boolean
}): React.JSX.Element {
  const active = props.sort !== null && sameKey(props.sort.key, props.k)
  const dir = active ? (props.sort?.descending === true ? 'descending' : 'ascending') : 'none'
  return (
    <th scope="col" aria-sort={dir} className={props.numeric === true ? 'num' : undefined}>
      <button type="button" className="sort" onClick={() => props.onSort(props.k)}>
        {props.label}
        <span aria-hidden="true" className="sort-mark">
          {dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ' ↕'}
        </span>
      </button>
    </th>
  )
}

/** A slice value that would fail the headline metric's threshold is marked (in words too). */
function SliceValue(props: { readonly value: number | undefined; readonly metric: Metric | undefined; readonly frac: number }): React.JSX.Element {
  const { value, metric } = props
  const below = value !== undefined && metric !== undefined && valueMeetsThreshold(value, metric) === false
  return (
    <td className={`num mono${below ? ' bad-text' : ''}`} title={below ? `fails ${metric?.comparator ?? ''} ${metric?.thresholdLiteral ?? ''}` : undefined}>
      {below && (
        <>
          <span aria-hidden="true">✗ </span>
          <span className="visually-hidden">below threshold: </span>
        </>
      )}
      <Num text={formatNumber(value)} frac={props.frac} />
    </td>
  )
}

/** The failure modes that name this slice and the monitoring signals that watch it. */
function SliceLinks(props: { readonly id: string; readonly byFailure: ReturnType<typeof failuresBySlice>; readonly bySignal: ReturnType<typeof signalsBySlice> }): React.JSX.Element | null {
  const failures = props.byFailure.get(props.id) ?? []
  const signals = props.bySignal.get(props.id) ?? []
  if (failures.length === 0 && signals.length === 0) return null
  return (
    <div className="small slice-links">
      {failures.map((f) => (
        <XLink key={f.id} section="evaluation" anchor={anchorId.failure(f.id)} label={`Failure mode ${f.id}: ${f.title}`}>
          {f.id}
        </XLink>
      ))}
      {signals.map((s) => (
        <XLink key={s.id} section="monitoring" anchor={anchorId.signal(s.id)} label={`Monitoring signal ${s.id}: ${s.signal}`}>
          {s.id}
        </XLink>
      ))}
    </div>
  )
}

/** Per-slice metrics; critical slices marked and listed first until the user sorts; each slice links to its failure modes and signals; whether the predictions reproduce its values. */
export function SlicesTable(props: { readonly slices: readonly Slice[]; readonly metrics?: readonly Metric[] | undefined; readonly evidence: Evidence; readonly reproducibility?: Reproducibility }): React.JSX.Element {
  const [sort, setSort] = useState<SliceSort | null>(null)
  const metricIds = useMemo(() => sliceMetricIds(props.slices), [props.slices])
  const rows = useMemo(() => sortSlices(props.slices, sort), [props.slices, sort])
  const byId = useMemo(() => new Map((props.metrics ?? []).map((m) => [m.id, m])), [props.metrics])
  const fracs = useMemo(() => new Map(metricIds.map((id) => [id, fracWidth(props.slices.map((s) => formatNumber(s.metrics[id])))])), [metricIds, props.slices])
  const byFailure = useMemo(() => failuresBySlice(props.evidence), [props.evidence])
  const bySignal = useMemo(() => signalsBySlice(props.evidence), [props.evidence])
  const onSort = (k: SliceSortKey): void => setSort((s) => (s !== null && sameKey(s.key, k) ? { key: k, descending: !s.descending } : { key: k, descending: false }))
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label="Slices table">
      <table className="data" data-testid="slices-table">
        <caption className="visually-hidden">Slices, sortable by column; ✗ marks a value that fails the metric&apos;s overall threshold</caption>
        <thead>
          <tr>
            <SortHeader label="Slice" k={{ kind: 'name' }} sort={sort} onSort={onSort} />
            <th scope="col">Definition</th>
            <SortHeader label="Samples" k={{ kind: 'size' }} sort={sort} onSort={onSort} numeric />
            {metricIds.map((id) => (
              <SortHeader key={id} label={id} k={{ kind: 'metric', id }} sort={sort} onSort={onSort} numeric />
            ))}
            <th scope="col">Recomputed</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((s) => (
            <tr key={s.id} className={s.critical ? 'critical' : undefined} id={anchorId.slice(s.id)}>
              <th scope="row">
                <SliceName id={s.id} name={s.name} /> {s.critical && <span className="pill warn">Critical</span>}
                <SliceLinks id={s.id} byFailure={byFailure} bySignal={bySignal} />
              </th>
              <td className="mono small">{s.definition}</td>
              <td className="num">{formatCount(s.sampleSize)}</td>
              {metricIds.map((id) => (
                <SliceValue key={id} value={s.metrics[id]} metric={byId.get(id)} frac={fracs.get(id) ?? 0} />
              ))}
              <RecomputedCell claims={sliceClaims(props.reproducibility, s.id)} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
