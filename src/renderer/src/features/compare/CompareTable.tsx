import type { ValueComparison } from '../../../../core/diff/types'
import { VirtualList } from '../../components/VirtualList'
import type { CompareRow } from '../../lib/diff-view'
import { formatPercent } from '../../lib/format'

const ROW_HEIGHT = 36

function AssessmentPill(props: { readonly row: CompareRow }): React.JSX.Element {
  const { row } = props
  if (row.presence === 'added') return <span className="pill neutral">Added</span>
  if (row.presence === 'removed') return <span className="pill warn">Removed</span>
  const c = row.comparison
  if (c === undefined) return <span className="pill neutral">—</span>
  switch (c.assessment) {
    case 'regression':
      return (
        <span className="pill bad" title={c.regression?.reasons.join(', ')}>
          Regression{c.regression !== undefined ? ` (${c.regression.level})` : ''}
        </span>
      )
    case 'improvement':
      return <span className="pill ok">Improvement</span>
    case 'changed':
      return <span className="pill warn">Changed</span>
    case 'within-tolerance':
      return <span className="pill neutral">Within tolerance</span>
    case 'unchanged':
      return <span className="muted">Unchanged</span>
  }
}

function thresholdText(c: ValueComparison | undefined): string {
  if (c === undefined) return ''
  const t = c.threshold
  if (t.crossed === 'pass-to-fail') return 'pass → FAIL'
  if (t.crossed === 'fail-to-pass') return 'fail → pass'
  if (t.old === 'none' && t.new === 'none') return ''
  return `${t.old} → ${t.new}`
}

function Row(props: { readonly row: CompareRow }): React.JSX.Element {
  const { row } = props
  const c = row.comparison
  const changed = c !== undefined && c.assessment !== 'unchanged'
  const cls = `ccell${changed ? ' changed' : ''}`
  return (
    <>
      <div role="cell" className="ccell clabel" title={row.label}>
        {row.critical && (
          <span className="crit-mark" title="Critical slice">
            ◆<span className="visually-hidden"> critical</span>
          </span>
        )}
        {row.label}
        {row.lowConfidence && <span className="muted small"> (low n)</span>}
      </div>
      <div role="cell" className="ccell num mono">
        {row.old ?? '—'}
      </div>
      <div role="cell" className={`${cls} num mono`}>
        {row.new ?? '—'}
      </div>
      <div role="cell" className={`${cls} num mono`}>
        {c !== undefined ? (c.absolute > 0 ? `+${c.absoluteLiteral}` : c.absoluteLiteral.replace('-', '\u2212')) : '—'}
      </div>
      <div role="cell" className="ccell num mono">
        {c !== undefined && c.relative !== null ? formatPercent(c.relative) : '—'}
      </div>
      <div role="cell" className={`ccell small${c?.threshold.crossed === 'pass-to-fail' ? ' bad-text' : ''}`}>
        {thresholdText(c)}
      </div>
      <div role="cell" className="ccell">
        <AssessmentPill row={row} />
      </div>
    </>
  )
}

/** Old and new side by side on aligned rows; changed cells highlighted; already ordered and filtered. */
export function CompareTable(props: { readonly rows: readonly CompareRow[]; readonly label: string; readonly empty: string }): React.JSX.Element {
  if (props.rows.length === 0) return <p className="muted">{props.empty}</p>
  return (
    <VirtualList
      count={props.rows.length}
      rowHeight={ROW_HEIGHT}
      height={Math.min(440, props.rows.length * ROW_HEIGHT)}
      label={props.label}
      className="vcompare"
      header={
        <>
          <div role="columnheader" className="ccell">
            {props.label === 'Metrics' ? 'Metric' : 'Slice · metric'}
          </div>
          <div role="columnheader" className="ccell num">
            Old
          </div>
          <div role="columnheader" className="ccell num">
            New
          </div>
          <div role="columnheader" className="ccell num">
            Δ
          </div>
          <div role="columnheader" className="ccell num">
            Δ %
          </div>
          <div role="columnheader" className="ccell">
            Threshold
          </div>
          <div role="columnheader" className="ccell">
            Assessment
          </div>
        </>
      }
      renderRow={(i) => {
        const r = props.rows[i]
        return r === undefined ? null : <Row row={r} />
      }}
    />
  )
}
