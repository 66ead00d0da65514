import { describe, expect, it } from 'vitest'
import { diffPacks } from '../core/diff'
import { report, slice, thr } from '../core/diff/test-builders'
import { formatDiffMarkdown } from './diff-markdown'

describe('vouch diff --markdown', () => {
  it("lists regressions in core's one order (the app's Compare view uses the same): crossings first within a level", () => {
    const metrics = [thr('recall', '0.80', '>=', '0.70')]
    const d = diffPacks(
      report({ metrics, slices: [slice('big', { recall: 1.0 }), slice('edge', { recall: 0.7007 })] }),
      report({ metrics, slices: [slice('big', { recall: 0.72 }), slice('edge', { recall: 0.6999 })] })
    )
    const rows = formatDiffMarkdown(d)
      .split('\n')
      .filter((l) => /^\| major \|/.test(l))
      .map((l) => l.split(' | ')[1])
    expect(rows).toEqual(['edge', 'big'])
    expect(rows).toEqual(d.regressions.map((r) => r.slice))
  })
})
