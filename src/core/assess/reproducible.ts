/**
 * The `reproducible` requirement (`vouch verify --require-reproducible`): every number the pack
 * claims was recomputed from the predictions it ships and reproduced. Strict on purpose: a claim
 * that cannot be recomputed (no predictions for its dataset, a metric outside the registry, an
 * interval without its method) is a number nobody can re-check, and a gate that let it through
 * could be passed by making the forged claim unrecomputable. docs/verdict.md says why.
 */
import { PREDICTIONS_PATH } from '../format/predictions'
import { listed, notRecomputableGroups, notReproducedLine } from '../recompute/describe'
import { claimsCounted } from '../recompute/summary'
import type { RequirementDef } from './requirements'

const unmet = (reason: string): { met: false; reason: string; unmetStatus: 'not-reproducible' } => ({ met: false, reason, unmetStatus: 'not-reproducible' })

export const reproducibleRequirement: RequirementDef = {
  kind: 'reproducible',
  label: 'reproducible',
  evaluate: (a) => {
    const r = a.reproducibility
    if (!r) return unmet('verification did not finish, so no claim was recomputed')
    const n = claimsCounted(r)
    const claims = `${n} claim${n === 1 ? '' : 's'}`
    if (r.status === 'no-predictions') return unmet(`the pack ships no predictions (${PREDICTIONS_PATH}): none of its ${claims} can be re-checked`)
    const bad = r.claims.filter((c) => c.status === 'not-reproduced')
    if (bad.length > 0) {
      return unmet(`${bad.length} of ${claims} ${bad.length === 1 ? 'does' : 'do'} not reproduce: ${listed(bad.map(notReproducedLine), 2)}`)
    }
    const groups = notRecomputableGroups(r.claims)
    if (groups.length > 0) {
      const na = groups.reduce((k, g) => k + g.claims, 0)
      const why = groups.slice(0, 2).map((g) => `${listed(g.subjects)} (${g.reason})`).join('; ')
      const lead = r.status === 'not-recomputable' ? `none of the ${claims} could be recomputed` : `${na} of ${claims} cannot be recomputed`
      return unmet(`${lead}: ${why}${groups.length > 2 ? `; and ${groups.length - 2} other reasons` : ''}`)
    }
    if (n === 0) return unmet('the pack claims no metric values to recompute')
    return { met: true, reason: r.summary.text, unmetStatus: 'not-reproducible' }
  }
}
