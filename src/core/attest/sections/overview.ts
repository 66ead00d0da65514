/** The title block (page 1) and the closing "How to re-check" section. */
import type { Attachment } from '../attachments'
import type { AttestationInput } from '../input'
import type { VerdictLevel } from '../../diff/types'
import { cell, heading, mono, para, type Block, type StatusBox, type Tone } from '../layout/blocks'
import { baseName, bagInfo, digestText, fmtBytes, fmtDate, plural, truncate } from './format'
import { statusTone, statusWord } from './verification'
import { statusInfo } from '../../assess/status'

const GATE_WORDS: Record<VerdictLevel, [string, Tone]> = { blocked: ['Blocked', 'bad'], review: ['Review needed', 'warn'], acceptable: ['Acceptable', 'ok'] }

export const MAX_ATTACHMENT_ROWS = 300

export interface Dating {
  readonly date: Date
  /** Where the date came from, printed beside it. */
  readonly source: string
}

export function titleSection(input: AttestationInput, vouchVersion: string, dating: Dating): Block[] {
  const { report, assessment: a } = input
  const pack = report.evidence.pack
  const name = report.pack.name ?? pack?.name ?? '(unnamed pack)'
  const version = report.pack.version ?? pack?.version ?? ''
  const overall: StatusBox = { label: 'Overall status', value: statusWord(a.status), tone: statusTone(a.status), detail: truncate(a.reasons.join('; '), 400) }
  const c = a.integrity.counts
  const verification: StatusBox = {
    label: 'Verification',
    value: statusWord(a.integrity.status),
    tone: statusTone(a.integrity.status),
    detail: `${plural(a.integrity.stats.filesChecked, 'file')} checked; ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}`
  }
  const ap = a.approval
  const approval: StatusBox = ap.assessed
    ? { label: 'Approval', value: statusWord(ap.status), tone: statusTone(ap.status), detail: truncate(ap.reasons.join('; '), 240) }
    : { label: 'Approval', value: 'Not assessed', tone: 'warn', detail: `${plural(a.signoffs.length, 'sign-off')} in the pack; no trust file given` }
  const g = a.gate
  const release: StatusBox = g
    ? { label: `Against ${g.previous.version ?? 'the previous release'}`, value: GATE_WORDS[g.verdict][0], tone: GATE_WORDS[g.verdict][1], detail: g.summary }
    : input.previous
      ? { label: 'Against previous release', value: 'Not computed', tone: 'warn' }
      : { label: 'Against previous release', value: 'Not compared', tone: 'plain', detail: 'no previous release given' }
  const required = a.requirements.map((r) => `${r.kind}: ${r.met ? 'met' : 'NOT MET'}`).join('; ')
  const model = pack?.model
  const owners = pack?.owners.map((o) => `${o.name} (${o.role})`).join(', ')
  return [
    {
      kind: 'title',
      eyebrow: 'Vouch · Assurance Pack attestation',
      title: `${name}${version ? ` ${version}` : ''}`,
      subtitle: pack?.description ? truncate(pack.description, 400) : undefined
    },
    { kind: 'status', boxes: [overall] },
    { kind: 'status', boxes: [verification, approval, release] },
    {
      kind: 'fields',
      rows: [
        ['Required', required || 'nothing (no --require-… option)'],
        ['Claims recomputed', a.reproducibility ? cell(a.reproducibility.summary.text, a.reproducibility.status === 'not-reproduced' ? 'bad' : undefined) : 'not recomputed (verification did not finish)'],
        ['Pack', name],
        ['Version', version || '—'],
        ['Domain', pack?.domain ?? '—'],
        ['Pack digest', mono(digestText(report), report.pack.digest ? undefined : 'bad')],
        ['Previous version', report.pack.previousVersion ?? '—'],
        ['Model', model ? `${model.name}${model.framework ? ` (${model.framework}${model.format ? `, ${model.format}` : ''})` : ''}` : '—'],
        ['Owners', owners || '—'],
        ['Container', `${report.container}: ${baseName(report.location)}`],
        ['Bagging date', bagInfo(report, 'Bagging-Date') ?? '—'],
        ['Export date', `${fmtDate(dating.date)} (${dating.source})`],
        ['Produced by', `Vouch ${vouchVersion}`]
      ]
    },
    para(
      'The pack digest is the SHA-256 of the pack’s tagmanifest-sha256.txt, which lists the hash of every tag file, and through manifest-sha256.txt every payload file. Sign-offs sign this digest.',
      'muted'
    )
  ]
}

