/** Plain-text tables for the bench output (it is pasted into the README, so no colour). */
import type { Row, SectionResult, Target } from './types'

function fmtMs(ms: number | undefined): string {
  if (ms === undefined) return ''
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`
}

export function table(rows: readonly Row[]): string {
  const cells = [
    ['command', 'wall', 'cpu', 'peak RSS', 'ratio', ''],
    ...rows.map((r) => [r.label, fmtMs(r.wallMs), fmtMs(r.cpuMs), r.peakRssMb === undefined ? '' : `${r.peakRssMb.toFixed(0)} MB`, r.ratio ?? '', r.detail ?? ''])
  ]
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...cells.map((c) => (c[i] as string).length)))
  return cells
    .map((c) =>
      [
        (c[0] as string).padEnd(widths[0] as number),
        (c[1] as string).padStart(widths[1] as number),
        (c[2] as string).padStart(widths[2] as number),
        (c[3] as string).padStart(widths[3] as number),
        (c[4] as string).padEnd(widths[4] as number),
        c[5] as string
      ]
        .join('  ')
        .trimEnd()
    )
    .join('\n')
}

export function targets(ts: readonly Target[]): string {
  return ts.map((t) => `  [${t.pass ? 'PASS' : 'FAIL'}] ${t.name}: ${t.detail}`).join('\n')
}

export function section(title: string, r: SectionResult): string {
  const lines = [`== ${title}`]
  if (r.rows.length) lines.push(table(r.rows))
  if (r.notes?.length) lines.push(...r.notes.map((n) => (r.rows.length ? `  note: ${n}` : `  ${n}`)))
  if (r.targets.length) lines.push('targets:', targets(r.targets))
  return lines.join('\n') + '\n'
}
