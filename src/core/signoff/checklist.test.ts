import { describe, expect, it } from 'vitest'
import { blankAnswers, ChecklistError, DEFAULT_CHECKLIST, entriesFromAnswers } from './checklist'

function filled(answer = 'yes', note = ''): { checklist: { id: string; text: string; answer: string; note: string }[]; comment: string } {
  const a = blankAnswers()
  return { checklist: a.checklist.map((i) => ({ ...i, answer, note })), comment: 'ok' }
}

describe('checklist answers file', () => {
  it('has the five default items, blank', () => {
    const a = blankAnswers()
    expect(a.checklist.map((i) => i.id)).toEqual(['intended-use', 'metrics-thresholds', 'no-critical-slice-regression', 'monitoring-plan', 'traceability'])
    expect(a.checklist.every((i) => i.answer === '')).toBe(true)
  })

  it('accepts a filled file and a team item', () => {
    const doc = filled()
    doc.checklist.push({ id: 'fairness-review', text: 'Fairness review signed by the ethics board.', answer: 'n/a', note: 'not in scope for this model' })
    const r = entriesFromAnswers(doc)
    expect(r.entries).toHaveLength(DEFAULT_CHECKLIST.length + 1)
    expect(r.comment).toBe('ok')
  })

  it.each([
    ['an unanswered item', () => filled(''), /not answered/],
    ['a "no" without a note', () => filled('no'), /add a note/],
    ['a missing default item', () => ({ checklist: filled().checklist.slice(1) }), /intended-use.*missing/],
    ['an unknown field', () => ({ ...filled(), extra: 1 }), /unknown field/],
    ['a repeated id', () => ({ checklist: [...filled().checklist, filled().checklist[0]!] }), /twice/],
    ['a bad answer', () => filled('maybe'), /not answered/],
    ['a team item without text', () => ({ checklist: [...filled().checklist, { id: 'x', answer: 'yes' }] }), /text/]
  ])('refuses %s', (_n, make, re) => {
    expect(() => entriesFromAnswers(make())).toThrow(ChecklistError)
    expect(() => entriesFromAnswers(make())).toThrow(re)
  })
})
