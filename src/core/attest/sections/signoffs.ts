/** Section 4: every sign-off (who, which key, what they decided and answered) and the approval verdict. */
import type { SignoffsView, SignoffTrust, SignoffView } from '../input'
import { cell, heading, mono, para, type Block, type Tone } from '../layout/blocks'
import { fmtDate, parseDate } from './format'

const TRUST: Record<SignoffTrust, [string, Tone]> = {
  trusted: ['valid and trusted', 'ok'],
  untrusted: ['valid signature, key not trusted for this role', 'warn'],
  invalid: ['INVALID', 'bad'],
  'other-pack': ['signs another pack', 'bad'],
  'not-checked': ['not checked against a trust file', 'muted']
}

function answerTone(a: string): Tone | undefined {
  const v = a.toLowerCase()
  return v === 'yes' ? 'ok' : v === 'no' ? 'bad' : v === 'n/a' ? 'muted' : undefined
}

function signoffBlocks(s: SignoffView, i: number, sha: string | undefined): Block[] {
  const [trustText, trustTone] = TRUST[s.trust]
  const when = parseDate(s.time)
  const decisionTone: Tone | undefined = s.decision === 'approve' ? 'ok' : s.decision === 'reject' ? 'bad' : undefined
  const out: Block[] = [
    heading(`Sign-off ${i + 1}: ${s.signer ?? 'unknown signer'}${s.role ? ` (${s.role})` : ''}`, 2),
    {
      kind: 'fields',
      rows: [
        ['Signer', s.signer ?? '—'],
        ['Role', s.role ?? '—'],
        ['Key fingerprint', mono(s.fingerprint ?? '—')],
        ['Decision', cell(s.decision ?? '—', decisionTone, 'bold')],
        ['Signed at', when ? fmtDate(when) : (s.time ?? '—')],
        ['Status', cell(s.detail ? `${trustText}: ${s.detail}` : trustText, trustTone, 'bold')],
        ['Envelope', mono(s.path)],
        ['Envelope SHA-256', mono(sha ?? '—')]
      ]
    }
  ]
  if (s.checklist.length > 0)
    out.push({
      kind: 'table',
      columns: [
        { title: 'Checklist item', width: 50 },
        { title: 'Answer', width: 10 },
        { title: 'Note', width: 40 }
      ],
      rows: s.checklist.map((c) => ({ cells: [c.item, cell(c.answer, answerTone(c.answer), 'bold'), c.note ?? ''] }))
    })
  if (s.comment) out.push(para(`Comment: ${s.comment}`))
  return out
}

export function signoffSection(view: SignoffsView | undefined, envelopeSha: ReadonlyMap<string, string>, envelopeCount: number): Block[] {
  const blocks: Block[] = [heading('4. Sign-offs')]
  const list = view?.signoffs ?? []
  if (list.length === 0) {
    blocks.push(para(envelopeCount > 0 ? `${envelopeCount} sign-off file(s) in the pack could not be read as sign-offs.` : 'The pack carries no sign-offs.', envelopeCount > 0 ? 'bad' : 'muted'))
  }
  list.forEach((s, i) => blocks.push(...signoffBlocks(s, i, envelopeSha.get(s.path))))
  blocks.push(heading('Approval', 2))
  const a = view?.approval
  if (!a) blocks.push(para('Not assessed: no trust file was given (vouch attest --trust <file>).', 'warn'))
  else
    blocks.push({
      kind: 'status',
      boxes: [
        {
          label: `Approval (required roles: ${a.requiredRoles.join(', ') || 'none'})`,
          value: a.verdict,
          tone: a.tone,
          detail: a.reasons.join('; ') || undefined
        }
      ]
    })
  return blocks
}
