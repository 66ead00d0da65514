/** Deterministic number formatting and axes for the drawing model (no locale: the PDF must not vary). */
import { decimalsOf } from '../recompute/tolerance'
import { niceStep } from './histogram'
import type { Axis } from './plot-types'
import type { ChartNumber } from './types'

/** 30000 -> "30,000". */
export function count(n: number): string {
  const r = Math.round(n)
  return (r < 0 ? '-' : '') + String(Math.abs(r)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Fixed decimals, "-0" written "0". */
export function fixed(v: number, d: number): string {
  const s = v.toFixed(Math.max(0, Math.min(20, d)))
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s
}

/** Four significant digits, shortest form ("0.0552", "12.35", "0.8"). */
export function sig(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  if (v === 0) return '0'
  const d = Math.max(0, 3 - Math.floor(Math.log10(Math.abs(v))))
  return fixed(v, Math.min(d, 12)).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '')
}

export function pct(v: number, d = 1): string {
  return `${fixed(v * 100, d)}%`
}

/**
 * A chart's number with its claim, e.g. "AUC 0.7958 (claimed 0.7958)". The recomputed value is
 * written with the claim's decimals (4 without a claim), so a reproduced claim reads the same twice.
 */
export function numberText(n: ChartNumber): string {
  let d = 4
  if (n.claimed) {
    try {
      d = Math.max(decimalsOf(n.claimed.literal), 2)
    } catch {
      d = 4
    }
  }
  const value = n.value === null ? `undefined (${n.reason ?? 'no value'})` : fixed(n.value, d)
  const claim = n.claimed ? ` (claimed ${n.claimed.literal}${n.claimed.status === 'not-reproduced' ? ', not reproduced' : ''})` : ''
  return `${n.label} ${value}${claim}`
}

/** Ticks at multiples of a nice step inside [min, max] (about five). */
export function axis(label: string, min: number, max: number, format: 'number' | 'percent' = 'number'): Axis {
  const step = niceStep(max - min, 5)
  const ticks: number[] = []
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.push(Number((k * step).toPrecision(12)))
  const d = Math.max(0, -Math.floor(Math.log10(step) + 1e-9) + (String(step / 10 ** Math.floor(Math.log10(step) + 1e-9)).includes('.') ? 1 : 0))
  const tickLabels = ticks.map((t) => (format === 'percent' ? pct(t, Math.max(0, d - 2)) : fixed(t, d)))
  return { label, min, max, ticks, tickLabels }
}

/** The smallest nice bound at or above v (for an axis from 0). */
export function niceCeil(v: number): number {
  if (!(v > 0)) return 1
  const step = niceStep(v, 5)
  return Number((Math.ceil(v / step - 1e-9) * step).toPrecision(12))
}
