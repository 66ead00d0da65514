/**
 * The findings list every command prints the same way: one block per finding, severity and stable
 * code first, then the path it concerns, the message, and expected/actual when known.
 * Errors come first, then warnings, then info; within a severity the producer's order is kept.
 */
import type { Finding, Severity } from '../../core/findings'
import { safeText as coreSafeText } from '../../core/text/safe-text'
import { plural } from './units'
import type { Style } from './style'

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 }

export function sortFindings(findings: readonly Finding[]): readonly Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => RANK[a.f.severity] - RANK[b.f.severity] || a.i - b.i)
    .map(({ f }) => f)
}

export interface FindingCounts {
  readonly error: number
  readonly warning: number
  readonly info: number
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  const c = { error: 0, warning: 0, info: 0 }
  for (const f of findings) c[f.severity]++
  return c
}

export function describeCounts(c: FindingCounts): string {
  const parts: string[] = []
  if (c.error) parts.push(plural(c.error, 'error'))
  if (c.warning) parts.push(plural(c.warning, 'warning'))
  if (c.info) parts.push(plural(c.info, 'note'))
  return parts.length ? parts.join(', ') : 'no findings'
}

function severityLabel(s: Severity, style: Style): string {
  const label = s.padEnd(7)
  return s === 'error' ? style.red(style.bold(label)) : s === 'warning' ? style.yellow(label) : style.dim(label)
}

/**
 * Terminal text can carry escape sequences and bidi overrides from a hostile pack: every string
 * derived from a pack goes through this before it is printed (core/text/safe-text.ts: the one
 * sanitiser, shared with the PDF and the files Vouch writes).
 */
export function safeText(s: string): string {
  return coreSafeText(s)
}

export function formatFinding(f: Finding, style: Style): string {
  const head = `${severityLabel(f.severity, style)} ${style.bold(f.code)}${f.path !== undefined ? `  ${style.cyan(safeText(f.path))}` : ''}`
  const lines = [head, `        ${safeText(f.message)}`]
  if (f.expected !== undefined) lines.push(`        ${style.dim('expected')} ${safeText(f.expected)}`)
  if (f.actual !== undefined) lines.push(`        ${style.dim('actual  ')} ${safeText(f.actual)}`)
  return lines.join('\n')
}

export function formatFindings(findings: readonly Finding[], style: Style): string {
  if (findings.length === 0) return ''
  return sortFindings(findings)
    .map((f) => formatFinding(f, style))
    .join('\n') + '\n'
}
