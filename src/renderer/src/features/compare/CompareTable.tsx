import { useMemo } from 'react'
import type { ValueComparison } from '../../../../core/diff/types'
import { Num } from '../../components/Num'
import { VirtualList } from '../../components/VirtualList'
import { fracWidth } from '../../lib/decimal-align'
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
        <span className={`pill ${c.regression?.level === 'minor' ? 'warn' : 'bad'}`} title={c.regression?.reasons.join(', ')}>
          Regression{c.regression !== undefined ? `, ${c.regression.level}` : ''}
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

function deltaText(c: ValueComparison | undefined): string {
  if (c === undefined) return '—'
  return c.absolute > 0 ? `+${c.absoluteLiteral}` : c.absoluteLiteral.replace('-', '\u2212')
}

function percentText(c: ValueComparison | undefined): string {
  return c !== undefined && c.relative !== null ? formatPercent(c.relative) : '—'
}

interface Fracs {
  readonly old: number
  readonly new: number
  readonly delta: number
  readonly pct: number
}

function Row(props: { readonly row: CompareRow; readonly fracs: Fracs }): React.JSX.Element {
  const { row, fracs } = props
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
        <Num text={row.old ?? '—'} frac={fracs.old} />
      </div>
      <div role="cell" className={`${cls} num mono`}>
        <Num text={row.new ?? '—'} frac={fracs.new} />
      </div>
      <div role="cell" className={`${cls} num mono`}>
        <Num text={deltaText(c)} frac={fracs.delta} />
      </div>
      <div role="cell" className="ccell num mono">
        <Num text={percentText(c)} frac={fracs.pct} />
      </div>
      <div role="cell" className={`ccell small${c?.threshold.crossed === 'pass-to-fail' ? ' bad-text' : ''}`}>
        {thresholdText(c)}
      </div>
      <div role="cell" className="ccell cpill">
        <AssessmentPill row={row} />
      </div>
    </>
  )
}

/** Old and new side by side on aligned rows (numbers on their decimal points); changed cells highlighted; already ordered and filtered. */
export function CompareTable(props: { readonly rows: readonly CompareRow[]; readonly label: string; readonly first: string; readonly empty: string; readonly testId?: string }): React.JSX.Element {
  const { rows } = props
  const fracs = useMemo<Fracs>(
    () => ({
      old: fracWidth(rows.map((r) => r.old)),
      new: fracWidth(rows.map((r) => r.new)),
      delta: fracWidth(rows.map((r) => deltaText(r.comparison))),
      pct: fracWidth(rows.map((r) => percentText(r.comparison)))
    }),
    [rows]
  )
  if (rows.length === 0) return <p className="muted">{props.empty}</p>
  return (
    <div data-testid={props.testId}>
      <VirtualList
        count={rows.length}
        rowHeight={ROW_HEIGHT}
        height={Math.min(440, rows.length * ROW_HEIGHT)}
        label={props.label}
        className="vcompare"
        header={
          <>
            <div role="columnheader" className="ccell">
              {props.first}
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
          const r = rows[i]
          return r === undefined ? null : <Row row={r} fracs={fracs} />
        }}
      />
    </div>
  )
}
