import { describe, expect, it } from 'vitest'
import { checkDigest, formatReference, isLoopbackHost, parseReference, referrersTag } from './reference'

const D = `sha256:${'a'.repeat(64)}`

describe('parseReference', () => {
  it('splits registry, repository, tag and digest', () => {
    expect(parseReference('registry.example.com/models/credit-default:pack-1.1.0')).toEqual({ registry: 'registry.example.com', repository: 'models/credit-default', tag: 'pack-1.1.0' })
    expect(parseReference(`127.0.0.1:5000/a/b@${D}`)).toEqual({ registry: '127.0.0.1:5000', repository: 'a/b', digest: D })
    expect(parseReference(`localhost/a:t@${D}`)).toEqual({ registry: 'localhost', repository: 'a', tag: 't', digest: D })
    expect(parseReference('[::1]:5000/x')).toEqual({ registry: '[::1]:5000', repository: 'x' })
    expect(formatReference(parseReference(`Reg.Example:443/a/b:c@${D}`))).toBe(`reg.example:443/a/b:c@${D}`)
  })

  it('never assumes a default registry and refuses what the distribution spec does not allow', () => {
    expect(() => parseReference('library/ubuntu:22.04')).toThrow(/not a registry host/)
    expect(() => parseReference('ubuntu')).toThrow(/names no registry/)
    expect(() => parseReference('https://reg.example/a')).toThrow(/without a scheme/)
    expect(() => parseReference('reg.example/Upper')).toThrow(/not a valid repository/)
    expect(() => parseReference('reg.example/a:-bad')).toThrow(/not a valid tag/)
    expect(() => parseReference(`reg.example/a:${'t'.repeat(129)}`)).toThrow(/not a valid tag/)
    expect(() => parseReference('reg.example/a@sha512:abcd')).toThrow(/not a sha256 digest/)
    expect(() => parseReference('reg.example/a@sha256:ABC')).toThrow(/not a sha256 digest/)
    expect(() => parseReference('reg.example/a b')).toThrow(/whitespace/)
    expect(() => parseReference('reg.example:99999/a')).toThrow(/out of range/)
  })

  it('checks digests', () => {
    expect(checkDigest(D)).toBe(D)
    expect(() => checkDigest('sha256:' + 'g'.repeat(64))).toThrow()
  })
})

describe('referrersTag (distribution-spec "Referrers Tag Schema")', () => {
  it('is <alg>-<hex>, truncated and with disallowed characters replaced, as the spec table says', () => {
    expect(referrersTag(D)).toBe(`sha256-${'a'.repeat(64)}`)
    expect(referrersTag(`sha512:${'a'.repeat(128)}`)).toBe(`sha512-${'a'.repeat(64)}`)
    expect(
      referrersTag('test+algorithm+using+algorithm+separators+and+lots+of+characters+to+excercise+overall+truncation:alsoSome=InTheEncodedSectionToShowHyphenReplacementAndLotsAndLotsOfCharactersToExcerciseEncodedTruncation')
    ).toBe('test-algorithm-using-algorithm-s-alsoSome-InTheEncodedSectionToShowHyphenReplacementAndLotsAndLot')
  })
})

describe('isLoopbackHost', () => {
  it('is true only for loopback', () => {
    for (const h of ['127.0.0.1', '127.3.2.1', 'localhost', '::1', '[::1]']) expect(isLoopbackHost(h)).toBe(true)
    for (const h of ['10.0.0.1', '128.0.0.1', 'localhost.example.com', '127.0.0.1.nip.io', '::2', '0.0.0.0']) expect(isLoopbackHost(h)).toBe(false)
  })
})
