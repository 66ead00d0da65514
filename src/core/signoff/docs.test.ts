import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_CHECKLIST } from './checklist'
import { SIGNOFF_CODES } from './codes'
import { PREDICATE_TYPE, PREDICATE_TYPE_V2 } from './statement'

const doc = readFileSync(join(__dirname, '../../../docs/pack-format.md'), 'utf8')
const section = doc.slice(doc.indexOf('\n## Sign-offs\n'))

describe('docs/pack-format.md "Sign-offs"', () => {
  it('documents every sign-off finding code with its severity', () => {
    expect(SIGNOFF_CODES.filter((c) => !section.includes(`| \`${c.code}\` | ${c.severity} |`)).map((c) => c.code)).toEqual([])
  })

  it('names the predicate type and every default checklist id', () => {
    expect(section).toContain(PREDICATE_TYPE)
    expect(section).toContain(PREDICATE_TYPE_V2.replace('https://vouch.dev/signoff', '…'))
    for (const f of ['predicate.acknowledges', 'acknowledges.previous.name', 'acknowledges.previous.digest.sha256', 'acknowledges.blockers']) expect(section).toContain(`| \`${f}\` |`)
    expect(DEFAULT_CHECKLIST.filter((c) => !section.includes(`\`${c.id}\``)).map((c) => c.id)).toEqual([])
  })
})