export function recheckSection(input: AttestationInput, attachments: readonly Attachment[]): Block[] {
  const packName = baseName(input.report.location)
  const trust = input.trust ? baseName(input.trust.name) : '<trust file>'
  const verdict = input.assessment
  // The command that gives the same verdict: same trust file, previous release and requirements.
  const against = verdict.gate ? ` --against ${baseName(verdict.gate.previous.location)}` : ''
  // Every requirement kind is the CLI flag --require-<kind> (--require-approval, --require-reproducible).
  const requires = verdict.requirements.map((r) => ` --require-${r.kind}`).join('')
  const command = `vouch verify ${packName}${input.trust ? ` --trust ${trust}` : ''}${against}${requires}`
  const blocks: Block[] = [
    heading('5. How to re-check'),
    para('Anyone can re-check this record against the pack, offline, with Vouch or with standard tools:'),
    { kind: 'fields', rows: [['Pack digest', mono(digestText(input.report))]] },
    para(`1. Verify the pack, its sign-offs and the approval policy: this command gives the overall status above ("${statusWord(verdict.status)}", exit code ${statusInfo(verdict.status).exitCode}) as long as nothing has changed. Compare the sign-off envelopes' SHA-256 in section 4 with the pack's signoffs/: the pack alone cannot show that a sign-off was removed.`),
    { kind: 'code', text: command },
    ...(input.trust ? [] : [para(`To check the approval too: vouch verify ${packName} --trust ${trust}${against}${requires.replace(' --require-approval', '')} --require-approval`, 'muted')]),
    para('2. Without Vouch: in the pack folder, the SHA-256 of tagmanifest-sha256.txt must equal the digest above; then every line of tagmanifest-sha256.txt and manifest-sha256.txt (BagIt: <sha256> <path>) must match its file, e.g. with sha256sum -c:'),
    { kind: 'code', text: 'sha256sum tagmanifest-sha256.txt' },
    para('3. The evidence is embedded in this PDF as attached files (extract with pdfdetach -saveall, or a PDF reader’s attachments panel). Their SHA-256 must match:'),
    {
      kind: 'table',
      columns: [
        { title: 'Attached file', width: 30 },
        { title: 'What it is', width: 28 },
        { title: 'Size', width: 11, align: 'right' },
        { title: 'SHA-256', width: 31 }
      ],
      rows: [...attachments.filter((a) => !a.packPath), ...attachments.filter((a) => a.packPath)].slice(0, MAX_ATTACHMENT_ROWS).map((a) => ({ cells: [mono(a.name), a.description, fmtBytes(a.bytes.length).replace(/ \(.*\)$/, ''), mono(a.sha256)] }))
    },
    ...(attachments.length > MAX_ATTACHMENT_ROWS
      ? [para(`${attachments.length - MAX_ATTACHMENT_ROWS} further attached sign-off envelopes are not listed here; each one's description states its SHA-256.`, 'warn')]
      : []),
    para(
      'This document is a PDF 1.7 file with embedded files; it is not PDF/A. It prints text left to right without shaping: right-to-left and complex scripts may not display correctly, and characters no embedded font has are shown as �. The attached JSON files hold the exact text.',
      'muted'
    )
  ]
  if (input.trust) blocks.splice(5, 0, para(`The trust file ${trust} is attached to this PDF (see the table below).`, 'muted'))
  return blocks
}

