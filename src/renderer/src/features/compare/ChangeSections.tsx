import type { FailureDiff, FieldChange, FieldValue, PackDiff, RecordDiff } from '../../../../core/diff/types'
import { formatBytes } from '../../lib/format'
import { CoverageChanges } from './CoverageChanges'

function fv(v: FieldValue): string {
  return v === null ? '(absent)' : String(v)
}

function FieldChanges(props: { readonly changes: readonly FieldChange[] }): React.JSX.Element | null {
  if (props.changes.length === 0) return null
  return (
    <ul className="field-changes">
      {props.changes.map((c) => (
        <li key={c.field}>
          <code>{c.field}</code>: <del className="old-val">{fv(c.old)}</del> → <ins className="new-val">{fv(c.new)}</ins>
        </li>
      ))}
    </ul>
  )
}

function Block(props: { readonly title: string; readonly count: number; readonly unchanged?: number; readonly children: React.ReactNode; readonly testId?: string }): React.JSX.Element {
  return (
    <section className="card change-block" aria-label={props.title} data-testid={props.testId}>
      <h3>
        {props.title} <span className="muted">({props.count === 0 ? 'no change' : `${props.count} change${props.count === 1 ? '' : 's'}`}{props.unchanged !== undefined ? `, ${props.unchanged} unchanged` : ''})</span>
      </h3>
      {props.count > 0 && props.children}
    </section>
  )
}

const FAILURE_ORDER = { new: 0, reopened: 1, persisting: 2, resolved: 3 } as const

function FailureItem(props: { readonly f: FailureDiff }): React.JSX.Element {
  const { f } = props
  switch (f.kind) {
    case 'new':
      return (
        <li className="fail-new">
          <span className="pill bad">New failure mode</span> <strong>{f.failure.title}</strong> <span className="pill neutral">{f.failure.severity}</span>
          {f.failure.slice !== undefined && <span className="muted"> · slice {f.failure.slice}</span>}
        </li>
      )
    case 'reopened':
      return (
        <li>
          <span className="pill bad">Reopened</span> <strong>{f.new.title}</strong>
        </li>
      )
    case 'resolved':
      return (
        <li>
          <span className="pill ok">Resolved</span> <strong>{f.old.title}</strong> <span className="muted">({f.how === 'removed' ? 'no longer listed' : 'status resolved'})</span>
        </li>
      )
    case 'persisting':
      return (
        <li>
          <span className="pill neutral">Persisting</span> <strong>{f.new.title}</strong>
          {f.severity !== null && (
            <span className={`pill ${f.severity.direction === 'increased' ? 'bad' : 'ok'}`}>
              severity {f.severity.old} → {f.severity.new}
            </span>
          )}
          <FieldChanges changes={f.changes} />
        </li>
      )
  }
}

function RecordList<T>(props: { readonly entries: readonly RecordDiff<T>[]; readonly describe: (t: T) => string }): React.JSX.Element {
  return (
    <ul className="record-changes">
      {props.entries.map((e) => (
        <li key={`${e.kind}:${e.id}`}>
          <span className={`pill ${e.kind === 'removed' ? 'warn' : e.kind === 'added' ? 'neutral' : 'warn'}`}>{e.kind}</span> <code>{e.id}</code>{' '}
          {e.kind === 'added' ? props.describe(e.new) : e.kind === 'removed' ? props.describe(e.old) : props.describe(e.new)}
          {e.kind === 'changed' && <FieldChanges changes={e.changes} />}
        </li>
      ))}
    </ul>
  )
}

/** Every other section of the core diff: failure modes, slices gained or lost, risks, monitoring, policy, traceability, files. */
export function ChangeSections(props: { readonly diff: PackDiff }): React.JSX.Element {
  const d = props.diff
  const failures = [...d.failures].sort((a, b) => FAILURE_ORDER[a.kind] - FAILURE_ORDER[b.kind])
  const sliceSet = d.slices.filter((s) => s.kind === 'added' || s.kind === 'removed' || s.kind === 'renamed')
  const files = d.files.entries
  return (
    <div className="change-sections">
      <Block title="Failure modes" count={failures.filter((f) => f.kind !== 'persisting' || f.changes.length > 0 || f.severity !== null).length} testId="failure-changes">
        <ul className="record-changes">
          {failures.map((f) => (
            <FailureItem key={`${f.kind}:${f.id}`} f={f} />
          ))}
        </ul>
      </Block>
      <Block title="Slices added, removed or renamed" count={sliceSet.length}>
        <ul className="record-changes">
          {sliceSet.map((s) =>
            s.kind === 'added' ? (
              <li key={`a:${s.id}`}>
                <span className="pill neutral">added</span> {s.slice.name ?? s.id} {s.slice.critical && <span className="pill warn">Critical</span>}
              </li>
            ) : s.kind === 'removed' ? (
              <li key={`r:${s.id}`}>
                <span className={`pill ${s.slice.critical ? 'bad' : 'warn'}`}>removed</span> {s.slice.name ?? s.id}{' '}
                {s.slice.critical && <span className="pill bad">Critical slice vanished</span>}
              </li>
            ) : (
              <li key={`n:${s.id}`}>
                <span className="pill neutral">renamed</span> <code>{s.old.id}</code> → <code>{s.id}</code>
              </li>
            )
          )}
        </ul>
      </Block>
      <Block title="Risks" count={d.risks.entries.length} unchanged={d.risks.unchanged}>
        <RecordList entries={d.risks.entries} describe={(r) => `${r.hazard} (${r.severity}, ${r.likelihood})`} />
      </Block>
      <CoverageChanges coverage={d.coverage} />
      <Block title="Monitoring plan" count={d.monitoring.entries.length} unchanged={d.monitoring.unchanged} testId="monitoring-changes">
        <RecordList entries={d.monitoring.entries} describe={(s) => `${s.signal}: ${s.metric} ${s.comparator} ${s.threshold} over ${s.window}`} />
      </Block>
      <Block title="Policy and guardrails" count={d.guardrails.entries.length} unchanged={d.guardrails.unchanged}>
        <RecordList entries={d.guardrails.entries} describe={(g) => `${g.setting} = ${String(g.value)}`} />
      </Block>
      <Block title="Traceability" count={d.traceability.changes.length + d.traceability.datasets.entries.length}>
        <FieldChanges changes={d.traceability.changes} />
        <RecordList entries={d.traceability.datasets.entries} describe={(x) => `${x.version} ${x.digest}`} />
      </Block>
      <Block title="Files" count={files.length} unchanged={d.files.unchanged}>
        <ul className="record-changes file-changes">
          {files.slice(0, 200).map((f) => (
            <li key={`${f.kind}:${f.path}`}>
              <span className={`pill ${f.kind === 'modified' ? 'warn' : 'neutral'}`}>{f.kind}</span> <code className="break">{f.path}</code>{' '}
              <span className="muted small">{f.kind === 'modified' ? `${formatBytes(f.old.size)} → ${formatBytes(f.new.size)}` : formatBytes(f.size)}</span>
            </li>
          ))}
        </ul>
        {files.length > 200 && <p className="muted">…and {files.length - 200} more files.</p>}
      </Block>
      {d.documents.length > 0 && (
        <Block title="Evidence documents" count={d.documents.length}>
          <ul className="record-changes">
            {d.documents.map((x) => (
              <li key={x.doc}>
                <code>{x.doc}</code>: {x.state === 'missing-old' ? 'missing in the old pack' : x.state === 'missing-new' ? 'missing in the new pack' : 'missing in both'}
              </li>
            ))}
          </ul>
        </Block>
      )}
    </div>
  )
}
