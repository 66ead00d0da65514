import type { FailureDiff, FieldChange, PackDiff, RecordDiff } from '../../../../core/diff/types'
import { Digest } from '../../components/Digest'
import { formatBytes, plural } from '../../lib/format'
import { sliceLabels, worseningFailure, worseningRecord } from '../../lib/diff-view'
import { SEVERITY_PILL } from '../../lib/severity'
import { CoverageChanges } from './CoverageChanges'
import { FieldValue } from './FieldValue'

function FieldChanges(props: { readonly changes: readonly FieldChange[] }): React.JSX.Element | null {
  if (props.changes.length === 0) return null
  return (
    <ul className="field-changes">
      {props.changes.map((c) => (
        <li key={c.field}>
          <code>{c.field}</code>:{' '}
          <del className="old-val">
            <FieldValue value={c.old} />
          </del>{' '}
          →{' '}
          <ins className="new-val">
            <FieldValue value={c.new} />
          </ins>
        </li>
      ))}
    </ul>
  )
}

function Block(props: { readonly title: string; readonly count: number; readonly unchanged?: number; readonly children: React.ReactNode; readonly testId?: string }): React.JSX.Element {
  return (
    <section className="card change-block" aria-label={props.title} data-testid={props.testId}>
      <h3>
        {props.title}{' '}
        <span className="muted">
          ({props.count === 0 ? 'no change' : plural(props.count, 'change')}
          {props.unchanged !== undefined ? `, ${props.unchanged} unchanged` : ''})
        </span>
      </h3>
      {props.count > 0 && props.children}
    </section>
  )
}

const FAILURE_ORDER = { new: 0, reopened: 1, persisting: 2, resolved: 3 } as const

function FailureItem(props: { readonly f: FailureDiff; readonly slices: ReadonlyMap<string, string> }): React.JSX.Element {
  const { f } = props
  switch (f.kind) {
    case 'new':
      return (
        <li className="fail-new">
          <span className="pill bad">New failure mode</span> <strong>{f.failure.title}</strong> <span className={`pill ${SEVERITY_PILL[f.failure.severity]}`}>{f.failure.severity}</span>
          {f.failure.slice !== undefined && <span className="muted"> · slice {props.slices.get(f.failure.slice) ?? f.failure.slice}</span>}
        </li>
      )
    case 'reopened':
      return (
        <li>
          <span className="pill bad">Reopened</span> <strong>{f.new.title}</strong> <span className={`pill ${SEVERITY_PILL[f.new.severity]}`}>{f.new.severity}</span>
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
          <span className="pill neutral">Persisting</span> <strong>{f.new.title}</strong> <span className={`pill ${SEVERITY_PILL[f.new.severity]}`}>{f.new.severity}</span>
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

function RecordList<T>(props: { readonly entries: readonly RecordDiff<T>[]; readonly describe: (t: T) => React.ReactNode }): React.JSX.Element {
  return (
    <ul className="record-changes">
      {props.entries.map((e) => (
        <li key={`${e.kind}:${e.id}`}>
          <span className={`pill ${e.kind === 'added' ? 'neutral' : 'warn'}`}>{e.kind}</span> <code>{e.id}</code>{' '}
          {e.kind === 'added' ? props.describe(e.new) : e.kind === 'removed' ? props.describe(e.old) : props.describe(e.new)}
          {e.kind === 'changed' && <FieldChanges changes={e.changes} />}
        </li>
      ))}
    </ul>
  )
}

/**
 * Every other section of the core diff: failure modes, slices gained or lost, risks, monitoring,
 * policy, traceability, files. With "Only regressions": what makes things worse only (new,
 * reopened or more severe failure modes, vanished slices, removed or changed records).
 */
export function ChangeSections(props: { readonly diff: PackDiff; readonly onlyRegressions?: boolean }): React.JSX.Element {
  const d = props.diff
  const only = props.onlyRegressions === true
  const slices = sliceLabels(d)
  const failures = [...d.failures].filter((f) => !only || worseningFailure(f)).sort((a, b) => FAILURE_ORDER[a.kind] - FAILURE_ORDER[b.kind])
  const sliceSet = d.slices.filter((s) => s.kind === 'removed' || (!only && (s.kind === 'added' || s.kind === 'renamed')))
  const records = <T,>(xs: readonly RecordDiff<T>[]): readonly RecordDiff<T>[] => (only ? xs.filter(worseningRecord) : xs)
  const risks = records(d.risks.entries)
  const monitoring = records(d.monitoring.entries)
  const guardrails = records(d.guardrails.entries)
  const files = d.files.entries
  return (
    <div className="change-sections" data-testid="change-sections" data-only-regressions={only}>
      <Block title="Failure modes" count={failures.filter((f) => f.kind !== 'persisting' || f.changes.length > 0 || f.severity !== null).length} testId="failure-changes">
        <ul className="record-changes">
          {failures.map((f) => (
            <FailureItem key={`${f.kind}:${f.id}`} f={f} slices={slices} />
          ))}
        </ul>
      </Block>
      <Block title={only ? 'Slices vanished' : 'Slices added, removed or renamed'} count={sliceSet.length}>
        <ul className="record-changes">
          {sliceSet.map((s) =>
            s.kind === 'added' ? (
              <li key={`a:${s.id}`}>
                <span className="pill neutral">added</span> {slices.get(s.id) ?? s.id} {s.slice.critical && <span className="pill warn">Critical</span>}
              </li>
            ) : s.kind === 'removed' ? (
              <li key={`r:${s.id}`}>
                <span className={`pill ${s.slice.critical ? 'bad' : 'warn'}`}>removed</span> {slices.get(s.id) ?? s.id}{' '}
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
      <Block title="Risks" count={risks.length} unchanged={d.risks.unchanged}>
        <RecordList entries={risks} describe={(r) => `${r.hazard} (${r.severity}, ${r.likelihood})`} />
      </Block>
      <CoverageChanges coverage={d.coverage} />
      <Block title="Monitoring plan" count={monitoring.length} unchanged={d.monitoring.unchanged} testId="monitoring-changes">
        <RecordList entries={monitoring} describe={(s) => `${s.signal}: ${s.metric} ${s.comparator} ${s.threshold} over ${s.window}`} />
      </Block>
      <Block title="Policy and guardrails" count={guardrails.length} unchanged={d.guardrails.unchanged}>
        <RecordList entries={guardrails} describe={(g) => `${g.setting} = ${String(g.value)}`} />
      </Block>
      {!only && (
        <Block title="Traceability" count={d.traceability.changes.length + d.traceability.datasets.entries.length}>
          <FieldChanges changes={d.traceability.changes} />
          <RecordList
            entries={d.traceability.datasets.entries}
            describe={(x) => (
              <>
                <span className="nowrap">{x.version}</span> <Digest value={x.digest} />
              </>
            )}
          />
        </Block>
      )}
      {!only && (
        <Block title="Files" count={files.length} unchanged={d.files.unchanged}>
          <ul className="record-changes file-changes">
            {files.slice(0, 200).map((f) => (
              <li key={`${f.kind}:${f.path}`}>
                <span className={`pill ${f.kind === 'modified' ? 'warn' : 'neutral'}`}>{f.kind}</span> <code className="break-path">{f.path}</code>{' '}
                <span className="muted small nowrap">{f.kind === 'modified' ? `${formatBytes(f.old.size)} → ${formatBytes(f.new.size)}` : formatBytes(f.size)}</span>
              </li>
            ))}
          </ul>
          {files.length > 200 && <p className="muted">…and {files.length - 200} more files.</p>}
        </Block>
      )}
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
