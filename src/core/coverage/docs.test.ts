import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { COVERAGE_CODES } from './codes'

const doc = readFileSync(join(__dirname, '..', '..', '..', 'docs', 'pack-format.md'), 'utf8')

describe('docs/pack-format.md for risk coverage', () => {
  it('lists every coverage finding code with its severity and description', () => {
    for (const c of COVERAGE_CODES) expect(doc, c.code).toContain(`| \`${c.code}\` | ${c.severity} | ${c.description} |`)
  })

  it('states the rule in its own section', () => {
    expect(doc).toMatch(/^### 5\.2 Risk coverage$/m)
  })
})
