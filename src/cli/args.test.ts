import { describe, expect, it } from 'vitest'
import { flagBool, flagList, flagString, helpText, parseArgs, type CommandSpec } from './args'
import { UsageError } from './command'

const SPEC: CommandSpec = {
  name: 'demo',
  synopsis: '<a> [b]',
  description: 'demo command',
  positionals: ['a'],
  optionalPositionals: ['b'],
  flags: [
    { name: 'json', kind: 'boolean', description: 'json' },
    { name: 'output', short: 'o', kind: 'string', placeholder: '<file>', description: 'out' },
    { name: 'mode', kind: 'string', choices: ['x', 'y'], description: 'mode' },
    { name: 'trust', kind: 'string', repeatable: true, description: 'trust' }
  ]
}

const usage = (argv: string[]): string => {
  try {
    parseArgs(SPEC, argv)
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError)
    return (e as Error).message
  }
  throw new Error('expected a UsageError')
}

describe('parseArgs', () => {
  it('reads positionals, booleans, --k v, --k=v and -o v in any order', () => {
    const a = parseArgs(SPEC, ['--json', 'first', '-o', 'out.zip', '--mode=y', 'second'])
    expect(a.positionals).toEqual(['first', 'second'])
    expect(flagBool(a, 'json')).toBe(true)
    expect(flagString(a, 'output')).toBe('out.zip')
    expect(flagString(a, 'mode')).toBe('y')
    expect(flagBool(a, 'missing')).toBe(false)
  })

  it('collects repeatable flags in order', () => {
    const a = parseArgs(SPEC, ['p', '--trust', 'a.txt', '--trust=b.txt'])
    expect(flagList(a, 'trust')).toEqual(['a.txt', 'b.txt'])
  })

  it('treats everything after -- as positional', () => {
    expect(parseArgs(SPEC, ['--', '--json']).positionals).toEqual(['--json'])
  })

  it('refuses unknown flags, missing values, bad choices, repeats and extra arguments', () => {
    expect(usage(['p', '--jsn'])).toBe("unknown option '--jsn'")
    expect(usage(['p', '-x'])).toBe("unknown option '-x'")
    expect(usage(['p', '-o'])).toMatch(/needs a value <file>/)
    expect(usage(['p', '-o', '--json'])).toMatch(/needs a value/)
    expect(usage(['p', '--mode', 'z'])).toMatch(/must be one of x, y/)
    expect(usage(['p', '--json', '--json'])).toMatch(/given twice/)
    expect(usage(['p', '--json=1'])).toMatch(/takes no value/)
    expect(usage(['p', '-o', 'a', '-o', 'b'])).toMatch(/given twice/)
    expect(usage([])).toBe('missing <a>')
    expect(usage(['a', 'b', 'c'])).toBe("unexpected argument 'c'")
  })

  it('--help wins over missing positionals', () => {
    expect(parseArgs(SPEC, ['--help']).help).toBe(true)
    expect(parseArgs(SPEC, ['-h', '--json']).help).toBe(true)
  })

  it('help text lists every flag with its choices', () => {
    const h = helpText(SPEC)
    expect(h).toContain('usage: vouch demo <a> [b]')
    expect(h).toMatch(/-o, --output <file>/)
    expect(h).toContain('(x|y)')
    expect(h).toContain('(repeatable)')
    expect(h).toContain('-h, --help')
  })
})
