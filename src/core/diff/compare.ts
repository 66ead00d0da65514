/**
 * The one rule for comparing a value across releases (a headline metric, or a metric on a slice):
 * exact delta, direction, tolerance, threshold status, assessment and regression level.
 */
import { compareDecimal, comparisonHolds } from '../format/decimal'
import type { Better, Comparator } from '../format/evidence'
import { absDec, cmpDec, decOfNumber, formatDec, mulDec, parseDec, parseSmall, smallDelta, subDec, type Dec, type ExactDelta, type Small } from './decimal'
import type { DiffOptions, Movement, RegressionLevel, RegressionReason, ThresholdStatus, Tolerance, ValueComparison } from './types'

/**
 * Defaults: a move counts only when it exceeds 0.005 absolute AND 0.5% of the old value. For rates
 * in [0, 1] (AUC, recall, error rate) the absolute bound dominates; for large-scale metrics
 * (latency in ms, cost) the relative one does. Tight on purpose: a bank reviews, it does not guess.
 */
export const DEFAULT_TOLERANCE: Tolerance = { absolute: 0.005, relative: 0.005 }
export const DEFAULT_MIN_SAMPLE_SIZE = 100

export interface ResolvedOptions {
  readonly tolerance: Tolerance
  readonly metricTolerance: Readonly<Record<string, Tolerance>>
  readonly minSampleSize: number
}

function checkTolerance(t: Tolerance, where: string): Tolerance {
  for (const [k, v] of Object.entries(t)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`${where}.${k} must be a finite number >= 0 (got ${String(v)})`)
  }
  return t
}

/** Fills defaults and refuses nonsense (negative or non-finite tolerances) with a RangeError. */
export function resolveOptions(opts: DiffOptions = {}): ResolvedOptions {
  const tolerance = checkTolerance({ ...DEFAULT_TOLERANCE, ...opts.tolerance }, 'tolerance')
  // No prototype: an id such as "__proto__" is stored as data, never as the object's prototype.
  const metricTolerance = Object.create(null) as Record<string, Tolerance>
  for (const [id, t] of Object.entries(opts.metricTolerance ?? {})) {
    metricTolerance[id] = checkTolerance({ ...tolerance, ...t }, `metricTolerance.${id}`)
  }
  const minSampleSize = opts.minSampleSize ?? DEFAULT_MIN_SAMPLE_SIZE
  if (!Number.isFinite(minSampleSize) || minSampleSize < 0) throw new RangeError(`minSampleSize must be a finite number >= 0`)
  return { tolerance, metricTolerance, minSampleSize }
}

/** A tolerance with its exact decimals, computed once per metric. */
export interface TolCtx {
  readonly tolerance: Tolerance
  readonly abs: Dec | undefined
  readonly rel: Dec | undefined
  readonly absSmall: Small | undefined
  readonly relSmall: Small | undefined
}

export function tolCtx(t: Tolerance): TolCtx {
  return {
    tolerance: t,
    abs: decOfNumber(t.absolute),
    rel: decOfNumber(t.relative),
    absSmall: parseSmall(String(t.absolute)),
    relSmall: parseSmall(String(t.relative))
  }
}

export interface ThresholdRef {
  readonly value: number
  /** The file's threshold literal (String(value) when the file gave none). */
  readonly literal: string
  readonly dec: Dec | undefined
  readonly comparator: Comparator
}

export function thresholdRef(value: number | undefined, literal: string | undefined, comparator: Comparator | undefined): ThresholdRef | undefined {
  if (value === undefined || comparator === undefined || !Number.isFinite(value)) return undefined
  const lit = literal ?? String(value)
  return { value, literal: lit, dec: parseDec(lit) ?? decOfNumber(value), comparator }
}

export interface ValueSide {
  readonly value: number
  /** The literal compared: the file's literal when known, else String(value). */
  readonly literal: string
  readonly threshold: ThresholdRef | undefined
}

export interface CompareContext {
  readonly scope: 'metric' | 'slice'
  readonly critical: boolean
  readonly lowConfidence: boolean
}


/** Decided exactly on the literals with the verifier's own comparator, so diff and verify agree. */
function exactCompare(literal: string, value: number, t: ThresholdRef): -1 | 0 | 1 | undefined {
  try {
    return compareDecimal(literal, t.literal)
  } catch {
    const v = parseDec(literal) ?? decOfNumber(value)
    return v && t.dec ? cmpDec(v, t.dec) : undefined
  }
}

function status(literal: string, value: number, t: ThresholdRef | undefined): ThresholdStatus {
  if (!t) return 'none'
  // Parsing decimals to doubles is monotonic, so unequal doubles already order the exact decimals;
  // only equal doubles (e.g. "0.30000000000000001" vs "0.3") need the exact comparison.
  let c: -1 | 0 | 1 | undefined = value < t.value ? -1 : value > t.value ? 1 : exactCompare(literal, value, t)
  // Float fallback only when a literal could not be parsed (never for validated evidence).
  if (c === undefined) c = value === t.value ? 0 : value < t.value ? -1 : 1
  return comparisonHolds(c, t.comparator) ? 'pass' : 'fail'
}

