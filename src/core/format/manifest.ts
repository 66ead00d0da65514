/**
 * manifest-sha256.txt / tagmanifest-sha256.txt: parse and serialise.
 *
 * Canonical line (what Vouch writes, and what `sha256sum -c` reads): `<64 lowercase hex>  <path>\n`,
 * two spaces, LF, sorted by the UTF-8 bytes of the path, path percent-encoded as RFC 8493 says
 * (%25, %0D, %0A only). On input, hex may be any case and lines may end in CRLF; RFC 8493 allows any
 * run of spaces/tabs and md5sum's "*" binary marker, so those are accepted with a warning
 * (manifest-line-noncanonical). Every bad line is a finding with its line number; parsing never stops.
 */
import type { Finding } from '../findings'
import { formatFinding } from './codes'
import { sortByPackPath } from './path-order'
import { checkPackPath, decodeManifestPath, encodeManifestPath, packPathKey } from './paths'
import { splitLines } from './tag-text'

export const PAYLOAD_MANIFEST = 'manifest-sha256.txt'
export const TAG_MANIFEST = 'tagmanifest-sha256.txt'

export interface ManifestEntry {
  /** Decoded, NFC pack path. */
  readonly path: string
  /** Lowercase hex. */
  readonly sha256: string
  readonly line: number
}

const LINE = /^([0-9A-Fa-f]+)([ \t]+)(\*?)(.*)$/
const PLAIN_PATH = /^[A-Za-z0-9_-][A-Za-z0-9._ +=,@-]*(?:\/[A-Za-z0-9_-][A-Za-z0-9._ +=,@-]*)*$/
/** 64 lowercase hex digits, exactly two spaces, then a character a plain path starts with. */
const CANONICAL = /^[0-9a-f]{64} {2}(?=[A-Za-z0-9_-])/

/**
 * `kind` decides the scope rule: a payload manifest lists only data/ paths; a tag manifest lists none.
 * Entries breaking a rule are reported and left out.
 */
export function parseManifest(text: string, manifestPath: string, kind: 'payload' | 'tag', out: Finding[]): ManifestEntry[] {
  const entries: ManifestEntry[] = []
  const seen = new Map<string, number>()
  const lines = splitLines(text)
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i] as string
    const n = i + 1
    // A canonical line with a plain path (what Vouch writes: nearly every line of a big manifest)
    // reads the same as parseLine reads it, without a capture per part, a decode, an NFC pass or a lower-casing.
    const tail = CANONICAL.test(raw) ? raw.slice(66) : ''
    const plain = tail !== '' && PLAIN_PATH.test(tail)
    const parsed = plain ? { path: tail, hex: raw.slice(0, 64) } : parseLine(raw, n, manifestPath, out)
    if (parsed === undefined) continue
    const { path, hex } = parsed
    if (path.startsWith('signoffs/')) {
      out.push(formatFinding('signoff-in-manifest', `${manifestPath} line ${n}: sign-off file ${JSON.stringify(path)} must not be listed in a manifest (it would change the pack digest)`, { path: manifestPath, actual: path }))
      continue
    }
    const inData = path.startsWith('data/')
    if (kind === 'payload' && !inData) {
      out.push(formatFinding('manifest-path-outside-payload', `${manifestPath} line ${n}: ${JSON.stringify(path)} is not under data/`, { path: manifestPath, actual: path, expected: 'data/…' }))
      continue
    }
    if (kind === 'tag' && inData) {
      out.push(formatFinding('tagmanifest-lists-payload', `${manifestPath} line ${n}: payload file ${JSON.stringify(path)} belongs in ${PAYLOAD_MANIFEST}, not the tag manifest`, { path: manifestPath, actual: path }))
      continue
    }
    // A plain path is ASCII: its NFC form is itself.
    const key = plain ? path : packPathKey(path)
    const first = seen.get(key)
    if (first !== undefined) {
      out.push(formatFinding('manifest-duplicate-entry', `${manifestPath} line ${n}: ${JSON.stringify(path)} is already listed on line ${first}`, { path: manifestPath, actual: path }))
      continue
    }
    seen.set(key, n)
    entries.push({ path, sha256: plain ? hex : hex.toLowerCase(), line: n })
  }
  return entries
}

/** Any other line: its checksum and decoded, checked path, or undefined once the finding says why not. */
function parseLine(raw: string, n: number, manifestPath: string, out: Finding[]): { path: string; hex: string } | undefined {
  const at = `${manifestPath} line ${n}`
  const m = LINE.exec(raw)
  const hex = m?.[1] ?? ''
  const rawPath = m?.[4] ?? ''
  if (!m || hex.length !== 64 || rawPath === '') {
    const why = !m ? 'not "<sha256>  <path>"' : hex.length !== 64 ? `checksum has ${hex.length} hex digits, SHA-256 has 64` : 'no path'
    out.push(formatFinding('manifest-line-malformed', `${at}: ${why}`, { path: manifestPath, actual: `line ${n}: ${JSON.stringify(raw.length > 100 ? raw.slice(0, 100) + '…' : raw)}`, expected: '<64 hex>  <path>' }))
    return undefined
  }
  if (m[2] !== '  ' || m[3] === '*') {
    out.push(formatFinding('manifest-line-noncanonical', `${at}: ${m[3] === '*' ? 'binary marker "*"' : `separator ${JSON.stringify(m[2])}`} instead of two spaces (accepted)`, { path: manifestPath, actual: `line ${n}`, expected: '<64 hex>  <path>' }))
  }
  const decoded = decodeManifestPath(rawPath)
  // Fast path for plain ASCII names (the vast majority): no '.'/'..'/empty segment, no backslash or control
  // character, nothing NFC would change, so checkPackPath could only add Windows warnings (not used here).
  if (PLAIN_PATH.test(decoded)) return { path: decoded, hex }
  const check = checkPackPath(decoded)
  if (!check.ok) {
    const reasons = check.issues.filter((x) => x.severity === 'error').map((x) => x.reason).join('; ')
    out.push(formatFinding('manifest-path-unsafe', `${at}: path ${JSON.stringify(rawPath)} is refused: ${reasons}`, { path: manifestPath, actual: rawPath }))
    return undefined
  }
  return { path: check.normalized, hex }
}

/** Canonical manifest text: sorted by path bytes, two spaces, LF, trailing LF. */
export function serializeManifest(entries: readonly { readonly path: string; readonly sha256: string }[]): string {
  return sortByPackPath(entries, (e) => e.path)
    .map((e) => {
      if (!/^[0-9a-f]{64}$/.test(e.sha256)) throw new RangeError(`not a lowercase SHA-256: ${e.sha256}`)
      return `${e.sha256}  ${encodeManifestPath(e.path.normalize('NFC'))}\n`
    })
    .join('')
}
