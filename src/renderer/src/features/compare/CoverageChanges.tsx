import type { CoverageChange, CoverageDiff } from '../../../../core/diff/types'

const PILL = { lost: ['bad', 'Coverage lost'], gained: ['ok', 'Coverage gained'], changed: ['neutral', 'Watched by other signals'] } as const

const side = (c: { readonly required: number; readonly covered: number } | null): string => (c === null ? 'not assessed (no valid monitoring plan)' : `${c.covered} of ${c.required} watched`)

function Item(props: { readonly c: CoverageChange }): React.JSX.Element {
  const { c } = props
  const [tone, word] = PILL[c.kind]
  return (
    <li data-testid={`coverage-change-${c.id}`}>
      <span className={`pill ${tone}`}>{word}</span> <code>{c.id}</code> {c.title} <span className="pill neutral">{c.severity}</span>{' '}
      <span className="muted">({c.item === 'risk' ? 'risk' : 'failure mode'})</span>
      <div className="muted small">{c.why}</div>
    </li>
  )
}

/**
 * Risk coverage between the releases, as core's diff has it (src/core/diff): which serious risks and
 * failure modes lost or gained a monitoring signal that watches them, and the gaps on both sides.
 */
export function CoverageChanges(props: { readonly coverage: CoverageDiff }): React.JSX.Element {
  const c = props.coverage
  const count = c.entries.length
  return (
    <section className="card change-block" aria-label="Risk coverage" data-testid="coverage-changes">
      <h3>
        Risk coverage <span className="muted">({count === 0 ? 'no change' : `${count} change${count === 1 ? '' : 's'}`})</span>
      </h3>
      <p className="muted small">
        High or critical risks and open failure modes watched by a monitoring signal: old {side(c.old)}, new {side(c.new)}.
        {c.stillUncovered > 0 && ` ${c.stillUncovered} unwatched in both releases.`}
      </p>
      {count > 0 && (
        <ul className="record-changes">
          {c.entries.map((e) => (
            <Item key={`${e.kind}:${e.item}:${e.id}`} c={e} />
          ))}
        </ul>
      )}
    </section>
  )
}
