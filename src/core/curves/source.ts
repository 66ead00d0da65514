/**
 * A pack's predictions, loaded once, as the charts see them: one dataset/split's table (the one
 * most headline claims are computed on), its slices parsed in the slice language, the population's
 * axis ranges, and the claims to caption each chart with. Pure over the loaded table.
 */
import type { Evidence } from '../format/evidence'
import type { PredictionTask } from '../format/predictions'
import { positions } from '../recompute/evaluate'
import type { Reproducibility } from '../recompute/report'
import { evalSlice, sliceProblem } from '../recompute/slice-eval'
import { parseSlice, SliceSyntaxError, type SliceExpr } from '../recompute/slice-lang'
import type { PredictionTable } from '../recompute/table'
import { niceRange } from './histogram'
import { ClaimIndex } from './numbers'
import type { CurveRanges, SliceOption } from './types'

export interface CurveSourceInput {
  readonly table: PredictionTable
  readonly dataset: string
  readonly split: string
  readonly task: PredictionTask
  /** Column names as the descriptor declares them (for labels such as "default_12m = 1"). */
  readonly labelColumn: string
  readonly positive?: string
  readonly evidence: Evidence
  readonly reproducibility?: Reproducibility
}

/** A pack's predictions loaded for its charts, or why there is nothing to draw from. */
export type LoadedCurves = { readonly kind: 'source'; readonly source: CurveSource } | { readonly kind: 'unavailable'; readonly reason: string }

export class CurveSource {
  readonly table: PredictionTable
  readonly claims: ClaimIndex
  private readonly parsed = new Map<string, { expr?: SliceExpr; problem?: string }>()
  private ranges?: CurveRanges
  private all?: Int32Array

  constructor(readonly input: CurveSourceInput) {
    this.table = input.table
    this.claims = new ClaimIndex(input.reproducibility, input.dataset, input.split)
    for (const s of input.evidence.slices?.slices ?? []) {
      if (this.parsed.has(s.id)) continue
      try {
        const expr = parseSlice(s.definition)
        const problem = sliceProblem(expr, this.table)
        this.parsed.set(s.id, problem ? { problem: `its definition ${problem}` } : { expr })
      } catch (e) {
        if (!(e instanceof SliceSyntaxError)) throw e
        this.parsed.set(s.id, { problem: `its definition does not parse: ${e.message}` })
      }
    }
  }

  /** Every slice of slices.json, critical first (then in file order), with why it cannot be drawn. */
  sliceOptions(): SliceOption[] {
    const slices = this.input.evidence.slices?.slices ?? []
    const seen = new Set<string>()
    const out: SliceOption[] = []
    for (const s of [...slices.filter((x) => x.critical), ...slices.filter((x) => !x.critical)]) {
      if (seen.has(s.id)) continue
      seen.add(s.id)
      const problem = this.parsed.get(s.id)?.problem
      out.push({ id: s.id, ...(s.name !== undefined ? { name: s.name } : {}), definition: s.definition, critical: s.critical, ...(problem ? { problem } : {}) })
    }
    return out
  }

  /** Positions (score order) of every row. */
  everyRow(): Int32Array {
    if (!this.all) {
      this.all = new Int32Array(this.table.rows)
      for (let k = 0; k < this.table.rows; k++) this.all[k] = k
    }
    return this.all
  }

  /** The rows of a slice (positions in score order), why it cannot be evaluated, or undefined for an unknown id. */
  rowsOf(slice: string | null): Int32Array | { readonly problem: string } | undefined {
    if (slice === null) return this.everyRow()
    const p = this.parsed.get(slice)
    if (!p) return undefined
    if (!p.expr) return { problem: p.problem ?? 'it cannot be evaluated' }
    return positions(this.table.order, evalSlice(p.expr, this.table))
  }

  /** Nice axis ranges of the population: scores, and residuals for regression. */
  populationRanges(): CurveRanges {
    if (this.ranges) return this.ranges
    const t = this.table
    const out: { score?: readonly [number, number]; residual?: readonly [number, number] } = {}
    if (t.score && t.rows > 0) {
      // Positions are in score order: the extremes are the ends.
      out.score = niceRange(t.score[0]!, t.score[t.rows - 1]!)
      if (t.task === 'regression') {
        let lo = Number.POSITIVE_INFINITY
        let hi = Number.NEGATIVE_INFINITY
        for (let k = 0; k < t.rows; k++) {
          const e = t.score[k]! - t.label[k]!
          if (e < lo) lo = e
          if (e > hi) hi = e
        }
        out.residual = niceRange(lo, hi)
      }
    }
    this.ranges = out
    return out
  }
}

/** Ranges that cover both releases' populations (Compare bins both alike). */
export function sharedRanges(a: CurveRanges, b: CurveRanges): CurveRanges {
  const join = (x?: readonly [number, number], y?: readonly [number, number]): readonly [number, number] | undefined =>
    !x ? y : !y ? x : [Math.min(x[0], y[0]), Math.max(x[1], y[1])]
  const score = join(a.score, b.score)
  const residual = join(a.residual, b.residual)
  return { ...(score ? { score } : {}), ...(residual ? { residual } : {}) }
}
