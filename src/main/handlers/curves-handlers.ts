/** curves:* handlers: a pack's charts, or two releases' for Compare (point lists computed in core, cached per pack). */
import { compareCurves, packCurves } from '../../core/curves/views'
import { completeReport, type HandlerState } from './state'
import { HandlerError, type Handlers } from './types'

type CurvesHandlers = Pick<Handlers, 'curves:pack' | 'curves:compare'>

export function curvesHandlers(s: HandlerState): CurvesHandlers {
  const loaded = async (packId: string) => s.curves.source(packId, await completeReport(s, packId))
  return {
    'curves:pack': async (packId, slice) => {
      const l = await loaded(packId)
      if (l.kind === 'unavailable') return { available: false, reason: l.reason }
      const set = s.curves.setOf(packId)(l.source, slice ?? null)
      if (!set) throw new HandlerError('not-found', `this pack has no slice "${slice ?? ''}" in data/evaluation/slices.json`)
      return packCurves(l.source, set)
    },

    'curves:compare': async (oldId, newId, slice) => {
      // Sequential, as diff:compute: one verification at a time.
      const a = await loaded(oldId)
      const b = await loaded(newId)
      const r = compareCurves(a, b, slice ?? null, { old: s.curves.setOf(oldId), new: s.curves.setOf(newId) })
      if (slice !== undefined && !r.slices.some((x) => x.id === slice)) throw new HandlerError('not-found', `neither release has a slice "${slice}" in data/evaluation/slices.json`)
      return r
    }
  }
}
