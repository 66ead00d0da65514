import { describe, expect, it } from 'vitest'
import { MIN_PASSPHRASE, nameProblem, passphraseProblem, roleProblem } from './key-rules'

describe('key rules, stated before anyone types', () => {
  it('a name with a space says why', () => {
    expect(nameProblem('Ana Ruiz')).toBe('a name cannot contain spaces (use . or _ instead)')
    expect(nameProblem('ana.ruiz@bank.example')).toBeUndefined()
    expect(nameProblem('')).toBe('enter your name')
    expect(nameProblem('-ana')).toMatch(/^a name uses letters, digits/)
  })
  it('roles and passphrases', () => {
    expect(roleProblem('Owner')).toMatch(/lowercase/)
    expect(roleProblem('owner')).toBeUndefined()
    expect(passphraseProblem('short')).toBe(`the passphrase needs at least ${MIN_PASSPHRASE} characters (5 so far)`)
    expect(passphraseProblem('long enough', 'long enougH')).toBe('the two passphrases differ')
    expect(passphraseProblem('long enough', 'long enough')).toBeUndefined()
  })
})
