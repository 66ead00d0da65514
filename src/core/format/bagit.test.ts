import { describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { checkBagInfoProfile, parseBagInfo, serializeBagInfo } from './bagit'
import { parseManifest, serializeManifest } from './manifest'
import { checkPackPath } from './paths'
import { decodeTagText } from './tag-text'

const H = 'ab'.repeat(32)

describe('manifests', () => {
  it('round-trip paths with %, CR and LF percent-encoded, sorted by UTF-8 bytes', () => {
    const text = serializeManifest([
      { path: 'data/é.txt', sha256: H },
      { path: 'data/100%.txt', sha256: H },
      { path: 'data/Z.txt', sha256: H },
      { path: 'data/a.txt', sha256: H }
    ])
    expect(text).toBe(`${H}  data/100%25.txt\n${H}  data/Z.txt\n${H}  data/a.txt\n${H}  data/é.txt\n`)
    const out: Finding[] = []
    expect(parseManifest(text, 'manifest-sha256.txt', 'payload', out).map((e) => e.path)).toEqual(['data/100%.txt', 'data/Z.txt', 'data/a.txt', 'data/é.txt'])
    expect(out).toEqual([])
  })

  it('compares paths after NFC: an NFD duplicate is a duplicate', () => {
    const out: Finding[] = []
    const nfd = 'data/e\u0301.txt'
    const entries = parseManifest(`${H}  data/é.txt\n${H}  ${nfd}\n`, 'm', 'payload', out)
    expect(entries).toHaveLength(1)
    expect(out.map((f) => f.code)).toEqual(['manifest-duplicate-entry'])
  })

  it('accepts the * binary marker and tabs with a warning, lowercases hex', () => {
    const out: Finding[] = []
    const e = parseManifest(`${H.toUpperCase()} *data/a\n${H}\tdata/b\n`, 'm', 'payload', out)
    expect(e.map((x) => [x.path, x.sha256])).toEqual([['data/a', H], ['data/b', H]])
    expect(out.map((f) => [f.code, f.severity])).toEqual([['manifest-line-noncanonical', 'warning'], ['manifest-line-noncanonical', 'warning']])
  })

  it('refuses absolute, drive and backslash paths', () => {
    const out: Finding[] = []
    parseManifest(`${H}  /etc/passwd\n${H}  C:/x\n${H}  data\\x\n${H}  data/%2e%2e/x\n`, 'm', 'payload', out)
    // %2e is not an RFC 8493 escape: "data/%2e%2e/x" is a literal (safe) name, not "data/../x".
    expect(out.map((f) => f.code)).toEqual(['manifest-path-unsafe', 'manifest-path-unsafe', 'manifest-path-unsafe'])
  })
})

describe('bag-info', () => {
  it('serialises in order with LF and folds multi-line values into continuation lines', () => {
    const text = serializeBagInfo([['Pack-Name', 'x'], ['External-Description', 'one\ntwo']])
    expect(text).toBe('Pack-Name: x\nExternal-Description: one\n  two\n')
    const out: Finding[] = []
    expect(parseBagInfo(text, out)).toEqual([['Pack-Name', 'x'], ['External-Description', 'one two']])
    expect(out).toEqual([])
  })

  it('keeps repeated labels and matches profile labels case-insensitively', () => {
    const out: Finding[] = []
    const info = parseBagInfo('pack-name: a\nPack-Version: 1\nPack-Profile: vouch.assurance-pack/v1\nSource-Commit: ' + 'a'.repeat(40) + '\nData-Version: d\nRun-ID: r\nBagging-Date: 2026-02-29\nPayload-Oxum: 1.1\nContact-Name: A\nContact-Name: B\n', out)
    checkBagInfoProfile(info, out)
    expect(out.map((f) => [f.code, f.actual])).toEqual([['bag-info-value-invalid', '2026-02-29']])
    expect(info.filter(([k]) => k === 'Contact-Name')).toHaveLength(2)
  })

  it('a label without ": " is malformed', () => {
    const out: Finding[] = []
    parseBagInfo('Pack-Name:x\n: value\n', out)
    expect(out.map((f) => f.code)).toEqual(['bag-info-malformed', 'bag-info-malformed'])
  })
})

describe('tag text', () => {
  it('refuses BOM, UTF-16 and invalid UTF-8', () => {
    const out: Finding[] = []
    expect(decodeTagText(new Uint8Array([0xef, 0xbb, 0xbf, 0x41]), 'bagit.txt', out)).toBeUndefined()
    expect(decodeTagText(new Uint8Array([0xff, 0xfe, 0x41, 0]), 'bagit.txt', out)).toBeUndefined()
    expect(decodeTagText(new Uint8Array([0x41, 0xc3]), 'bagit.txt', out)).toBeUndefined()
    expect(out.map((f) => f.code)).toEqual(['tag-file-encoding', 'tag-file-encoding', 'tag-file-encoding'])
  })
})

describe('manifest fast path', () => {
  it('plain ASCII paths taken without checkPackPath are exactly those checkPackPath accepts unchanged', () => {
    const chars = 'aZ09_-. +=,@/~:\\'
    let seed = 7
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
    for (let i = 0; i < 3000; i++) {
      let p = 'data/'
      const n = 1 + Math.floor(rnd() * 12)
      for (let k = 0; k < n; k++) p += chars[Math.floor(rnd() * chars.length)]
      const out: Finding[] = []
      const got = parseManifest(`${H}  ${p}\n`, 'm', 'payload', out)
      const check = checkPackPath(p)
      if (check.ok) expect(got.map((e) => e.path), p).toEqual([check.normalized])
      else expect(out.map((f) => f.code), p).toEqual(['manifest-path-unsafe'])
    }
  })
})
