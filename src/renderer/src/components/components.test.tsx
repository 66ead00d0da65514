import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { Digest } from './Digest'
import { KeepIds } from './KeepIds'
import { Num } from './Num'

describe('components that keep words, digests and numbers whole', () => {
  it('a digest breaks only between 16-character groups, and copies as itself', () => {
    const d = 'ab'.repeat(32)
    const html = renderToStaticMarkup(<Digest value={d} />)
    expect(html.match(/<wbr\/>/g)).toHaveLength(3)
    expect(html.replace(/<[^>]+>/g, '')).toBe(d)
  })
  it('ids and dates stay whole inside prose', () => {
    const html = renderToStaticMarkup(<KeepIds text="1 slice vanished: channel-telesales on 2026-11-30" />)
    expect(html).toContain('<span class="nowrap">channel-telesales</span>')
    expect(html).toContain('<span class="nowrap">2026-11-30</span>')
    expect(html.replace(/<[^>]+>/g, '')).toBe('1 slice vanished: channel-telesales on 2026-11-30')
  })
  it('a number is split at its decimal point into a fixed-width fraction box', () => {
    expect(renderToStaticMarkup(<Num text="0.034" frac={5} />)).toBe(
      '<span class="num-aligned"><span class="num-int">0</span><span class="num-frac" style="min-width:5ch">.034</span></span>'
    )
  })
})
