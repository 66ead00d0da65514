import { claimLabel, recomputedText, rowVerdict, type ClaimCheck } from '../../../lib/reproducibility-view'
import { assertNever } from '../../../lib/assert'
import './recomputed.css'

/**
 * A table row's "Recomputed" cell: a tick when every recomputable claim of the row reproduced, the
 * recomputed values in red when one did not, or "n/a" with the reason (docs/recompute.md).
 */
export function RecomputedCell(props: { readonly claims: readonly ClaimCheck[] }): React.JSX.Element {
  const v = rowVerdict(props.claims)
  switch (v.kind) {
    case 'none':
      return <td className="muted">—</td>
    case 'reproduced':
      return (
        <td data-recomputed="reproduced" title={props.claims.map((c) => `${claimLabel(c)}: claimed ${c.claimed}, recomputed ${recomputedText(c)}`).join('\n')}>
          <span className="ok-text" aria-hidden="true">
            ✓
          </span>
          <span className="visually-hidden">reproduced</span>
          {v.notRecomputable.length > 0 && (
            <span className="muted small recomputed-na">
              {v.notRecomputable.map((c) => claimLabel(c)).join(', ')} n/a: {v.notRecomputable[0]?.reason}
            </span>
          )}
        </td>
      )
    case 'not-reproduced':
      return (
        <td data-recomputed="not-reproduced">
          <span className="visually-hidden">not reproduced: </span>
          {v.failing.map((c) => (
            <span key={c.pointer} className="bad-text recomputed-na mono" title={`claimed ${c.claimed}${c.reason ? `; ${c.reason}` : ''}`}>
              {v.failing.length > 1 || c.field !== 'value' ? `${claimLabel(c)} ` : ''}
              {recomputedText(c)}
              <span className="visually-hidden"> (claimed {c.claimed})</span>
            </span>
          ))}
        </td>
      )
    case 'not-recomputable':
      return (
        <td data-recomputed="not-recomputable">
          n/a<span className="muted small recomputed-na">{v.reason}</span>
        </td>
      )
    default:
      return assertNever(v, 'row verdict')
  }
}
