/**
 * Tag files (bagit.txt, bag-info.txt, manifests) are UTF-8 text without BOM (RFC 8493 2.1.1, and
 * the profile requires UTF-8). Lines may end in LF, CRLF or CR on input; Vouch writes LF only.
 */
import type { Finding } from '../findings'
import { formatFinding } from './codes'

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true })

/** Decodes a tag file; undefined (plus a finding) when it has a BOM or is not UTF-8. */
export function decodeTagText(bytes: Uint8Array, path: string, out: Finding[]): string | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    out.push(formatFinding('tag-file-encoding', `${path} starts with a byte order mark (BOM); tag files are UTF-8 without BOM`, { path, expected: 'UTF-8 without BOM', actual: 'BOM EF BB BF' }))
    return undefined
  }
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    out.push(formatFinding('tag-file-encoding', `${path} is UTF-16; tag files are UTF-8`, { path, expected: 'UTF-8', actual: 'UTF-16' }))
    return undefined
  }
  try {
    return fatal.decode(bytes)
  } catch {
    out.push(formatFinding('tag-file-encoding', `${path} is not valid UTF-8`, { path, expected: 'UTF-8' }))
    return undefined
  }
}

/** Splits into lines (LF, CRLF or CR). A final line terminator does not produce an empty last line. */
export function splitLines(text: string): string[] {
  if (text === '') return []
  const lines = text.split(/\r\n|\n|\r/)
  if (lines[lines.length - 1] === '') lines.pop()
  return lines
}
