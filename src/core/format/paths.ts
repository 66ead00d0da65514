/**
 * Pack-path rules, shared by the container readers (src/core/io), the manifest parser and writer,
 * and the builder. Pure: no node: imports.
 *
 * A pack path is relative to the bag root, '/'-separated, UTF-8, compared after NFC
 * (e.g. "data/evaluation/metrics.json"). Anything that could escape the bag root or be read
 * differently by another OS (.., absolute, drive letters, UNC, backslashes, control characters)
 * is refused; names that only Windows chokes on (CON, trailing dot, "a:b") are warnings so a pack
 * gets the same verdict on every OS.
 */

export type PathIssueCode = 'unsafe-path' | 'windows-unsafe-name'

export interface PathIssue {
  readonly code: PathIssueCode
  readonly severity: 'error' | 'warning'
  /** One line, for people: says which rule the path breaks. */
  readonly reason: string
}

export interface PathCheck {
  /** No error-severity issue: the path is safe to use as a key inside the pack. */
  readonly ok: boolean
  /** The NFC form of the path (what manifests and lookups compare). */
  readonly normalized: string
  readonly issues: readonly PathIssue[]
}

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³]|conin\$|conout\$)$/i
// Characters Windows refuses in a name (':' too, covered separately for drive letters / streams).
const WINDOWS_BAD_CHARS = /[<>"|?*]/
// C0 controls, DEL and C1 controls. NUL is included.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f]/
const MAX_SEGMENT_BYTES = 255

/** UTF-8 length without allocating (called for every entry of every container). */
export function utf8ByteLength(s: string): number {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4
      i++
    } else n += 3
  }
  return n
}

/** NFC form; compare pack paths only through this (or packPathKey for equality). */
export function normalizePackPath(p: string): string {
  return p.normalize('NFC')
}

/** Segments of a pack path (no validation). */
export function splitPackPath(p: string): string[] {
  return p.split('/')
}

/** Number of '/'-separated segments. "a/b/c.txt" has depth 3. */
export function packPathDepth(p: string): number {
  if (p === '') return 0
  let n = 1
  for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) n++
  return n
}

/** True when the string contains a lone surrogate (cannot be encoded as UTF-8). */
function hasLoneSurrogate(s: string): boolean {
  return /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s)
}

/**
 * Checks one pack path against every rule. Returns all issues, not just the first, so callers
 * can report each one. The input is the decoded name (manifest paths: after decodeManifestPath).
 */
export function checkPackPath(p: string): PathCheck {
  const issues: PathIssue[] = []
  const err = (reason: string): void => {
    issues.push({ code: 'unsafe-path', severity: 'error', reason })
  }
  const warn = (reason: string): void => {
    issues.push({ code: 'windows-unsafe-name', severity: 'warning', reason })
  }
  const normalized = normalizePackPath(p)

  if (p.length === 0) {
    err('empty path')
    return { ok: false, normalized, issues }
  }
  if (hasLoneSurrogate(p) || p.includes('\ufffd')) err('not valid UTF-8')
  if (CONTROL_CHARS.test(p)) err('contains a NUL or control character')
  if (p.includes('\\')) err('contains a backslash (only "/" separates segments)')
  if (p.startsWith('/')) err('absolute path')
  if (/^[A-Za-z]:/.test(p)) err('drive path (e.g. "C:")')
  if (p.startsWith('\\\\') || p.startsWith('//')) err('UNC or device path')
  if (p.startsWith('~')) err('home-relative path ("~")')

  // Segment rules. A trailing '/' (directory entry) is tolerated by callers that strip it first.
  const segments = p.split('/')
  const body = p.startsWith('/') ? segments.slice(1) : segments
  body.forEach((seg, i) => {
    if (seg === '') {
      if (!(i === 0 && p.startsWith('/'))) err('empty segment ("//" or a trailing "/")')
      return
    }
    if (seg === '..') err('".." segment (escapes the bag)')
    else if (seg === '.') err('"." segment')
    else {
      if (WINDOWS_RESERVED.test(seg.replace(/\..*$/, '').trimEnd())) warn(`"${seg}" is a Windows device name`)
      if (/[. ]$/.test(seg)) warn(`"${seg}" ends with a dot or space (Windows drops it)`)
      if (seg.includes(':') && !(i === 0 && /^[A-Za-z]:/.test(seg))) warn(`"${seg}" contains ":" (a Windows stream name)`)
      if (WINDOWS_BAD_CHARS.test(seg)) warn(`"${seg}" contains a character Windows refuses (<>"|?*)`)
      if (utf8ByteLength(seg) > MAX_SEGMENT_BYTES) warn(`a segment is longer than ${MAX_SEGMENT_BYTES} bytes`)
    }
  })
  // De-duplicate identical reasons (e.g. several empty segments).
  const seen = new Set<string>()
  const unique = issues.filter((i) => (seen.has(i.reason) ? false : (seen.add(i.reason), true)))
  return { ok: !unique.some((i) => i.severity === 'error'), normalized, issues: unique }
}

/** Shorthand: no error-severity issue. */
export function isSafePackPath(p: string): boolean {
  return checkPackPath(p).ok
}

/**
 * The key two paths collide on when extracted to a case-insensitive or normalising file system
 * (macOS, Windows): NFC, then full case folding (upper then lower maps "ß" to "ss").
 */
export function collisionKey(p: string): string {
  return p.normalize('NFC').toUpperCase().toLowerCase().normalize('NFC')
}

/** Equality key for pack paths: NFC form. Two paths are the same pack path iff their keys match. */
export function packPathKey(p: string): string {
  return p.normalize('NFC')
}

/**
 * Deterministic order for pack paths: by the UTF-8 bytes of the NFC form (what `sort` in C locale
 * gives). UTF-8 byte order is code point order, so code points are compared without encoding.
 */
export function comparePackPaths(a: string, b: string): number {
  if (a === b) return 0
  const x = a.normalize('NFC')
  const y = b.normalize('NFC')
  let i = 0
  let j = 0
  while (i < x.length && j < y.length) {
    const cx = x.codePointAt(i) as number
    const cy = y.codePointAt(j) as number
    if (cx !== cy) return cx - cy
    i += cx > 0xffff ? 2 : 1
    j += cy > 0xffff ? 2 : 1
  }
  return x.length - i - (y.length - j)
}

/**
 * RFC 8493 section 2.1.3: in manifest lines, CR, LF and '%' in a file path are percent-encoded
 * (%0D, %0A, %25). Nothing else is encoded.
 */
export function encodeManifestPath(p: string): string {
  return p.replace(/[%\r\n]/g, (c) => (c === '%' ? '%25' : c === '\r' ? '%0D' : '%0A'))
}

/**
 * Inverse of encodeManifestPath. Only %25, %0D and %0A (either hex case) are decoded; any other
 * '%' sequence is kept literally, as RFC 8493 defines no other escapes.
 */
export function decodeManifestPath(s: string): string {
  return s.replace(/%(25|0[dD]|0[aA])/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
}
