import { describe, expect, it } from 'vitest'
import { columnUses, parseSlice, SliceSyntaxError } from './slice-lang'

const show = (src: string): string => JSON.stringify(parseSlice(src))

describe('slice language', () => {
  it('parses the samples\' definitions with AND binding tighter than OR and NOT tighter than AND', () => {
    expect(parseSlice("age < 25 AND bureau_tradelines < 3 AND channel = 'broker'")).toEqual({
      type: 'and',
      left: { type: 'and', left: { type: 'compare', column: 'age', op: '<', literal: { kind: 'number', value: 25, text: '25' } }, right: { type: 'compare', column: 'bureau_tradelines', op: '<', literal: { kind: 'number', value: 3, text: '3' } } },
      right: { type: 'compare', column: 'channel', op: '=', literal: { kind: 'string', value: 'broker' } }
    })
    expect(show('a = 1 OR b = 2 AND NOT c = 3')).toBe(show('a = 1 OR (b = 2 AND (NOT (c = 3)))'))
    expect(show('not a=1 and b=2')).toBe(show('(NOT a = 1) AND b = 2'))
  })

  it('reads IN lists, NOT IN, flipped comparisons, quoted names and escaped quotes', () => {
    expect(parseSlice("region NOT IN ('north', 'o''brien')")).toEqual({ type: 'in', column: 'region', negated: true, literals: [{ kind: 'string', value: 'north' }, { kind: 'string', value: "o'brien" }] })
    expect(parseSlice('25 <= age')).toEqual(parseSlice('age >= 25'))
    expect(parseSlice('"income band" <> \'low\'')).toEqual({ type: 'compare', column: 'income band', op: '!=', literal: { kind: 'string', value: 'low' } })
    expect(parseSlice('x == -1.5e2')).toMatchObject({ op: '=', literal: { value: -150 } })
    expect([...columnUses(parseSlice("a < 1 AND (a = 'x' OR b IN (1, 2))"))]).toEqual([
      ['a', { number: true, text: true }],
      ['b', { number: true, text: false }]
    ])
  })

  it.each([
    ["income_band = 'low' (net monthly income < 1,600 GBP)", 'expected AND, OR or the end of the definition, found "(" (at character 21)'],
    ['age <', 'expected a number or a quoted string, found the end of the definition (at character 6)'],
    ["channel = 'broker", 'unterminated string literal (at character 11)'],
    ['age < 25 AND', 'expected a column name, a literal or "(", found the end of the definition (at character 13)'],
    ["a IN (1, 'x')", 'the IN list of a mixes numbers and strings (at character 13)'],
    ['(a = 1', 'expected ")", found the end of the definition (at character 7)'],
    ['a ; drop', 'unexpected character ";" (at character 3)'],
    ['25abc = 1', 'unexpected "a" after the number 25 (at character 3)']
  ])('refuses %j: %s', (src, message) => {
    expect(() => parseSlice(src)).toThrow(SliceSyntaxError)
    expect(() => parseSlice(src)).toThrow(message)
  })
})
