/**
 * Shared wording for the diff renderers (terminal and Markdown): numbers, deltas, field changes.
 * Values come from untrusted packs; each renderer escapes for its own medium.
 */
import { notReproducedIn } from '../core/diff/reproducibility'
import type { FieldChange, FieldValue, PackDiff, RegressionEntry, ValueComparison } from '../core/diff/types'

/** "+0.02" / "-0.05" / "0": the exact decimal delta with an explicit sign. */
export function signed(literal: string): string {
  return literal.startsWith('-') || literal === '0' ? literal : `+${literal}`
}

/** "+2.5%", "-6.8%", "n/a" when the old value is 0. */
export function percent(rel: number | null): string {
  if (rel === null) return 'n/a'
  if (rel === 0) return '0%'
  const p = rel * 100
  const s = Math.abs(p) >= 10 ? p.toFixed(1) : Math.abs(p) >= 0.1 ? p.toFixed(2) : p.toPrecision(2)
  return p > 0 ? `+${s}%` : `${s}%`
}

export function thresholdText(c: ValueComparison): string {
  const t = c.threshold
  if (t.crossed === 'pass-to-fail') return 'pass → FAIL'
  if (t.crossed === 'fail-to-pass') return 'fail → pass'
  if (t.old === 'none' && t.new === 'none') return ''
  return t.old === t.new ? t.new : `${t.old} → ${t.new}`
}

export function where(r: RegressionEntry): string {
  return r.scope === 'metric' ? '(headline)' : (r.slice ?? '?')
}

export function regressionTags(r: RegressionEntry, d?: Pick<PackDiff, 'reproducibility'>): string[] {
  const tags: string[] = []
  if (r.critical) tags.push('critical slice')
  if (r.reasons.includes('threshold-crossed')) tags.push('threshold crossed')
  if (r.lowConfidence) tags.push('low confidence')
  if (d) tags.push(...reproTags(d, r.metric, r.scope === 'slice' ? r.slice : undefined))
  return tags
}

/** "claim not reproduced (new)": a delta with an end that is not what that release's predictions give. */
export function reproTags(d: Pick<PackDiff, 'reproducibility'>, metric: string, slice?: string): string[] {
  const sides = notReproducedIn(d, metric, slice)
  return sides.length ? [`claim not reproduced (${sides.join(', ')})`] : []
}

export function fieldValue(v: FieldValue): string {
  return v === null ? '(none)' : String(v)
}

export function changeText(c: FieldChange): string {
  return `${c.field}: ${fieldValue(c.old)} → ${fieldValue(c.new)}`
}

export function packLabel(p: PackDiff['old']): string {
  return `${p.name ?? '(unnamed)'} ${p.version ?? '(no version)'}`
}

export function shortDigest(d: string | undefined): string {
  return d ? `${d.slice(0, 12)}…` : '(none)'
}

/** At most `max` items, and how many were left out. */
export function capped<T>(xs: readonly T[], max: number): { shown: readonly T[]; more: number } {
  return xs.length <= max ? { shown: xs, more: 0 } : { shown: xs.slice(0, max), more: xs.length - max }
}
