import { describe, expect, it } from 'vitest'
import { makeFontSet } from '../fonts/font-set'
import { testFonts } from '../testing/pdf-tools'
import type { Block } from './blocks'
import { PAGE, TEXT_WIDTH, paginate, type Op } from './paginate'
import { wrapText } from './wrap'

const fonts = makeFontSet(testFonts())
const texts = (ops: readonly Op[]): Extract<Op, { kind: 'text' }>[] => ops.filter((o): o is Extract<Op, { kind: 'text' }> => o.kind === 'text')

describe('wrapText', () => {
  it('never exceeds the width, and keeps every character', () => {
    const text = `A digest sha256:${'ab12'.repeat(16)} in a sentence, then a/very/long/path/${'x'.repeat(80)}.json and 中文字符串很长的句子需要换行 too.`
    const lines = wrapText(fonts, text, 'regular', 9, 120)
    expect(lines.length).toBeGreaterThan(5)
    for (const l of lines) expect(fonts.width(l, 'regular', 9)).toBeLessThanOrEqual(120.0001)
    expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''))
  })

  it('gives one empty line for empty text', () => {
    expect(wrapText(fonts, '', 'regular', 9, 100)).toEqual([''])
  })
})

describe('paginate', () => {
  const rows = Array.from({ length: 400 }, (_, i) => ({ cells: [`row-${i}`, `value ${i} `.repeat(1 + (i % 7))] }))
  const table: Block = { kind: 'table', columns: [{ title: 'Name', width: 30 }, { title: 'Value', width: 70 }], rows }

  it('flows a long table over pages, repeating its header, nothing outside the margins', () => {
    const pages = paginate([{ kind: 'heading', text: 'Table', level: 1 }, table], fonts)
    expect(pages.length).toBeGreaterThan(5)
    for (const ops of pages) {
      const t = texts(ops)
      expect(t.filter((o) => o.text === 'Name').length).toBe(1)
      for (const o of t) {
        expect(o.y).toBeGreaterThanOrEqual(PAGE.bottom - 4)
        expect(o.y).toBeLessThanOrEqual(PAGE.height - PAGE.top)
        expect(o.x + fonts.width(o.text, o.style, o.size)).toBeLessThanOrEqual(PAGE.left + TEXT_WIDTH + 0.01)
      }
    }
    const all = pages.flatMap((p) => texts(p).map((o) => o.text))
    for (let i = 0; i < 400; i++) expect(all).toContain(`row-${i}`)
  })

  it('splits a row taller than a page across pages instead of cutting it', () => {
    // A narrow column makes each word a line: 300 lines is several pages.
    const long = Array.from({ length: 300 }, (_, i) => `w${i}`).join(' ')
    const pages = paginate([{ kind: 'table', columns: [{ title: 'K', width: 92 }, { title: 'V', width: 8 }], rows: [{ cells: ['k', long] }] }], fonts)
    expect(pages.length).toBeGreaterThan(2)
    const words = pages.flatMap((p) => texts(p).flatMap((o) => o.text.split(' ')))
    for (let i = 0; i < 300; i++) expect(words).toContain(`w${i}`)
  })

  it('moves a heading that would end a page to the next one', () => {
    const filler: Block[] = Array.from({ length: 56 }, (_, i) => ({ kind: 'para', text: `para ${i}` }))
    const pages = paginate([...filler, { kind: 'heading', text: 'Next section', level: 1 }, { kind: 'para', text: 'body' }], fonts)
    const page = pages.findIndex((ops) => texts(ops).some((o) => o.text === 'Next section'))
    expect(texts(pages[page] ?? []).some((o) => o.text === 'body')).toBe(true)
  })
  it('never cuts a short code block (a command to copy) across pages', () => {
    const command = `vouch verify credit-default-1.1.0 --trust allowed_signers --against credit-default-1.0.0 ${'--require-approval '.repeat(4)}`
    const lines = wrapText(fonts, command, 'mono', 9, TEXT_WIDTH - 16)
    expect(lines.length).toBeGreaterThan(1)
    // Fill the page so that the block starts one line above the bottom margin, at every offset.
    for (let fill = 40; fill < 60; fill++) {
      const filler: Block[] = Array.from({ length: fill }, (_, i) => ({ kind: 'para', text: `line ${i}` }))
      const pages = paginate([...filler, { kind: 'code', text: command }], fonts)
      const holding = pages.filter((ops) => texts(ops).some((o) => o.style === 'mono' && lines.includes(o.text)))
      expect(holding.length, `with ${fill} lines before it`).toBe(1)
    }
  })
})

describe('paginate: figures', () => {
  const usable = PAGE.height - PAGE.top - PAGE.bottom
  const caption = (i: number): Block => ({ kind: 'para', text: `Caption ${i}: ${'the recomputed number and the claim '.repeat(6)}`, size: 7.5 })
  const pageOf = (pages: readonly Op[][], text: string): number => pages.findIndex((ops) => texts(ops).some((o) => o.text.startsWith(text)))
  const figure = (keepNext?: number): Block => ({ kind: 'figure', height: usable / 2, items: [{ kind: 'text', x: 0, y: 10, text: 'FIGURE', style: 'bold', size: 9, color: [0, 0, 0] }], ...(keepNext !== undefined ? { keepNext } : {}) })

  it('keep their captions on their page when asked, and only then', () => {
    // The figure fits below the filler, its three captions do not.
    const filler: Block = { kind: 'space', height: usable / 2 - 30 }
    const kept = paginate([filler, figure(3), caption(1), caption(2), caption(3)], fonts)
    expect(pageOf(kept, 'FIGURE')).toBe(1)
    expect(pageOf(kept, 'Caption 3')).toBe(1)
    const loose = paginate([filler, figure(), caption(1), caption(2), caption(3)], fonts)
    expect(pageOf(loose, 'FIGURE')).toBe(0)
    expect(pageOf(loose, 'Caption 3')).toBe(1)
  })
})
