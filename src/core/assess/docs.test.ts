import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fakeReport } from '../signoff/testing'
import { assessReports } from './assess-reports'
import { REQUIREMENTS } from './requirements'
import { STATUS_TABLE, UNREADABLE_STATUS } from './status'

const doc = readFileSync(join(__dirname, '../../../docs/verdict.md'), 'utf8')

/** The rows of the statuses table: every line starting with "| `" inside "## Overall statuses". */
function statusRows(): string[][] {
  const section = doc.slice(doc.indexOf('## Overall statuses'), doc.indexOf('## Same inputs'))
  return section
    .split('\n')
    .filter((l) => l.startsWith('| `'))
    .map((l) => l.slice(1, -1).split(' | ').map((c) => c.trim()))
}

describe('docs/verdict.md', () => {
  it('lists every overall status in precedence order with its exit code and the words of every surface', () => {
    const expected = [...STATUS_TABLE, UNREADABLE_STATUS].map((s) => [`\`${s.status}\``, String(s.exitCode), s.status === 'unreadable' ? s.cli : `\`${s.cli}\``, s.app, s.pdf, s.meaning])
    expect(statusRows()).toEqual(expected)
  })

  it('documents every key of the assessment and every requirement kind', () => {
    const a = assessReports(fakeReport([]))
    for (const k of Object.keys(a)) expect(doc, k).toContain(`| \`${k}\` |`)
    const ev = a.evidence
    if (ev === null) throw new Error('a verified report has evidence facts')
    for (const k of [...Object.keys(a.integrity), ...Object.keys(a.approval), ...Object.keys(a.pack), ...Object.keys(ev), ...Object.keys(ev.traceability)]) expect(doc, k).toContain(`\`${k}\``)
    for (const r of REQUIREMENTS) expect(doc).toContain(`\`${r.kind}\``)
  })
})
