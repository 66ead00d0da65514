import { splitDecimal } from '../lib/decimal-align'

/**
 * A number in a column, aligned on its decimal point with the others: the fraction sits in a box
 * as wide as the column's widest (fracWidth), in tabular figures.
 */
export function Num(props: { readonly text: string; readonly frac: number }): React.JSX.Element {
  const { int, frac } = splitDecimal(props.text)
  return (
    <span className="num-aligned">
      <span className="num-int">{int}</span>
      <span className="num-frac" style={{ minWidth: `${props.frac}ch` }}>
        {frac}
      </span>
    </span>
  )
}
