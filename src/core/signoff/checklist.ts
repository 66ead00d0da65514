/**
 * The sign-off checklist. A checklist is data: the default items below are required by the
 * default policy, and a team can add items (they travel in the signed statement).
 */
export type ChecklistAnswer = 'yes' | 'no' | 'n/a'
export const CHECKLIST_ANSWERS: readonly ChecklistAnswer[] = ['yes', 'no', 'n/a']

export interface ChecklistItemDef {
  /** Stable id, kebab-case (e.g. "traceability"). */
  readonly id: string
  readonly text: string
}

/** One answered item, as signed. */
export interface ChecklistEntry extends ChecklistItemDef {
  readonly answer: ChecklistAnswer
  readonly note: string
}

export const DEFAULT_CHECKLIST: readonly ChecklistItemDef[] = [
  { id: 'intended-use', text: 'Intended use and out-of-scope uses are still accurate.' },
  { id: 'metrics-thresholds', text: 'Key metrics meet their thresholds.' },
  { id: 'no-critical-slice-regression', text: 'No critical slice regression against the previous release.' },
  { id: 'monitoring-plan', text: 'The monitoring plan is updated for new risks.' },
  { id: 'traceability', text: 'Traceability is complete (commit hash, data version, run ID).' }
]

export const CHECKLIST_ID = /^[a-z0-9][a-z0-9-]{0,63}$/
export const LIMITS = { text: 500, note: 2000, comment: 4000, items: 100 } as const
/** Bounds of a signed acknowledgement of release-gate blockers (statement.ts, predicate v2). */
export const ACK_LIMITS = { blockers: 32, code: 64, message: 1000, name: 300 } as const

/** The answers file `vouch signoff checklist` prints: every item blank, to fill in. */
export interface AnswersFile {
  readonly checklist: readonly { id: string; text: string; answer: string; note: string }[]
  readonly comment?: string
}

export function blankAnswers(items: readonly ChecklistItemDef[] = DEFAULT_CHECKLIST): AnswersFile {
  return { checklist: items.map((i) => ({ id: i.id, text: i.text, answer: '', note: '' })), comment: '' }
}

export class ChecklistError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'ChecklistError'
  }
}

/**
 * Validates a filled-in answers document (already parsed JSON) for signing: every required item
 * present and answered yes|no|n/a, a note for "no" and "n/a" (a reviewer must say why), no
 * duplicate ids. Extra items (a team's own) are kept. Throws ChecklistError naming the item.
 */
export function entriesFromAnswers(doc: unknown, required: readonly ChecklistItemDef[] = DEFAULT_CHECKLIST): { entries: ChecklistEntry[]; comment?: string } {
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new ChecklistError('the answers file must be a JSON object with a "checklist" array')
  const o = doc as Record<string, unknown>
  for (const k of Object.keys(o)) if (k !== 'checklist' && k !== 'comment') throw new ChecklistError(`unknown field "${k}" (allowed: checklist, comment)`)
  if (!Array.isArray(o.checklist)) throw new ChecklistError('"checklist" must be an array')
  if (o.comment !== undefined && typeof o.comment !== 'string') throw new ChecklistError('"comment" must be a string')
  if (o.checklist.length > LIMITS.items) throw new ChecklistError(`at most ${LIMITS.items} checklist items`)
  const entries: ChecklistEntry[] = []
  const seen = new Set<string>()
  o.checklist.forEach((raw, i) => {
    const where = `checklist item ${i + 1}`
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new ChecklistError(`${where} must be an object`)
    const it = raw as Record<string, unknown>
    for (const k of Object.keys(it)) if (!['id', 'text', 'answer', 'note'].includes(k)) throw new ChecklistError(`${where}: unknown field "${k}"`)
    const id = it.id
    if (typeof id !== 'string' || !CHECKLIST_ID.test(id)) throw new ChecklistError(`${where}: "id" must be kebab-case (a-z, 0-9, -)`)
    if (seen.has(id)) throw new ChecklistError(`checklist item "${id}" appears twice`)
    seen.add(id)
    const def = required.find((d) => d.id === id)
    const text = typeof it.text === 'string' && it.text.trim() !== '' ? it.text : def?.text
    if (text === undefined) throw new ChecklistError(`checklist item "${id}": "text" is required for an item the default checklist does not define`)
    if (text.length > LIMITS.text) throw new ChecklistError(`checklist item "${id}": text longer than ${LIMITS.text} characters`)
    const answer = typeof it.answer === 'string' ? it.answer.trim().toLowerCase() : ''
    if (!isAnswer(answer)) throw new ChecklistError(`checklist item "${id}" is not answered: "answer" must be yes, no or n/a`)
    const note = it.note === undefined ? '' : it.note
    if (typeof note !== 'string') throw new ChecklistError(`checklist item "${id}": "note" must be a string`)
    if (note.length > LIMITS.note) throw new ChecklistError(`checklist item "${id}": note longer than ${LIMITS.note} characters`)
    if (answer !== 'yes' && note.trim() === '') throw new ChecklistError(`checklist item "${id}" is answered "${answer}": add a note saying why`)
    entries.push({ id, text, answer, note })
  })
  for (const d of required) if (!seen.has(d.id)) throw new ChecklistError(`checklist item "${d.id}" (${d.text}) is missing`)
  const comment = typeof o.comment === 'string' ? o.comment : undefined
  if (comment !== undefined && comment.length > LIMITS.comment) throw new ChecklistError(`comment longer than ${LIMITS.comment} characters`)
  return comment === undefined ? { entries } : { entries, comment }
}

export function isAnswer(s: unknown): s is ChecklistAnswer {
  return s === 'yes' || s === 'no' || s === 'n/a'
}
