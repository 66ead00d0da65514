/**
 * The one interface between pack containers (folder, zip, tar, tar.gz) and the verifier.
 * Readers stream: nothing is extracted to disk and memory stays bounded whatever the pack's size.
 * Hostile-container problems (unsafe names, links, bombs, lying sizes, overlaps, corruption) are
 * reported as findings through `onFinding`, never thrown; a reader throws `PackReadError` only when
 * the container cannot be read at all (CLI exit 3).
 */
import type { Finding } from '../findings'

export type ContainerKind = 'folder' | 'zip' | 'tar' | 'tar.gz'
export type EntryKind = 'file' | 'dir' | 'symlink' | 'hardlink' | 'other'

export interface ReaderEntry {
  /** Path relative to the bag root, '/'-separated, NFC-normalised (e.g. "data/evaluation/metrics.json"). */
  readonly path: string
  /** The name exactly as stored in the container (before stripping a top-level folder and NFC). */
  readonly rawName: string
  readonly kind: EntryKind
  /** Size declared by the container (for a folder: lstat size). */
  readonly size: number
}

export interface ReadLimits {
  readonly maxEntries: number
  readonly maxTotalBytes: number
  /** Max uncompressed/compressed ratio for an entry (and for a whole gzip stream). */
  readonly maxRatio: number
  readonly maxPathBytes: number
  readonly maxDepth: number
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxEntries: 200_000,
  maxTotalBytes: 64 * 1024 ** 3,
  maxRatio: 200,
  maxPathBytes: 1024,
  maxDepth: 64
}

export interface ScanOptions {
  readonly limits?: Partial<ReadLimits>
  readonly signal?: AbortSignal
  /** Minimum gap between progress events (default 50 ms); tests set 0 to see every step. */
  readonly progressIntervalMs?: number
  readonly onFinding: (f: Finding) => void
  /**
   * Read only the files `keep` selects; every other file is listed and its name checked, but it is
   * neither read nor hashed nor returned. A preview (a pack's identity before signing), never a
   * verification.
   */
  readonly keptOnly?: boolean
  /**
   * Archives: called with every entry's name as stored (directories end in '/'), in container order,
   * refused ones included. What a writer appending to the archive needs to know (add-files.ts).
   */
  readonly onEntryName?: (stored: string) => void
}

/**
 * Called once per regular-file entry, in container order. The reader hashes the bytes itself
 * (SHA-256, possibly on a worker) and, when `keep` returns true for that path, also hands the
 * whole content back (used for tag files and evidence JSON, which are small and size-capped).
 */
export interface ScannedFile {
  readonly entry: ReaderEntry
  /** Lowercase hex SHA-256 of the bytes actually read. */
  readonly sha256: string
  /** Bytes actually read (may differ from entry.size when the container lies: a finding is emitted too). */
  readonly bytesRead: number
  /** The content, when requested by `keep`. */
  readonly content?: Uint8Array
}

export interface ScanProgress {
  readonly filesDone: number
  readonly filesTotal: number
  readonly bytesDone: number
  readonly bytesTotal: number
}

export interface PackReader {
  readonly kind: ContainerKind
  /** Absolute path of the folder or archive file. */
  readonly location: string
  /**
   * Reads the whole container once: lists, validates names and limits, hashes every regular file.
   * Returns every regular file that was safe to read. Non-regular or refused entries are findings.
   */
  scan(
    opts: ScanOptions & {
      readonly keep?: (path: string, size: number) => boolean
      readonly onProgress?: (p: ScanProgress) => void
    }
  ): Promise<readonly ScannedFile[]>
  close(): Promise<void>
}

/** The container cannot be read at all (not found, not an archive, not an Assurance Pack, permission denied...). */
export class PackReadError extends Error {
  constructor(
    readonly code: string,
    readonly path: string,
    message: string,
    /** For "not a pack" codes: the rule in a few words, without the path ("no bagit.txt"). */
    readonly reason?: string,
    /** One more sentence a person can act on ("It holds 2 packs: a, b; open one of them."). */
    readonly hint?: string
  ) {
    super(message)
    this.name = 'PackReadError'
  }
}

/** Thrown (only) when the caller's AbortSignal fires. */
export class CancelledError extends Error {
  constructor() {
    super('cancelled')
    this.name = 'CancelledError'
  }
}
