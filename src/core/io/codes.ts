/**
 * Container finding codes (folder, zip, tar, tar.gz) and PackReadError codes.
 * Stable strings: never rename one (docs/pack-format.md and docs/cli.md are generated from these tables).
 */

import { findingFactory, type CodeInfo } from '../findings'

export type ContainerCodeInfo = CodeInfo

const table = [
  { code: 'unsafe-path', severity: 'error', description: 'An entry name could escape the bag or be read differently by another OS (.., absolute, drive, UNC, backslash, control character, not UTF-8).' },
  { code: 'windows-unsafe-name', severity: 'warning', description: 'An entry name Windows cannot create as-is (device name such as CON, trailing dot or space, ":" or <>"|?*, segment over 255 bytes).' },
  { code: 'symlink-refused', severity: 'error', description: 'A symbolic link entry: never followed, never read.' },
  { code: 'hardlink-refused', severity: 'error', description: 'A hard link entry: never followed, never read.' },
  { code: 'special-file-refused', severity: 'error', description: 'A device, FIFO, socket or unknown entry type: not read.' },
  { code: 'duplicate-entry', severity: 'error', description: 'Two entries have the same name; only the first is read (the archive is ambiguous).' },
  { code: 'name-collision-nfc', severity: 'error', description: 'Two entry names differ only in Unicode normalisation (NFC vs NFD).' },
  { code: 'name-collision-case', severity: 'error', description: 'Two entry names differ only in letter case (they collide on macOS and Windows).' },
  { code: 'file-dir-conflict', severity: 'error', description: 'A name is used both as a file and as a directory.' },
  { code: 'too-many-entries', severity: 'error', description: 'The container holds more entries than the limit; reading stopped.' },
  { code: 'too-large', severity: 'error', description: 'The total uncompressed size exceeds the limit; reading stopped.' },
  { code: 'ratio-exceeded', severity: 'error', description: 'An entry (or the whole gzip stream) expands more than the compression-ratio limit (possible bomb); not inflated further.' },
  { code: 'path-too-long', severity: 'error', description: 'An entry name is longer than the byte limit; entry skipped.' },
  { code: 'path-too-deep', severity: 'error', description: 'An entry name has more segments than the depth limit; entry skipped.' },
  { code: 'size-mismatch', severity: 'error', description: 'An entry holds a different number of bytes than its declared size (reading stops at declared + 1).' },
  { code: 'overlapping-entries', severity: 'error', description: 'Zip entries share bytes with each other or with the central directory (possible zip bomb); not read.' },
  { code: 'header-mismatch', severity: 'error', description: 'A zip local header disagrees with the central directory (name, method or sizes), or a Unicode-path extra field names another file.' },
  { code: 'archive-truncated', severity: 'error', description: 'The archive ends before its last entry (or its end marker).' },
  { code: 'archive-corrupt', severity: 'error', description: 'The archive structure is invalid (bad header, checksum, offsets, or compressed data).' },
  { code: 'unsupported-compression', severity: 'error', description: 'A zip entry uses a compression method other than stored or deflate.' },
  { code: 'unsupported-feature', severity: 'error', description: 'A container feature Vouch does not read (multi-disk zip, sparse or multi-volume tar).' },
  { code: 'encrypted-entry', severity: 'error', description: 'An encrypted zip entry: cannot be verified.' },
  { code: 'mixed-top-level', severity: 'error', description: 'The bag is neither at the archive root nor inside exactly one top-level folder.' },
  { code: 'content-too-large', severity: 'error', description: 'A file whose content the verifier needs (tag file, evidence) exceeds the in-memory cap; hashed but not loaded.' },
  { code: 'stray-temp-file', severity: 'warning', description: 'A leftover temporary file from an interrupted Vouch write; ignored.' },
  { code: 'unreadable-entry', severity: 'error', description: 'A file in a folder pack could not be read (permission denied, vanished).' }
] as const satisfies readonly ContainerCodeInfo[]

export type ContainerCode = (typeof table)[number]['code']

export const CONTAINER_CODES: readonly ContainerCodeInfo[] = table

/** A container finding with the code's registered severity. `path` is the pack path or raw entry name. */
export const containerFinding = findingFactory(table).make

/**
 * Codes of PackReadError: the container cannot be read at all (CLI exit 3). `not-a-pack`,
 * `not-an-archive` and `empty-file` say the location is not an Assurance Pack (NOT_A_PACK_CODES):
 * surfaces say so in those words and never show such a location as a failed pack.
 */
export const PACK_READ_ERROR_CODES = {
  'not-found': 'No file or folder at the given location.',
  'not-an-archive': 'The file is neither a folder, zip, tar nor tar.gz (detected by content, not extension): not an Assurance Pack.',
  'not-a-pack': 'A folder or archive with none of the four BagIt tag files (bagit.txt, bag-info.txt, manifest-sha256.txt, tagmanifest-sha256.txt) at its root: not an Assurance Pack at all (an empty folder, a zip of other files, a folder of packs). A pack that lacks only some of them is a damaged pack instead: it fails verification with tag-file-missing.',
  unreadable: 'The location exists but cannot be read (permission denied or I/O error).',
  'empty-file': 'The file is empty (0 bytes): not an Assurance Pack.'
} as const

export type PackReadErrorCode = keyof typeof PACK_READ_ERROR_CODES

/** Read errors that mean "this is not an Assurance Pack" (as opposed to "it cannot be reached"). */
export const NOT_A_PACK_CODES: readonly PackReadErrorCode[] = ['not-a-pack', 'not-an-archive', 'empty-file']

/** Codes of errors thrown by the writers (writeArchiveFromFolder, addFilesToPack). */
export const WRITE_ERROR_CODES = {
  'target-exists': 'The output path (or a file to add) already exists; nothing was overwritten.',
  'unsafe-path': 'A path to write is not a safe pack path.',
  'unsupported-entry': 'The source folder holds a symlink or special file; archives carry regular files only.',
  'output-inside-source': 'The output file would be inside the folder being packed.',
  'verify-failed': 'The rewritten pack did not verify; the original was left untouched.',
  'write-failed': 'Writing failed (disk full, read-only, I/O error); the original was left untouched.',
  'not-a-pack': 'The location is not a folder, zip, tar or tar.gz.',
  'read-only': 'The archive to change is read-only (no write permission); nothing was written.',
  'hard-linked': 'The archive to change has other hard links, which replacing it would leave behind; nothing was written.'
} as const

export type WriteErrorCode = keyof typeof WRITE_ERROR_CODES
