import type { Plot } from '../../../../core/curves/plot-types'
import { PlotFigure } from './PlotFigure'

/** The charts side by side (wide ones on their own row). */
export function PlotGrid(props: { readonly plots: readonly Plot[]; readonly testId: string }): React.JSX.Element {
  return (
    <div className="plot-grid-wrap" data-testid={props.testId}>
      {props.plots.map((p) => (
        <PlotFigure key={p.id} plot={p} />
      ))}
    </div>
  )
}
