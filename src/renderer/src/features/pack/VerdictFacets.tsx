import type { Assessment } from '../../lib/api'
import { statusInfo } from '../../../../core/assess/status'
import { plural } from '../../lib/format'

const GATE_WORDS = { blocked: 'Blocked', review: 'Review needed', acceptable: 'Acceptable' } as const

/** The parts of the verdict under the badge: files, approval, the release gate, requirements. */
export function VerdictFacets(props: { readonly assessment: Assessment }): React.JSX.Element {
  const a = props.assessment
  const i = a.integrity
  const g = a.gate
  return (
    <dl className="verdict-facets" data-testid="verdict-facets">
      <div>
        <dt>Files</dt>
        <dd>
          {statusInfo(i.status).app}
          {i.counts.error > 0 ? ` · ${plural(i.counts.error, 'error')}` : ` · ${plural(i.stats.filesChecked, 'file')} checked`}
        </dd>
      </div>
      <div>
        <dt>Approval</dt>
        <dd data-testid="approval" data-approval={a.approval.assessed ? a.approval.status : 'not-assessed'}>
          {a.approval.assessed ? statusInfo(a.approval.status).app : 'Not assessed (no trust file)'}
        </dd>
      </div>
      {g !== null && (
        <div>
          <dt>Against {g.previous.version ?? 'previous'}</dt>
          <dd data-testid="gate" data-gate={g.verdict}>
            {GATE_WORDS[g.verdict]}
          </dd>
        </div>
      )}
      {a.requirements.map((r) => (
        <div key={r.kind}>
          <dt>Requires {r.kind}</dt>
          <dd>{r.met ? 'met' : 'not met'}</dd>
        </div>
      ))}
    </dl>
  )
}
