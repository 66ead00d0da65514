/**
 * How the CLI prints an Assessment (src/core/assess): the status word and a summary first (with the
 * claims recomputed from the predictions), then why, the sign-off history, approval, the release
 * gate, the requirements, and every finding.
 * Words come from the core's status table; nothing here decides a status. Every piece of text that
 * comes from a pack (names, paths, messages, reasons) goes through safeText.
 */
import { statusInfo, type Assessment, type SignoffEntry } from '../../core/assess'
import { shortFingerprint } from '../../core/signoff/keys'
import { describeCounts, formatFindings, safeText } from './findings'
import { reproducibilityRows } from './reproducibility-text'
import type { Style } from './style'
import { formatBytes, formatDuration, plural } from './units'

function tone(style: Style, t: 'ok' | 'warn' | 'bad', s: string): string {
  return t === 'ok' ? style.green(s) : t === 'warn' ? style.yellow(s) : style.red(s)
}

/** The status words of an overall (or approval) status, coloured by its tone. */
export function statusWords(status: Assessment['status'], style: Style): string {
  const info = statusInfo(status)
  return tone(style, info.tone, style.bold(info.cli))
}

function signoffLine(e: SignoffEntry): string {
  const st = e.statement
  const who = st ? `${safeText(st.signedAt)}  ${safeText(st.role)} ${st.decision}  ${safeText(e.trustedAs?.name ?? st.signerName)} (${shortFingerprint(st.fingerprint)})` : '(unreadable envelope)'
  const why = e.reason ? `: ${safeText(e.reason.message)}${e.reason.code === 'superseded' ? '' : ` [${e.reason.code}]`}` : ''
  const ack = st?.acknowledges ? `  acknowledges ${st.acknowledges.blockers.map((b) => safeText(b.code)).join(', ')} against ${safeText(st.acknowledges.previous.name)}` : ''
  return `${who}  ${e.result}${why}${ack}  ${safeText(e.path)}${e.sha256 ? `  sha256:${e.sha256.slice(0, 16)}…` : ''}`
}

/** Summary rows ("label", "value"); an empty label continues the row above. */
export function assessmentRows(a: Assessment, style: Style, opts: { readonly summaryOnly?: boolean } = {}): [string, string][] {
  const rows: [string, string][] = []
  const i = a.integrity
  if (!opts.summaryOnly) {
    rows.push(['pack digest', a.pack.digest !== null ? `sha256:${a.pack.digest}` : style.red('none (no valid tagmanifest-sha256.txt)')])
    rows.push(['container', `${a.pack.container}  ${safeText(a.pack.location)}`])
    rows.push(['checked', `${plural(i.stats.filesChecked, 'file')}, ${formatBytes(i.stats.bytesChecked)} in ${formatDuration(i.stats.durationMs)}`])
    if (a.pack.previousVersion !== null) rows.push(['previous', safeText(a.pack.previousVersion)])
    if (i.traceability.length > 0) rows.push(['traceability', `${i.traceability.filter((t) => t.status === 'ok').length}/${i.traceability.length} fields ok`])
  }
  rows.push(...reproducibilityRows(a.reproducibility, style))
  a.reasons.forEach((r, n) => rows.push([n === 0 ? 'why' : '', safeText(r)]))
  if (a.signoffs.length > 0) {
    rows.push(['sign-offs', `${a.signoffs.length}, in time order`])
    for (const e of a.signoffs) rows.push(['', signoffLine(e)])
  }
  const ap = a.approval
  if (ap.assessed) {
    rows.push(['approval', `${statusWords(ap.status, style)} (required: ${ap.requiredRoles.map(safeText).join(', ')})`])
    // Reasons already given under "why" are not repeated.
    for (const r of ap.reasons) if (!a.reasons.includes(r)) rows.push(['', safeText(r)])
  } else if (a.signoffs.length > 0 || a.requirements.some((r) => r.kind === 'approval')) {
    rows.push(['approval', 'not assessed (no --trust file)'])
  }
  const g = a.gate
  if (g) {
    const prev = [g.previous.name, g.previous.version].filter((x): x is string => x !== null).map(safeText).join(' ') || safeText(g.previous.location)
    const word = g.verdict === 'blocked' ? style.red(style.bold('BLOCKED')) : g.verdict === 'review' ? style.yellow('REVIEW') : style.green('ACCEPTABLE')
    rows.push(['against', `${prev}: ${word}${g.summary ? ` — ${safeText(g.summary)}` : ''}`])
    for (const b of g.blockers) rows.push(['', `blocker ${b.code}: ${safeText(b.message)}`])
  }
  for (const r of a.requirements) rows.push(['required', `${r.kind}: ${r.met ? style.green('met') : style.red('NOT MET')} — ${safeText(r.reason)}`])
  return rows
}

export function formatRows(rows: readonly [string, string][], style: Style, indent = '  '): string {
  const width = Math.max(0, ...rows.map(([k]) => k.length))
  return rows.map(([k, v]) => `${indent}${style.dim(k.padEnd(width))}  ${v}`).join('\n')
}

/** The whole text report: head line, summary rows, then every finding (errors first). */
export function formatAssessmentText(a: Assessment, style: Style): string {
  const name = a.pack.name !== null ? safeText(a.pack.name) : '(unnamed pack)'
  const version = a.pack.version !== null ? ` ${safeText(a.pack.version)}` : ''
  const head = `${statusWords(a.status, style)}  ${style.bold(name + version)}  ${style.dim('—')} ${describeCounts(a.integrity.counts)}`
  let text = `${head}\n${formatRows(assessmentRows(a, style), style)}\n`
  if (a.integrity.findings.length > 0) text += `\n${formatFindings(a.integrity.findings, style)}`
  if (a.status === 'incomplete') text += '\nVerification did not finish: the pack is NOT verified.\n'
  return text
}
