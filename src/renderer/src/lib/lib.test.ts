import { describe, expect, it } from 'vitest'
import { citedFile, failuresBySlice, mentionedIds, signalsBySlice } from './cross-links'
import { fracWidth, splitDecimal } from './decimal-align'
import { describeError, supportText } from './error-words'
import { formatWhen } from './when'
import { failure, report, signal } from '../../../core/diff/test-builders'

describe('contract errors in sentences', () => {
  it('a contract violation never leads with its internal text; the code and the text stay for support', () => {
    const e = { code: 'invalid-argument', message: 'pack:open: args[0]: not an absolute path' }
    expect(describeError(e)).toEqual({ headline: 'Vouch could not accept this request. Nothing was changed.', code: 'invalid-argument' })
    expect(supportText(e)).toBe('pack:open: args[0]: not an absolute path')
  })
  it('a human host message follows the sentence; an unknown code keeps its message', () => {
    expect(describeError({ code: 'not-found', message: 'nothing at /tmp/x' })).toEqual({ headline: 'Nothing is there: check the path.', detail: 'Nothing at /tmp/x.', code: 'not-found' })
    expect(describeError({ code: 'registry-denied', message: 'the registry said no' })).toEqual({ headline: 'The registry said no.', code: 'registry-denied' })
    expect(supportText({ code: 'not-found', message: 'x' })).toBeUndefined()
  })
})

describe('numbers aligned on the decimal point', () => {
  it('splits at the point and measures the widest fraction', () => {
    expect(splitDecimal('0.7595')).toEqual({ int: '0', frac: '.7595' })
    expect(splitDecimal('\u22120.0472')).toEqual({ int: '\u22120', frac: '.0472' })
    expect(splitDecimal('+34.7%')).toEqual({ int: '+34', frac: '.7%' })
    expect(splitDecimal('1,533')).toEqual({ int: '1,533', frac: '' })
    expect(splitDecimal('—')).toEqual({ int: '—', frac: '' })
    expect(fracWidth(['0.034', '0.7595', '12', undefined])).toBe(5)
  })
})

describe('cross-links', () => {
  it('ids mentioned as whole words; slices to their failure modes and signals; cited files', () => {
    expect(mentionedIds('slice AUC monitored (MON-06); see MON-061 and GR-01.', ['MON-06', 'MON-01', 'GR-01'])).toEqual(['MON-06', 'GR-01'])
    const r = report({ failures: [failure('FM-4', 't', { slice: 'young' }), failure('FM-5', 'u')], monitoring: [signal('MON-6', { slice: 'young' }), signal('MON-1')] })
    expect(failuresBySlice(r.evidence).get('young')?.map((f) => f.id)).toEqual(['FM-4'])
    expect(signalsBySlice(r.evidence).get('young')?.map((s) => s.id)).toEqual(['MON-6'])
    const files = new Set(['data/model-card.md'])
    expect(citedFile('data/model-card.md#limitations', files)).toBe('data/model-card.md')
    expect(citedFile('the team wiki', files)).toBeUndefined()
  })
})

describe('when', () => {
  it('today, yesterday, or the date; never breaks a timestamp into parts a line can split', () => {
    const now = new Date(2026, 10, 30, 18, 0)
    expect(formatWhen(new Date(2026, 10, 30, 9, 5).toISOString(), now)).toBe('today 09:05')
    expect(formatWhen(new Date(2026, 10, 29, 23, 59).toISOString(), now)).toBe('yesterday 23:59')
    expect(formatWhen(new Date(2026, 10, 1, 7, 0).toISOString(), now)).toBe('2026-11-01 07:00')
    expect(formatWhen('not a date', now)).toBe('')
  })
})
