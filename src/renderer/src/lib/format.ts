/** Display formatting: pure, locale-independent so screenshots and tests are stable. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const

/** 1536 -> "1.5 KB" (binary multiples, one decimal above bytes). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—'
  let v = n
  let u = 0
  while (v >= 1024 && u < UNITS.length - 1) {
    v /= 1024
    u++
  }
  return u === 0 ? `${v} B` : `${v.toFixed(1)} ${UNITS[u]}`
}

/** 12345 -> "12,345". */
export function formatCount(n: number): string {
  return String(Math.trunc(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

/** Metric values: up to 4 significant decimals, no exponent for ordinary numbers. */
export function formatNumber(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—'
  if (Number.isInteger(n)) return formatCount(n)
  const abs = Math.abs(n)
  if (abs >= 1000) return n.toFixed(0)
  if (abs >= 1) return String(Number(n.toFixed(3)))
  return String(Number(n.toFixed(4)))
}

/** Signed delta: "+0.012" / "−0.030" (true minus sign for legibility). */
export function formatDelta(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '—'
  if (n === 0) return '0'
  const s = formatNumber(Math.abs(n))
  return n > 0 ? `+${s}` : `\u2212${s}`
}

export function formatPercent(fraction: number | undefined): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '—'
  const p = fraction * 100
  const s = Math.abs(p) >= 10 ? p.toFixed(0) : p.toFixed(1)
  return `${p > 0 ? '+' : p < 0 ? '\u2212' : ''}${s.replace('-', '')}%`
}

/** The last path component of a folder or archive path (either separator). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/).filter((p) => p.length > 0)
  return parts[parts.length - 1] ?? path
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}
