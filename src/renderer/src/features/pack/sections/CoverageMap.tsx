import type { CoverageItem, WatchingSignal } from '../../../../../core/coverage/coverage'
import type { VerifyReport } from '../../../../../core/verify/report'
import { usePassClass } from '../evidence-trust'
import './CoverageMap.css'

const RANK = { critical: 0, high: 1, medium: 2, low: 3 } as const

/** Unwatched serious items first, then watched serious ones, then the rest; by severity within each. */
function order(items: readonly CoverageItem[]): CoverageItem[] {
  const group = (x: CoverageItem): number => (x.required ? (x.covered ? 1 : 0) : 2)
  return [...items].sort((a, b) => group(a) - group(b) || RANK[a.severity] - RANK[b.severity] || (a.kind === b.kind ? 0 : a.kind === 'risk' ? -1 : 1))
}

function Signal(props: { readonly s: WatchingSignal }): React.JSX.Element {
  const { s } = props
  const e = s.signal
  return (
    <li className={s.counts ? 'cov-signal' : 'cov-signal cov-signal-bad'}>
      <span className="cov-chip mono">{s.id}</span>
      <span className="cov-what">
        {e ? e.signal : <em>not in the monitoring plan</em>}
        {e && (
          <span className="muted small mono">
            {' '}
            {e.metric}
            {e.slice !== undefined ? ` (${e.slice})` : ''} {e.comparator} {e.threshold} over {e.window}
          </span>
        )}
        {s.problem !== undefined && <span className="why small"> {s.problem}</span>}
      </span>
      <span className="cov-arrow" aria-hidden="true">
        →
      </span>
      <span className="cov-owner">{e && e.owner.trim() !== '' ? e.owner : <em className="muted">no owner</em>}</span>
    </li>
  )
}

/**
 * The coverage map: each risk and failure mode, the monitoring signals that watch it (with what they
 * watch and their threshold), and who acts when they alert. Serious items nobody watches come first.
 * The rule and its result are core's (src/core/coverage); this only draws it.
 */
export function CoverageMap(props: { readonly report: VerifyReport }): React.JSX.Element {
  const pass = usePassClass()
  const c = props.report.coverage
  if (c === undefined || !c.assessed) {
    return (
      <p className="muted" role="note" data-testid="coverage-map-absent">
        {c === undefined
          ? 'No coverage map: verification did not complete.'
          : 'No coverage map: the pack has no valid monitoring plan to check the risks against.'}
      </p>
    )
  }
  const gaps = c.items.filter((x) => x.required && !x.covered)
  return (
    <section aria-labelledby="coverage-title" data-testid="coverage-map">
      <h2 id="coverage-title">Coverage map</h2>
      <p data-testid="coverage-summary">
        {c.required === 0
          ? 'No risk or open failure mode is high or critical, so none has to be watched.'
          : `${c.covered} of ${c.required} high or critical risks and open failure modes are watched by a monitoring signal with an owner, a threshold and an action.`}
        {gaps.length > 0 && (
          <strong className="cov-gap-text">
            {' '}
            Not watched: {gaps.map((g) => g.id).join(', ')}.
          </strong>
        )}
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Coverage map table">
        <table className="data coverage-map">
          <caption className="visually-hidden">Risks and failure modes, the monitoring signals that watch them, and who acts</caption>
          <thead>
            <tr>
              <th scope="col">Risk or failure mode</th>
              <th scope="col">Coverage</th>
              <th scope="col">Watched by → owner</th>
            </tr>
          </thead>
          <tbody>
            {order(c.items).map((x) => {
              const gap = x.required && !x.covered
              return (
                <tr key={`${x.kind}:${x.id}`} className={gap ? 'row-bad' : x.required ? '' : 'cov-optional'} data-testid={`coverage-${x.id}`}>
                  <th scope="row">
                    {x.title}
                    <div className="muted mono small">
                      {x.kind === 'risk' ? 'risk' : 'failure mode'} {x.id} · {x.severity} · {x.status}
                    </div>
                  </th>
                  <td>
                    {gap ? (
                      <span className="pill bad">✕ not watched</span>
                    ) : x.required ? (
                      <span className={`pill ${pass}`}>✓ watched</span>
                    ) : (
                      <span className="pill neutral">not required</span>
                    )}
                  </td>
                  <td>
                    {x.signals.length === 0 ? (
                      <span className={gap ? 'why' : 'muted'}>names no monitoring signal</span>
                    ) : (
                      <ul className="cov-signals">
                        {x.signals.map((s) => (
                          <Signal key={s.id} s={s} />
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
