import { useMemo, useState } from 'react'
import type { Finding } from '../../../../../core/findings'
import type { VerifyReport } from '../../../../../core/verify/report'
import { formatCount } from '../../../lib/format'

const RANK = { error: 0, warning: 1, info: 2 } as const

function groupByCode(findings: readonly Finding[]): readonly (readonly [string, readonly Finding[]])[] {
  const groups = new Map<string, Finding[]>()
  for (const f of findings) {
    const g = groups.get(f.code)
    if (g === undefined) groups.set(f.code, [f])
    else g.push(f)
  }
  const worst = (fs: readonly Finding[]): number => Math.min(...fs.map((f) => RANK[f.severity]))
  return [...groups.entries()].sort((a, b) => worst(a[1]) - worst(b[1]) || a[0].localeCompare(b[0]))
}

function FindingItem(props: { readonly f: Finding }): React.JSX.Element {
  const { f } = props
  return (
    <li className="finding">
      <div>
        <span className={`pill ${f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'neutral'}`}>{f.severity}</span>{' '}
        {f.path !== undefined && <code className="finding-path">{f.path}</code>}
      </div>
      <div>{f.message}</div>
      {(f.expected !== undefined || f.actual !== undefined) && (
        <dl className="kv small">
          {f.expected !== undefined && (
            <>
              <dt>Expected</dt>
              <dd>
                <code className="break">{f.expected}</code>
              </dd>
            </>
          )}
          {f.actual !== undefined && (
            <>
              <dt>Actual</dt>
              <dd>
                <code className="break">{f.actual}</code>
              </dd>
            </>
          )}
        </dl>
      )}
    </li>
  )
}

const PAGE = 100

/** One code's findings; a hostile pack can carry tens of thousands, so they are shown a page at a time. */
function FindingGroup(props: { readonly code: string; readonly findings: readonly Finding[] }): React.JSX.Element {
  const [shown, setShown] = useState(PAGE)
  const { code, findings } = props
  return (
    <section className="finding-group card" aria-labelledby={`fg-${code}`}>
      <h2 id={`fg-${code}`}>
        <code>{code}</code> <span className="muted">× {formatCount(findings.length)}</span>
      </h2>
      <ul>
        {findings.slice(0, shown).map((f, i) => (
          <FindingItem key={i} f={f} />
        ))}
      </ul>
      {findings.length > shown && (
        <button type="button" onClick={() => setShown((n) => n + PAGE * 10)}>
          Show {formatCount(Math.min(PAGE * 10, findings.length - shown))} more of {formatCount(findings.length - shown)} not shown
        </button>
      )}
    </section>
  )
}

/** Every finding, grouped by its stable code, most severe group first. */
export function FindingsSection(props: { readonly report: VerifyReport }): React.JSX.Element {
  const groups = useMemo(() => groupByCode(props.report.findings), [props.report.findings])
  if (groups.length === 0) return <p data-testid="no-findings">No findings: every check passed.</p>
  return (
    <div className="section-body" data-testid="findings">
      {groups.map(([code, fs]) => (
        <FindingGroup key={code} code={code} findings={fs} />
      ))}
    </div>
  )
}
