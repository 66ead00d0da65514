import { describe, expect, it } from 'vitest'
import { CellError, CsvError, CsvReader, type FieldSink } from './csv'
import { parseDecimalBytes } from './numparse'

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const dec = new TextDecoder()

/** Reads `text` in chunks of `size` bytes; returns every field of every data record as strings. */
function read(text: string | Uint8Array, size = 3): string[][] {
  const rows: string[][] = []
  let cur: string[] = []
  const r = new CsvReader(
    (names) => ({ sinks: names.map((_, j): FieldSink => ({ add: (b, s, e) => void (cur[j] = dec.decode(b.subarray(s, e))) })) }),
    () => {
      rows.push(cur)
      cur = []
    }
  )
  const bytes = typeof text === 'string' ? enc(text) : text
  for (let i = 0; i < bytes.length; i += size) r.push(bytes.subarray(i, i + size))
  r.end()
  return rows
}

describe('CsvReader (RFC 4180)', () => {
  it.each([1, 2, 3, 7, 64])('reads quoted fields, escaped quotes, embedded commas and line breaks in chunks of %i bytes', (size) => {
    const text = 'a,b,c\r\n1,"x, y","he said ""hi"""\r\n2,"line\nbreak",\n3,,""\n'
    expect(read(text, size)).toEqual([
      ['1', 'x, y', 'he said "hi"'],
      ['2', 'line\nbreak', ''],
      ['3', '', '']
    ])
  })

  it('accepts LF, CR and a missing final line break; skips empty lines and a BOM', () => {
    expect(read('\ufeffa,b\n1,2\r3,4\n\n5,6')).toEqual([['1', '2'], ['3', '4'], ['5', '6']])
  })

  it('refuses a ragged record, a stray quote, text after a closing quote, an unclosed quote, with the line', () => {
    const err = (t: string): string => {
      try {
        read(t)
        return 'no error'
      } catch (e) {
        return e instanceof CsvError ? `${e.line}: ${e.detail}` : String(e)
      }
    }
    expect(err('a,b\n1,2\n3\n')).toBe('3: the record has 1 field, the header has 2')
    expect(err('a,b\n1,x"y\n')).toMatch(/^2: a double quote inside an unquoted field/)
    expect(err('a,b\n1,"x"y\n')).toMatch(/^2: a character follows the closing quote/)
    expect(err('a,b\n"multi\nline",2\n3,"open\n')).toMatch(/^4: a quoted field is not closed/)
    expect(err('a,a\n1,2\n')).toMatch(/names column "a" twice/)
    expect(err('')).toMatch(/no header row/)
  })

  it('names the column of a cell a sink refuses', () => {
    const r = new CsvReader((names) => ({ sinks: names.map((n) => (n === 'b' ? { add: () => { throw new CellError('bad cell') } } : undefined)) }))
    expect(() => {
      r.push(enc('a,b\n1,2\n'))
      r.end()
    }).toThrow(expect.objectContaining({ line: 2, column: 'b', detail: 'bad cell' }))
  })
})

describe('parseDecimalBytes', () => {
  const p = (s: string): number => parseDecimalBytes(enc(s), 0, enc(s).length)
  it('reads exactly what Number() reads for every decimal form, correctly rounded', () => {
    const cases = ['0', '-0', '1', '0.1', '0.038701', '-2.5e-3', '1e22', '1e23', '123456789012345', '1234567890123456789', '0.30000000000000004', '4.9e-324', '1.7976931348623157e308', '.5', '5.', '+7', '9007199254740993', '0.000000000000000000000000001']
    for (const c of cases) expect(p(c), c).toBe(Number(c) === 0 ? 0 : Number(c))
  })
  it('refuses what is not a plain decimal number', () => {
    for (const c of ['', ' 1', '1 ', 'nan', 'inf', '0x10', '1e', '1e400', '--1', '1,5', '.', 'e5']) expect(p(c), c).toBeNaN()
  })
  it('agrees with Number() on random doubles printed at many precisions', () => {
    let x = 0.123456789
    for (let i = 0; i < 2000; i++) {
      x = (x * 9301 + 49297) % 233280
      const v = (x / 233280) * 10 ** ((i % 20) - 10)
      for (const s of [String(v), v.toPrecision(6), v.toFixed(6), v.toExponential(12)]) expect(p(s), s).toBe(Number(s))
    }
  })
})
