/** Small formatting helpers shared by the attestation sections (deterministic: no locale, no clock). */
import type { VerifyReport } from '../../verify/report'

export function fmtNum(v: number): string {
  if (!Number.isFinite(v)) return String(v)
  if (Number.isInteger(v)) return String(v)
  if (v !== 0 && Math.abs(v) < 0.001) return v.toExponential(2)
  return String(Number(v.toFixed(4)))
}

export function fmtInt(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

export function fmtBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let v = n
  let u = 0
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024
    u++
  }
  return u === 0 ? `${fmtInt(n)} B` : `${v.toFixed(1)} ${units[u]} (${fmtInt(n)} bytes)`
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${fmtInt(n)} ${n === 1 ? one : many}`
}

/** "2026-11-26 10:00:00 UTC" */
export function fmtDate(d: Date): string {
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`
}


export function bagInfo(report: VerifyReport, label: string): string | undefined {
  const want = label.toLowerCase()
  return report.bagInfo.find(([k]) => k.toLowerCase() === want)?.[1]
}

export function digestText(report: VerifyReport): string {
  return report.pack.digest ? `sha256:${report.pack.digest}` : 'unknown (tagmanifest-sha256.txt missing or unreadable)'
}

export function baseName(p: string): string {
  const parts = p.split(/[\\/]/).filter(Boolean)
  return parts[parts.length - 1] ?? p
}

export function parseDate(s: string | undefined): Date | undefined {
  if (!s) return undefined
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s.trim()) ? `${s.trim()}T00:00:00Z` : s.trim())
  return Number.isNaN(d.getTime()) ? undefined : d
}

export function truncate(s: string, max: number): string {
  const chars = [...s]
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`
}
