/** The title block (page 1) and the closing "How to re-check" section. */
import type { Attachment } from '../attachments'
import type { AttestationInput } from '../input'
import { heading, mono, para, type Block, type StatusBox } from '../layout/blocks'
import { baseName, bagInfo, digestText, fmtBytes, fmtDate, plural, truncate } from './format'
import { countBySeverity, statusTone, statusWord } from './verification'

export const MAX_ATTACHMENT_ROWS = 300

export interface Dating {
  readonly date: Date
  /** Where the date came from, printed beside it. */
  readonly source: string
}

export function titleSection(input: AttestationInput, vouchVersion: string, dating: Dating): Block[] {
  const { report } = input
  const pack = report.evidence.pack
  const name = report.pack.name ?? pack?.name ?? '(unnamed pack)'
  const version = report.pack.version ?? pack?.version ?? ''
  const c = countBySeverity(report.findings)
  const verification: StatusBox = {
    label: 'Verification',
    value: statusWord(report),
    tone: statusTone(report),
    detail: `${plural(report.stats.filesChecked, 'file')} checked; ${plural(c.error, 'error')}, ${plural(c.warning, 'warning')}`
  }
  const a = input.signoffs?.approval
  const approval: StatusBox = a
    ? { label: 'Approval', value: a.verdict, tone: a.tone, detail: truncate(a.reasons.join('; '), 240) }
    : { label: 'Approval', value: 'Not assessed', tone: 'warn', detail: `${plural(report.signoffs.length, 'sign-off')} in the pack; no trust file given` }
  const d = input.previous?.diff
  const release: StatusBox = input.previous
    ? d
      ? { label: `Against ${d.previous?.version ?? 'the previous release'}`, value: d.verdictLabel, tone: d.verdictTone, detail: d.verdict }
      : { label: 'Against previous release', value: 'Not computed', tone: 'warn' }
    : { label: 'Against previous release', value: 'Not compared', tone: 'plain', detail: 'no previous release given' }
  const model = pack?.model
  const owners = pack?.owners.map((o) => `${o.name} (${o.role})`).join(', ')
  return [
    {
      kind: 'title',
      eyebrow: 'Vouch · Assurance Pack attestation',
      title: `${name}${version ? ` ${version}` : ''}`,
      subtitle: pack?.description ? truncate(pack.description, 400) : undefined
    },
    { kind: 'status', boxes: [verification, approval, release] },
    {
      kind: 'fields',
      rows: [
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
  const blocks: Block[] = [
    heading('5. How to re-check'),
    para('Anyone can re-check this record against the pack, offline, with Vouch or with standard tools:'),
    { kind: 'fields', rows: [['Pack digest', mono(digestText(input.report))]] },
    para('1. Verify the pack, its sign-offs and the approval policy (exit code 0 means verified and approved):'),
    { kind: 'code', text: `vouch verify ${packName} --trust ${trust} --require-approval` },
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

