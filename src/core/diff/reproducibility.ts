/**
 * The diff's reproducibility part: each release's recomputation reduced to what a reviewer of the
 * diff needs (status, summary line, every claim that does not reproduce), and the verdict reasons
 * it gives. A claim that does not reproduce in either release blocks: the numbers the diff compares
 * are not what that release's own predictions give. A release that stops being re-checkable (the
 * old one reproduced, the new one ships no usable predictions) needs review. docs/diff.md.
 */
import { claimLabel, listed } from '../recompute/describe'
import type { VerifyReport } from '../verify/report'
import type { PackDiff, ReproducibilitySide, VerdictReason } from './types'

export function reproducibilitySide(r: VerifyReport): ReproducibilitySide {
  const rep = r.reproducibility
  if (!rep) return { status: null, summary: null, notReproduced: [], notRecomputable: 0 }
  return {
    status: rep.status,
    summary: rep.summary.text,
    notReproduced: rep.claims.filter((c) => c.status === 'not-reproduced'),
    notRecomputable: rep.claims.filter((c) => c.status === 'not-recomputable').length
  }
}

const RECHECKABLE_LOST: ReadonlySet<ReproducibilitySide['status']> = new Set(['no-predictions', 'not-recomputable'])

export function reproducibilityReasons(d: Pick<PackDiff, 'reproducibility'>): VerdictReason[] {
  const out: VerdictReason[] = []
  const { old, new: neu } = d.reproducibility
  const sides = (['new', 'old'] as const).filter((s) => d.reproducibility[s].notReproduced.length > 0)
  if (sides.length > 0) {
    const count = sides.reduce((n, s) => n + d.reproducibility[s].notReproduced.length, 0)
    const message = sides
      .map((s) => {
        const bad = d.reproducibility[s].notReproduced
        return `${bad.length} claim${bad.length === 1 ? '' : 's'} ${bad.length === 1 ? 'does' : 'do'} not reproduce in the ${s} release (${listed(bad.map(claimLabel))})`
      })
      .join('; ')
    out.push({ code: 'claims-not-reproduced', level: 'blocked', count, message })
  }
  if (old.status === 'reproduced' && RECHECKABLE_LOST.has(neu.status)) {
    const why = neu.status === 'no-predictions' ? 'it ships no predictions' : 'none of its claims could be recomputed from its predictions'
    out.push({ code: 'reproducibility-lost', level: 'review', count: 1, message: `the new release's claims can no longer be re-checked: ${why} (the old release's reproduced)` })
  }
  return out
}

/**
 * The releases in which the value a comparison uses does not reproduce: a headline metric's value
 * (no slice) or a slice's metric value. Renderers mark such a delta: one of its ends is not what
 * that release's predictions give.
 */
export function notReproducedIn(d: Pick<PackDiff, 'reproducibility'>, metric: string, slice?: string): ('old' | 'new')[] {
  return (['old', 'new'] as const).filter((side) =>
    d.reproducibility[side].notReproduced.some((c) => c.field === 'value' && c.metric === metric && (slice === undefined ? c.scope === 'headline' : c.scope === 'slice' && c.slice === slice))
  )
}
