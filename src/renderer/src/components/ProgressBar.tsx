/** A determinate bar with its numbers in words beside it (progress is never colour-only). */
export function ProgressBar(props: { readonly fraction: number | null; readonly label: string; readonly detail: string }): React.JSX.Element {
  const pct = props.fraction === null ? undefined : Math.round(Math.min(1, Math.max(0, props.fraction)) * 100)
  return (
    <div className="progress">
      <div
        className="progress-track"
        role="progressbar"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        aria-valuetext={props.detail}
      >
        <div className={`progress-fill${pct === undefined ? ' indeterminate' : ''}`} style={{ width: `${pct ?? 30}%` }} />
      </div>
      <div className="progress-detail" data-testid="progress-detail">
        {props.detail}
      </div>
    </div>
  )
}