type ThresholdPair = ValueComparison['threshold']
const PAIRS = new Map<string, ThresholdPair>()
/** The nine possible pairs are shared (frozen) objects: one less allocation per compared value. */
function thresholdPair(o: ThresholdStatus, n: ThresholdStatus, crossed: ThresholdPair['crossed']): ThresholdPair {
  const k = `${o}/${n}`
  let p = PAIRS.get(k)
  if (!p) {
    p = Object.freeze({ old: o, new: n, crossed })
    PAIRS.set(k, p)
  }
  return p
}

function finiteOr0(n: number): number {
  return Number.isFinite(n) ? n : 0
}

function regressionLevel(reasons: readonly RegressionReason[], ctx: CompareContext): RegressionLevel {
  const crossed = reasons.includes('threshold-crossed')
  if (ctx.scope === 'slice' && ctx.critical) return 'critical'
  if (ctx.scope === 'metric' && crossed) return 'critical'
  if (crossed || ctx.scope === 'metric' || !ctx.lowConfidence) return 'major'
  return 'minor'
}

/** The BigInt path: any literal, any scale. */
export function slowDelta(o: ValueSide, n: ValueSide, tol: TolCtx): ExactDelta {
  const od = parseDec(o.literal) ?? decOfNumber(o.value)
  const nd = parseDec(n.literal) ?? decOfNumber(n.value)
  const delta = od && nd ? subDec(nd, od) : undefined
  if (!delta) {
    const value = finiteOr0(n.value - o.value)
    const mag = Math.abs(value)
    return { literal: String(value), value, sign: value === 0 ? 0 : value < 0 ? -1 : 1, beyond: mag > tol.tolerance.absolute && mag > tol.tolerance.relative * Math.abs(o.value) }
  }
  const literal = formatDec(delta)
  const value = finiteOr0(Number(literal))
  const mag = absDec(delta)
  const overAbs = tol.abs ? cmpDec(mag, tol.abs) === 1 : Math.abs(value) > tol.tolerance.absolute
  const relBound = tol.rel && od ? mulDec(tol.rel, absDec(od)) : undefined
  const overRel = relBound ? cmpDec(mag, relBound) === 1 : Math.abs(value) > tol.tolerance.relative * Math.abs(o.value)
  return { literal, value, sign: delta.m === 0n ? 0 : delta.m < 0n ? -1 : 1, beyond: overAbs && overRel }
}

export function exactDelta(o: ValueSide, n: ValueSide, tol: TolCtx): ExactDelta {
  if (tol.absSmall && tol.relSmall) {
    const os = parseSmall(o.literal)
    const ns = os && parseSmall(n.literal)
    const fast = os && ns ? smallDelta(os, ns, tol.absSmall, tol.relSmall) : undefined
    if (fast) return fast
  }
  return slowDelta(o, n, tol)
}

export function compareValues(o: ValueSide, n: ValueSide, better: Better, tol: TolCtx, ctx: CompareContext): ValueComparison {
  const { literal: absoluteLiteral, value: absolute, sign, beyond } = exactDelta(o, n, tol)
  const relative = sign === 0 ? 0 : o.value === 0 ? null : absolute / Math.abs(o.value)

  const movement: Movement =
    sign === 0 ? 'unchanged' : better === 'none' ? 'neutral' : (sign > 0) === (better === 'higher') ? 'better' : 'worse'

  const oldStatus = status(o.literal, o.value, o.threshold)
  const newStatus = status(n.literal, n.value, n.threshold)
  const crossed =
    oldStatus === 'pass' && newStatus === 'fail' ? 'pass-to-fail' : oldStatus === 'fail' && newStatus === 'pass' ? 'fail-to-pass' : null

  const reasons: RegressionReason[] = []
  if (crossed === 'pass-to-fail') reasons.push('threshold-crossed')
  if (movement === 'worse' && beyond) reasons.push('beyond-tolerance')

  let assessment: ValueComparison['assessment']
  if (reasons.length > 0) assessment = 'regression'
  else if (crossed === 'fail-to-pass' || (movement === 'better' && beyond)) assessment = 'improvement'
  else if (movement === 'unchanged') assessment = 'unchanged'
  else if (movement === 'neutral' && beyond) assessment = 'changed'
  else assessment = 'within-tolerance'

  const regression = assessment === 'regression' ? { level: regressionLevel(reasons, ctx), reasons } : undefined
  // Built once and completed in place: this runs 50,000 times per large diff (no spread copies).
  const out: { -readonly [K in keyof ValueComparison]: ValueComparison[K] } = {
    old: o.value,
    new: n.value,
    oldLiteral: o.literal,
    newLiteral: n.literal,
    absolute,
    absoluteLiteral,
    relative: relative !== null && Number.isFinite(relative) ? relative : null,
    movement,
    beyondTolerance: beyond,
    tolerance: tol.tolerance,
    threshold: thresholdPair(oldStatus, newStatus, crossed),
    assessment
  }
  if (regression) out.regression = regression
  return out
}
