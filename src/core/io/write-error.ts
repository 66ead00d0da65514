import type { WriteErrorCode } from './codes'

/**
 * A writer (writeArchiveFromFolder, addFilesToPack) could not finish. Whatever the code, nothing
 * was left half-written: the target is either the complete new file or untouched.
 */
export class PackWriteError extends Error {
  constructor(
    readonly code: WriteErrorCode,
    /** The file or folder concerned. */
    readonly path: string,
    message: string,
    cause?: unknown
  ) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'PackWriteError'
  }
}
