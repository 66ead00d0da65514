/**
 * How `vouch verify` shows a VerifyReport: a summary first (status, name and version, digest,
 * counts), then every finding with its path. And the documented `--json` object (docs/cli.md).
 */
import type { Finding } from '../../core/findings'
import type { TraceabilityCheck, VerifyReport, VerifyStatus } from '../../core/verify/report'
import { countFindings, describeCounts, formatFindings, safeText, type FindingCounts } from './findings'
import type { Style } from './style'
import { formatBytes, formatDuration, plural } from './units'

export const VERIFY_JSON_SCHEMA = 'vouch.verify-result/v1'

/** The `vouch verify --json` object. Absent values are null (never missing keys), so consumers can rely on the shape. */
export interface VerifyJson {
  readonly schema: typeof VERIFY_JSON_SCHEMA
  readonly ok: boolean
  readonly status: VerifyStatus | 'unreadable'
  readonly pack: {
    readonly name: string | null
    readonly version: string | null
    readonly digest: string | null
    readonly previousVersion: string | null
  }
  readonly container: VerifyReport['container'] | null
  readonly location: string
  readonly stats: VerifyReport['stats']
  readonly counts: FindingCounts
  readonly findings: readonly Finding[]
  readonly traceability: readonly TraceabilityCheck[]
  /** Set only when status is "unreadable" (exit 3). */
  readonly error: { readonly code: string; readonly path: string; readonly message: string } | null
  /** Sections added by verify extensions (e.g. sign-off checks), keyed by extension name. */
  readonly extensions: Readonly<Record<string, unknown>>
}

export function verifyJson(
  report: VerifyReport,
  extra: { findings?: readonly Finding[]; ok?: boolean; extensions?: Readonly<Record<string, unknown>> } = {}
): VerifyJson {
  const findings = [...report.findings, ...(extra.findings ?? [])]
  return {
    schema: VERIFY_JSON_SCHEMA,
    ok: extra.ok ?? report.ok,
    status: report.status,
    pack: {
      name: report.pack.name ?? null,
      version: report.pack.version ?? null,
      digest: report.pack.digest ?? null,
      previousVersion: report.pack.previousVersion ?? null
    },
    container: report.container,
    location: report.location,
    stats: report.stats,
    counts: countFindings(findings),
    findings,
    traceability: report.traceability,
    error: null,
    extensions: extra.extensions ?? {}
  }
}

export function unreadableJson(location: string, error: { code: string; path: string; message: string }): VerifyJson {
  return {
    schema: VERIFY_JSON_SCHEMA,
    ok: false,
    status: 'unreadable',
    pack: { name: null, version: null, digest: null, previousVersion: null },
    container: null,
    location,
    stats: { filesChecked: 0, bytesChecked: 0, durationMs: 0 },
    counts: { error: 0, warning: 0, info: 0 },
    findings: [],
    traceability: [],
    error,
    extensions: {}
  }
}

function statusWord(status: VerifyStatus, ok: boolean, style: Style): string {
  if (status === 'verified' && ok) return style.green(style.bold('VERIFIED'))
  if (status === 'incomplete') return style.yellow(style.bold('INCOMPLETE'))
  return style.red(style.bold('FAILED'))
}

/** Readable report: summary block, then the findings. `extraLines` come from verify extensions. */
export function formatVerifyText(
  report: VerifyReport,
  style: Style,
  extra: { findings?: readonly Finding[]; ok?: boolean; extraLines?: readonly string[] } = {}
): string {
  const findings = [...report.findings, ...(extra.findings ?? [])]
  const ok = extra.ok ?? report.ok
  const counts = countFindings(findings)
  const name = report.pack.name !== undefined ? safeText(report.pack.name) : '(unnamed pack)'
  const version = report.pack.version !== undefined ? ` ${safeText(report.pack.version)}` : ''
  const head = `${statusWord(report.status, ok, style)}  ${style.bold(name + version)}  ${style.dim('—')} ${describeCounts(counts)}`
  const trace = report.traceability
  const traceOk = trace.filter((t) => t.status === 'ok').length
  const rows: [string, string][] = [
    ['pack digest', report.pack.digest !== undefined ? `sha256:${report.pack.digest}` : style.red('none (no valid tagmanifest-sha256.txt)')],
    ['container', `${report.container}  ${safeText(report.location)}`],
    ['checked', `${plural(report.stats.filesChecked, 'file')}, ${formatBytes(report.stats.bytesChecked)} in ${formatDuration(report.stats.durationMs)}`]
  ]
  if (report.pack.previousVersion !== undefined) rows.push(['previous', safeText(report.pack.previousVersion)])
  if (trace.length > 0) rows.push(['traceability', `${traceOk}/${trace.length} fields ok`])
  for (const l of extra.extraLines ?? []) {
    const i = l.indexOf('\t')
    rows.push(i === -1 ? ['', l] : [l.slice(0, i), l.slice(i + 1)])
  }
  const width = Math.max(...rows.map(([k]) => k.length))
  const lines = [head, ...rows.map(([k, v]) => `  ${style.dim(k.padEnd(width))}  ${v}`)]
  let text = lines.join('\n') + '\n'
  if (findings.length > 0) text += `\n${formatFindings(findings, style)}`
  if (report.status === 'incomplete') text += '\nVerification did not finish: the pack is NOT verified.\n'
  return text
}
