import type { PlotTable } from '../../../../core/curves/plot-types'

/** The chart's points as a table: what a screen reader, or an auditor copying numbers, reads. */
export function PointsTable(props: { readonly id: string; readonly title: string; readonly table: PlotTable }): React.JSX.Element {
  const t = props.table
  return (
    <div className="table-scroll points-table" id={props.id} tabIndex={0} role="region" aria-label={`Points of the ${props.title}`}>
      <table className="data compact">
        <caption className="visually-hidden">Points of the {props.title}</caption>
        <thead>
          <tr>
            {t.columns.map((c, i) => (
              <th key={c} scope="col" className={t.numeric[i] ? 'num' : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {t.rows.map((r, k) => (
            <tr key={k}>
              {r.map((v, i) => (
                <td key={i} className={t.numeric[i] ? 'num mono' : undefined}>
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
