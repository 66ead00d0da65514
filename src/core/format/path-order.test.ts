import { describe, expect, it } from 'vitest'
import { comparePackPaths } from './paths'
import { sortByPackPath } from './path-order'

describe('sortByPackPath', () => {
  it('orders exactly like comparePackPaths (UTF-8 bytes of NFC), including astral and U+E000+ characters', () => {
    const paths = ['data/b', 'data/B', 'data/a/b', 'data/a b', 'data/é', 'data/e\u0301x', 'data/\uffff', 'data/😀', 'data/\ue000', 'data/Z', 'data/a', 'data/~', 'data/数据', 'data/']
    const expected = [...paths].sort(comparePackPaths)
    expect(sortByPackPath(paths, (p) => p)).toEqual(expected)
    expect(expected.indexOf('data/\uffff')).toBeLessThan(expected.indexOf('data/😀'))
  })
})
