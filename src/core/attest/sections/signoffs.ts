/**
 * Section 4: the sign-off history (every envelope in time order: who, which key, what they decided,
 * answered and acknowledged, its result, its SHA-256), then the approval per role. Renders the
 * Assessment; decides nothing.
 */
import type { ApprovalSection, SignoffEntry, SignoffResultKind } from '../../assess/types'
import { cell, heading, mono, para, type Block, type Tone } from '../layout/blocks'
import { fmtDate, parseDate } from './format'
import { statusTone, statusWord } from './verification'

export const MAX_SIGNOFF_CARDS = 50
export const MAX_SIGNOFF_ROWS = 500

const RESULT: Record<SignoffResultKind, [string, Tone]> = {
  valid: ['valid, trusted, counts', 'ok'],
  superseded: ['superseded by a later decision of the same signer and role', 'muted'],
  'not-counted': ['valid and trusted, but does not count', 'warn'],
  untrusted: ['valid signature, not trusted for this role', 'warn'],
  invalid: ['INVALID', 'bad'],
  'other-pack': ['signs another pack', 'bad']
}

function answerTone(a: string): Tone | undefined {
  const v = a.toLowerCase()
  return v === 'yes' ? 'ok' : v === 'no' ? 'bad' : v === 'n/a' ? 'muted' : undefined
}

function resultText(e: SignoffEntry, trustAssessed: boolean): [string, Tone] {
  if (e.result === 'untrusted' && !trustAssessed) return ['not checked against a trust file', 'muted']
  const [text, tone] = RESULT[e.result]
  return [e.reason ? `${text}: ${e.reason.message}` : text, tone]
}

function signoffBlocks(e: SignoffEntry, i: number, trustAssessed: boolean): Block[] {
  const s = e.statement
  const [resText, resTone] = resultText(e, trustAssessed)
  const when = parseDate(s?.signedAt)
  const decisionTone: Tone | undefined = s?.decision === 'approve' ? 'ok' : s?.decision === 'reject' ? 'bad' : undefined
  const out: Block[] = [
    heading(`Sign-off ${i + 1}: ${s?.signerName ?? 'unknown signer'}${s ? ` (${s.role})` : ''}`, 2),
    {
      kind: 'fields',
      rows: [
        ['Signer', s ? `${s.signerName}${e.trustedAs ? ` (trust file: ${e.trustedAs.name}, roles ${e.trustedAs.roles.join(', ')})` : ''}` : '—'],
        ['Role', s?.role ?? '—'],
        ['Key fingerprint', mono(s?.fingerprint ?? '—')],
        ['Decision', cell(s?.decision ?? '—', decisionTone, 'bold')],
        ['Signed at', when ? fmtDate(when) : (s?.signedAt ?? '—')],
        ['Result', cell(resText, resTone, 'bold')],
        ...(s?.acknowledges
          ? [['Acknowledged blockers', cell(`against ${s.acknowledges.previous.name} (sha256:${s.acknowledges.previous.digest.sha256}): ${s.acknowledges.blockers.map((b) => `${b.code}: ${b.message}`).join('; ')}`, 'warn')] as const]
          : []),
        ['Envelope', mono(e.path)],
        ['Envelope SHA-256', mono(e.sha256 ?? '—')]
      ]
    }
  ]
  if (s && s.checklist.length > 0)
    out.push({
      kind: 'table',
      columns: [
        { title: 'Checklist item', width: 50 },
        { title: 'Answer', width: 10 },
        { title: 'Note', width: 40 }
      ],
      rows: s.checklist.map((c) => ({ cells: [c.text || c.id, cell(c.answer, answerTone(c.answer), 'bold'), c.note] }))
    })
  if (s?.comment) out.push(para(`Comment: ${s.comment}`))
  return out
}

function approvalBlocks(a: ApprovalSection): Block[] {
  if (!a.assessed) return [para('Not assessed: no trust file was given (vouch attest --trust <file>).', 'warn')]
  return [
    {
      kind: 'status',
      boxes: [{ label: `Approval (required roles: ${a.requiredRoles.join(', ') || 'none'})`, value: statusWord(a.status), tone: statusTone(a.status), detail: a.reasons.join('; ') || undefined }]
    },
    {
      kind: 'table',
      columns: [
        { title: 'Role', width: 20 },
        { title: 'Status', width: 20 },
        { title: 'By', width: 60 }
      ],
      rows: a.roles.map((r) => ({
        cells: [
          cell(r.role, undefined, 'bold'),
          cell(r.status, r.status === 'approved' ? 'ok' : r.status === 'rejected' ? 'bad' : 'warn'),
          r.by.map((b) => `${b.name} (${b.fingerprint.slice(0, 24)}…)${b.acknowledgesBlockers ? ', acknowledging the blockers' : ''}`).join('; ') || '—'
        ]
      }))
    }
  ]
}

export function signoffSection(history: readonly SignoffEntry[], approval: ApprovalSection): Block[] {
  const blocks: Block[] = [heading('4. Sign-offs')]
  if (history.length === 0) blocks.push(para('The pack carries no sign-offs.', 'muted'))
  else
    blocks.push(
      para(
        `${history.length} sign-off file(s), in time order. Each envelope's SHA-256 is printed: the pack alone cannot show that a sign-off was later removed, so keep this record and compare it with the pack's signoffs/.`,
        'muted'
      )
    )
  // A pack could carry thousands of envelopes: full cards first, then one row each, then a count.
  history.slice(0, MAX_SIGNOFF_CARDS).forEach((e, i) => blocks.push(...signoffBlocks(e, i, approval.assessed)))
  const rest = history.slice(MAX_SIGNOFF_CARDS, MAX_SIGNOFF_CARDS + MAX_SIGNOFF_ROWS)
  if (rest.length > 0) {
    blocks.push(heading(`Further sign-offs (${history.length - MAX_SIGNOFF_CARDS})`, 2))
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Signer / role', width: 20 },
        { title: 'Envelope SHA-256', width: 42 },
        { title: 'Decision / time', width: 18 },
        { title: 'Result', width: 20 }
      ],
      rows: rest.map((e) => {
        const s = e.statement
        const [text, tone] = e.result === 'untrusted' && !approval.assessed ? ['not checked', 'muted' as const] : [e.result, RESULT[e.result][1]]
        return { cells: [`${s?.signerName ?? '—'} (${s?.role ?? '—'})`, mono(e.sha256 ?? '—'), `${s?.decision ?? '—'} ${s?.signedAt ?? ''}`, cell(text, tone)] }
      })
    })
  }
  if (history.length > MAX_SIGNOFF_CARDS + MAX_SIGNOFF_ROWS) blocks.push(para(`${history.length - MAX_SIGNOFF_CARDS - MAX_SIGNOFF_ROWS} more sign-offs are not listed; every envelope is attached.`, 'warn'))
  blocks.push(heading('Approval', 2))
  blocks.push(...approvalBlocks(approval))
  return blocks
}
