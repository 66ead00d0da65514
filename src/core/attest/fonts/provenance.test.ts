/**
 * The attestation fonts are committed copies (resources/fonts/README.md says where each came from
 * and under which licence); SHA256SUMS pins their bytes. A font changed without its record fails
 * here, and so does a file added without one.
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FONT_FILES } from '../node-fonts'

const DIR = join(__dirname, '../../../../resources/fonts')
const RECORDS = new Set(['README.md', 'SHA256SUMS'])

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [relative(DIR, join(dir, n))]))
}

describe('resources/fonts provenance', () => {
  const sums = new Map(
    readFileSync(join(DIR, 'SHA256SUMS'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => {
        const m = /^([0-9a-f]{64}) {2}(\S+)$/.exec(l)
        if (!m) throw new Error(`SHA256SUMS: bad line ${JSON.stringify(l)}`)
        return [m[2] as string, m[1] as string] as const
      })
  )

  it('every file is pinned by SHA256SUMS, and matches', () => {
    const present = files(DIR).filter((f) => !RECORDS.has(f)).sort()
    expect([...sums.keys()].sort()).toEqual(present)
    for (const [f, want] of sums) expect(createHash('sha256').update(readFileSync(join(DIR, f))).digest('hex'), f).toBe(want)
  })

  it('every font the attestation loads has a row in the README with its licence file', () => {
    const readme = readFileSync(join(DIR, 'README.md'), 'utf8')
    for (const f of Object.values(FONT_FILES)) {
      const row = readme.split('\n').find((l) => l.startsWith(`| ${f} |`))
      expect(row, f).toBeDefined()
      const licence = f.startsWith('dejavu/') ? 'dejavu/LICENSE' : 'noto-sans-sc/OFL.txt'
      expect(sums.has(licence)).toBe(true)
      expect(readme).toContain(licence)
    }
  })

  it('no npm package is needed for them', () => {
    const pkg = JSON.parse(readFileSync(join(DIR, '../../package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>
    const deps = Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })
    expect(deps.filter((d) => /font/i.test(d) && d !== '@pdf-lib/fontkit')).toEqual([])
  })
})
