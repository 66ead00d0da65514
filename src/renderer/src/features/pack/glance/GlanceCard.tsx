import { KeepIds } from '../../../components/KeepIds'
import type { Assessment } from '../../../lib/api'
import { GLANCE_SYMBOL, glanceLines, type GlanceLine } from '../../../lib/glance'
import { useAppStore } from '../../../store'
import { PreviousRelease } from './PreviousRelease'

function LineLink(props: { readonly line: GlanceLine }): React.JSX.Element {
  const { link } = props.line
  const show = useAppStore((s) => s.showSection)
  const compareWithPrevious = useAppStore((s) => s.compareWithPrevious)
  const hasPrevious = useAppStore((s) => s.assessment?.gate != null)
  if (link.section === 'compare') {
    return hasPrevious ? (
      <button type="button" className="link glance-link" onClick={() => void compareWithPrevious()}>
        Compare side by side
      </button>
    ) : (
      <span />
    )
  }
  return (
    <button type="button" className="link glance-link" onClick={() => show(link.section as Exclude<typeof link.section, 'compare'>, link.anchor)}>
      {link.label}
      <span className="visually-hidden"> ({props.line.label})</span>
    </button>
  )
}

/**
 * The pack at a glance, on its landing view: integrity, approval, the release gate (naming the
 * previous release, changeable), critical slices below threshold, open high or critical failure
 * modes, traceability. Every line renders the host's assessment and leads to its section.
 */
export function GlanceCard(props: { readonly assessment: Assessment }): React.JSX.Element {
  const a = props.assessment
  const lines = glanceLines(a)
  return (
    <section className="card glance" aria-labelledby="glance-title" data-testid="glance">
      <h2 id="glance-title">At a glance</h2>
      <ul className="glance-lines">
        {lines.map((l) => (
          <li key={l.id} className={`glance-line tone-${l.tone}`} data-testid={`glance-${l.id}`} data-tone={l.tone}>
            <span className="glance-symbol" aria-hidden="true">
              {GLANCE_SYMBOL[l.tone]}
            </span>
            <span className="glance-label">{l.label}</span>
            <div className="glance-text">
              <span>
                <KeepIds text={l.text} />
              </span>
              {l.items !== undefined && (
                <ul className="glance-items">
                  {l.items.map((x) => (
                    <li key={x}>
                      <KeepIds text={x} />
                    </li>
                  ))}
                </ul>
              )}
              {l.id === 'gate' && <PreviousRelease gate={a.gate} named={a.pack.previousVersion} />}
            </div>
            <LineLink line={l} />
          </li>
        ))}
      </ul>
    </section>
  )
}
