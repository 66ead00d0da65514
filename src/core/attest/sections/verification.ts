/** Section 1: what was checked, every finding (the sign-off envelopes' too), and each traceability field. */
import type { IntegritySection } from '../../assess/types'
import { statusInfo, type OverallStatus } from '../../assess/status'
import type { Finding } from '../../findings'
import { cell, heading, mono, para, type Block, type Row, type Tone } from '../layout/blocks'
import { fmtBytes, fmtInt, plural } from './format'

/** Past this many findings the rest are counted by code; all of them are in the attached verification JSON. */
export const MAX_FINDINGS_LISTED = 1000

/** The words and tone of a status, from the core's one table (verified/failed/incomplete are statuses too). */
export function statusWord(status: OverallStatus): string {
  return statusInfo(status).pdf
}

export function statusTone(status: OverallStatus): Tone {
  return statusInfo(status).tone
}

export function countBySeverity(findings: readonly Finding[]): { error: number; warning: number; info: number } {
  const c = { error: 0, warning: 0, info: 0 }
  for (const f of findings) c[f.severity]++
  return c
}

function sevTone(f: Finding): Tone {
  return f.severity === 'error' ? 'bad' : f.severity === 'warning' ? 'warn' : 'muted'
}

export function verificationSection(integrity: IntegritySection): Block[] {
  const c = integrity.counts
  const findings = integrity.findings
  const blocks: Block[] = [
    heading('1. Verification'),
    {
      kind: 'fields',
      rows: [
        ['Result', cell(statusWord(integrity.status), statusTone(integrity.status), 'bold')],
        ['Files checked', fmtInt(integrity.stats.filesChecked)],
        ['Bytes checked', fmtBytes(integrity.stats.bytesChecked)],
        ['Findings', `${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}, ${plural(c.info, 'note')}`]
      ]
    },
    heading('Findings', 2)
  ]
  if (findings.length === 0) blocks.push(para('None: every file matches its manifest and every check passed.', 'ok'))
  else {
    const listed = findings.slice(0, MAX_FINDINGS_LISTED)
    const rows: Row[] = listed.map((f) => {
      const extra = [f.expected !== undefined ? `expected ${f.expected}` : '', f.actual !== undefined ? `actual ${f.actual}` : ''].filter(Boolean).join('; ')
      return { cells: [cell(f.severity, sevTone(f), 'bold'), mono(f.code), mono(f.path ?? '—'), extra ? `${f.message} (${extra})` : f.message] }
    })
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Severity', width: 11 },
        { title: 'Code', width: 20 },
        { title: 'Path', width: 27 },
        { title: 'Message', width: 42 }
      ],
      rows
    })
    if (findings.length > listed.length) {
      const rest = new Map<string, number>()
      for (const f of findings.slice(listed.length)) rest.set(f.code, (rest.get(f.code) ?? 0) + 1)
      const summary = [...rest.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([k, n]) => `${k} × ${fmtInt(n)}`)
      blocks.push(para(`${fmtInt(findings.length - listed.length)} further findings, by code: ${summary.join(', ')}. All are listed in the attached assessment.json.`, 'warn'))
    }
  }
  blocks.push(heading('Traceability', 2))
  if (integrity.traceability.length === 0) blocks.push(para('No traceability checks were recorded (traceability.json missing or unreadable).', 'bad'))
  else
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Field', width: 17 },
        { title: 'Value', width: 55 },
        { title: 'Status', width: 28 }
      ],
      rows: integrity.traceability.map((t) => ({
        cells: [
          cell(t.field, undefined, 'bold'),
          mono(t.value ?? '—'),
          cell(t.status === 'ok' ? 'ok' : `${t.status}: ${t.why}`, t.status === 'ok' ? 'ok' : 'bad')
        ]
      }))
    })
  return blocks
}
