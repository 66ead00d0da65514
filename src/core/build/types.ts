/**
 * Result and error types of the pack builder (`vouch init`, `vouch build`).
 */
import type { Finding } from '../findings'

/** The flavours of example evidence tests build packs from (src/core/build/examples.ts); `vouch init` templates are data (resources/templates). */
export type ExampleFlavour = 'tabular' | 'vision' | 'nlp'

export interface BuildOptions {
  /** RFC 3339 date or date-time used for Bagging-Date; default: traceability.finished (date part), else SOURCE_DATE_EPOCH. */
  readonly baggingDate?: string
}

export interface BuildResult {
  /** True when the tag files were written (no error finding). */
  readonly ok: boolean
  /** Every schema / consistency finding about data/; when any is an error, nothing was written. */
  readonly findings: readonly Finding[]
  /** Lowercase hex SHA-256 of tagmanifest-sha256.txt, when written. */
  readonly digest?: string
  /** Tag files written, relative to the pack root. */
  readonly written: readonly string[]
  readonly payloadFiles: number
  readonly payloadBytes: number
}

/** A build or init could not write (directory not empty, not a directory, I/O failure). Nothing partial is left. */
export class PackWriteError extends Error {
  constructor(
    readonly code: 'dir-not-empty' | 'not-a-directory' | 'write-failed' | 'unsafe-path',
    readonly path: string,
    message: string
  ) {
    super(message)
    this.name = 'PackWriteError'
  }
}
