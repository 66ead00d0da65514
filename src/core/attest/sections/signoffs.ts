/** Section 4: every sign-off (who, which key, what they decided and answered) and the approval verdict. */
import type { SignoffsView, SignoffTrust, SignoffView } from '../input'
import { cell, heading, mono, para, type Block, type Tone } from '../layout/blocks'
import { fmtDate, parseDate } from './format'

export const MAX_SIGNOFF_CARDS = 50
export const MAX_SIGNOFF_ROWS = 500

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
  if (!view && envelopeCount > 0) blocks.push(para(`${envelopeCount} sign-off file(s) in the pack were not assessed; the envelopes are attached (section 5).`, 'warn'))
  else if (list.length === 0) blocks.push(para('The pack carries no sign-offs.', 'muted'))
  // A pack could carry thousands of envelopes: full cards first, then one row each, then a count.
  list.slice(0, MAX_SIGNOFF_CARDS).forEach((s, i) => blocks.push(...signoffBlocks(s, i, envelopeSha.get(s.path))))
  const rest = list.slice(MAX_SIGNOFF_CARDS, MAX_SIGNOFF_CARDS + MAX_SIGNOFF_ROWS)
  if (rest.length > 0) {
    blocks.push(heading(`Further sign-offs (${list.length - MAX_SIGNOFF_CARDS})`, 2))
    blocks.push({
      kind: 'table',
      columns: [
        { title: 'Signer / role', width: 22 },
        { title: 'Key fingerprint', width: 38 },
        { title: 'Decision / time', width: 18 },
        { title: 'Status', width: 22 }
      ],
      rows: rest.map((s) => ({
        cells: [`${s.signer ?? '—'} (${s.role ?? '—'})`, mono(s.fingerprint ?? '—'), `${s.decision ?? '—'} ${s.time ?? ''}`, cell(TRUST[s.trust][0], TRUST[s.trust][1])]
      }))
    })
  }
  if (list.length > MAX_SIGNOFF_CARDS + MAX_SIGNOFF_ROWS) blocks.push(para(`${list.length - MAX_SIGNOFF_CARDS - MAX_SIGNOFF_ROWS} more sign-offs are not listed; every envelope is attached.`, 'warn'))
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
