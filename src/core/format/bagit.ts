/**
 * bagit.txt and bag-info.txt: parse (every problem a finding) and deterministic serialisation.
 */
import type { Finding } from '../findings'
import { formatFinding } from './codes'
import { COMMIT_PATTERN } from './schemas'
import { splitLines } from './tag-text'
import { hasUnsafeText, safeText } from '../text/safe-text'

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'

/** The Pack-Profile value of an Assurance Pack v1. */
export const PACK_PROFILE = 'vouch.assurance-pack/v1'

/** Labels the Assurance Pack profile requires, in the order the builder writes them. */
export const REQUIRED_LABELS = ['Pack-Name', 'Pack-Version', 'Pack-Profile', 'Source-Commit', 'Data-Version', 'Run-ID', 'Bagging-Date', 'Payload-Oxum'] as const
export const OPTIONAL_LABELS = ['Previous-Version'] as const
/** Profile labels that may appear only once. */
const SINGLE = new Set<string>([...REQUIRED_LABELS, ...OPTIONAL_LABELS].map((l) => l.toLowerCase()))

export function checkBagitTxt(text: string, out: Finding[]): void {
  const path = 'bagit.txt'
  const lines = splitLines(text)
  const want = ['BagIt-Version: 1.0', 'Tag-File-Character-Encoding: UTF-8']
  const problems: string[] = []
  want.forEach((w, i) => {
    const got = lines[i]
    if (got === undefined) problems.push(`line ${i + 1} is missing (expected "${w}")`)
    else if (got !== w) problems.push(`line ${i + 1} is ${JSON.stringify(got)} (expected "${w}")`)
  })
  if (lines.length > 2) problems.push(`${lines.length - 2} extra line(s) after line 2`)
  for (const p of problems) {
    out.push(formatFinding('bagit-txt-invalid', `bagit.txt: ${p}`, { path, expected: BAGIT_TXT.trimEnd().replace('\n', ' / ') }))
  }
}

export type BagInfo = readonly (readonly [string, string])[]

/** Parses bag-info.txt into ordered label/value pairs (continuation lines joined with one space). */
export function parseBagInfo(text: string, out: Finding[]): BagInfo {
  const path = 'bag-info.txt'
  const pairs: [string, string][] = []
  splitLines(text).forEach((line, i) => {
    const n = i + 1
    if (/^[ \t]/.test(line)) {
      const last = pairs[pairs.length - 1]
      if (!last || line.trim() === '') {
        out.push(formatFinding('bag-info-malformed', `bag-info.txt line ${n}: ${last ? 'blank continuation line' : 'continuation line before any label'}`, { path, actual: `line ${n}` }))
        return
      }
      last[1] = `${last[1]} ${line.trim()}`
      return
    }
    const colon = line.indexOf(':')
    const label = colon > 0 ? line.slice(0, colon) : ''
    const sep = line[colon + 1]
    if (colon <= 0 || label.trim() !== label || (sep !== ' ' && sep !== '\t' && colon + 1 < line.length)) {
      out.push(formatFinding('bag-info-malformed', `bag-info.txt line ${n}: expected "Label: value", got ${JSON.stringify(line.length > 60 ? line.slice(0, 60) + '…' : line)}`, { path, actual: `line ${n}`, expected: 'Label: value' }))
      return
    }
    pairs.push([label, line.slice(colon + 2).trim()])
  })
  return pairs
}

/** Case-insensitive lookup of the first value of a label (RFC 8493 labels are matched case-insensitively here). */
export function bagInfoValue(info: BagInfo, label: string): string | undefined {
  const l = label.toLowerCase()
  return info.find(([k]) => k.toLowerCase() === l)?.[1]
}

export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)
  if (!m) return false
  const d = new Date(`${s}T00:00:00Z`)
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
}

/** Profile checks on bag-info: required labels, no repeats, value forms. */
export function checkBagInfoProfile(info: BagInfo, out: Finding[]): void {
  const path = 'bag-info.txt'
  const counts = new Map<string, number>()
  for (const [k] of info) counts.set(k.toLowerCase(), (counts.get(k.toLowerCase()) ?? 0) + 1)
  for (const l of REQUIRED_LABELS) {
    if (!counts.has(l.toLowerCase())) out.push(formatFinding('bag-info-label-missing', `bag-info.txt has no ${l} label (the Assurance Pack profile requires it)`, { path, expected: `${l}: …` }))
  }
  for (const [k, c] of counts) {
    if (c > 1 && SINGLE.has(k)) {
      const label = [...REQUIRED_LABELS, ...OPTIONAL_LABELS].find((l) => l.toLowerCase() === k) ?? k
      out.push(formatFinding('bag-info-label-repeated', `bag-info.txt has ${c} ${label} labels; it may appear once`, { path, expected: '1', actual: String(c) }))
    }
  }
  const v = (l: string): string | undefined => bagInfoValue(info, l)
  const invalid = (label: string, value: string, expected: string): void => {
    out.push(formatFinding('bag-info-value-invalid', `bag-info.txt ${label} ${JSON.stringify(value)} is not ${expected}`, { path, expected, actual: value }))
  }
  const oxum = v('Payload-Oxum')
  if (oxum !== undefined && !/^\d+\.\d+$/.test(oxum)) invalid('Payload-Oxum', oxum, '"<octets>.<files>" (e.g. 1048576.12)')
  const date = v('Bagging-Date')
  if (date !== undefined && !isIsoDate(date)) invalid('Bagging-Date', date, 'a YYYY-MM-DD date')
  const commit = v('Source-Commit')
  if (commit !== undefined && !new RegExp(COMMIT_PATTERN).test(commit)) invalid('Source-Commit', commit, 'a full 40- or 64-hex commit')
  const profile = v('Pack-Profile')
  if (profile !== undefined && profile !== PACK_PROFILE) invalid('Pack-Profile', profile, PACK_PROFILE)
  for (const l of ['Pack-Name', 'Pack-Version', 'Data-Version', 'Run-ID'] as const) {
    const x = v(l)
    if (x !== undefined && x === '') invalid(l, x, 'a non-empty value')
  }
}

/** Parses "octets.files". */
export function parseOxum(s: string | undefined): { readonly octets: number; readonly files: number } | undefined {
  const m = s === undefined ? null : /^(\d+)\.(\d+)$/.exec(s)
  return m ? { octets: Number(m[1]), files: Number(m[2]) } : undefined
}

/**
 * bag-info.txt text: "Label: value" lines in the given order, LF, trailing LF; newlines in values
 * become continuation lines. Any other control or bidi character is written escaped (core/text):
 * the builder refuses such values first, so this only guards a caller that did not.
 */
export function serializeBagInfo(info: BagInfo): string {
  return info
    .map(([k, val]) => {
      if (/[\r\n:]/.test(k) || k.trim() !== k || k === '' || hasUnsafeText(k)) throw new RangeError(`invalid bag-info label ${JSON.stringify(k)}`)
      const [first, ...rest] = val.split(/\r\n|\n|\r/).map((s) => safeText(s.trim()))
      return [`${k}: ${first ?? ''}`, ...rest.filter((s) => s !== '').map((s) => `  ${s}`)].join('\n') + '\n'
    })
    .join('')
}
