import { useMemo, useState } from 'react'
import type { Metric, Slice } from '../../../../../core/format/evidence'
import { sliceMetricIds, sortSlices, type SliceSort, type SliceSortKey } from '../../../lib/evidence-view'
import { valueMeetsThreshold } from '../../../../../core/format/decimal'
import { formatCount, formatNumber } from '../../../lib/format'
import { sliceClaims, type Reproducibility } from '../../../lib/reproducibility-view'
import { RecomputedCell } from './RecomputedCell'

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
function SliceValue(props: { readonly value: number | undefined; readonly metric: Metric | undefined }): React.JSX.Element {
  const { value, metric } = props
  const below =
    value !== undefined && metric !== undefined && valueMeetsThreshold(value, metric) === false
  return (
    <td className={`num mono${below ? ' bad-text' : ''}`} title={below ? `fails ${metric?.comparator ?? ''} ${metric?.thresholdLiteral ?? ''}` : undefined}>
      {below && (
        <>
          <span aria-hidden="true">✗ </span>
          <span className="visually-hidden">below threshold: </span>
        </>
      )}
      {formatNumber(value)}
    </td>
  )
}

/** Per-slice metrics; critical slices marked and listed first until the user sorts. */
export function SlicesTable(props: { readonly slices: readonly Slice[]; readonly metrics?: readonly Metric[]; readonly reproducibility?: Reproducibility }): React.JSX.Element {
  const [sort, setSort] = useState<SliceSort | null>(null)
  const metricIds = useMemo(() => sliceMetricIds(props.slices), [props.slices])
  const rows = useMemo(() => sortSlices(props.slices, sort), [props.slices, sort])
  const byId = useMemo(() => new Map((props.metrics ?? []).map((m) => [m.id, m])), [props.metrics])
  const onSort = (k: SliceSortKey): void =>
    setSort((s) => (s !== null && sameKey(s.key, k) ? { key: k, descending: !s.descending } : { key: k, descending: false }))
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
            <tr key={s.id} className={s.critical ? 'critical' : undefined}>
              <th scope="row">
                {s.name ?? s.id} {s.critical && <span className="pill warn">Critical</span>}
              </th>
              <td className="mono small">{s.definition}</td>
              <td className="num">{formatCount(s.sampleSize)}</td>
              {metricIds.map((id) => (
                <SliceValue key={id} value={s.metrics[id]} metric={byId.get(id)} />
              ))}
              <RecomputedCell claims={sliceClaims(props.reproducibility, s.id)} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
