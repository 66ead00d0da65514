/**
 * addFilesToPack: embed new files (sign-offs) into a pack without ever losing the original.
 */
export interface FaultHooks {
  /** Throw a simulated ENOSPC once this many bytes have been written to the temp file. */
  readonly failAfterBytes?: number
  /** Called with the temp path as soon as it exists (tests: record it, kill the process...). */
  readonly onTempCreated?: (tempPath: string) => void | Promise<void>
  /** Called after each chunk written to the temp file, with the running byte count. */
  readonly onWrite?: (bytesWritten: number) => void | Promise<void>
  /** Called just before the atomic rename; throw to simulate a crash/abort there. */
  readonly beforeRename?: () => void | Promise<void>
  /** Simulate an error when opening the temp file (e.g. 'EACCES', 'EROFS'). */
  readonly failOpenWith?: string
}

export interface AddFilesOptions {
  /** Called with the finished temp archive (archives only); throw to abort. Folders: not called. */
  readonly verify: (candidatePath: string) => Promise<void>
  readonly faults?: FaultHooks
}

export interface NewPackFile {
  /** Pack path relative to the bag root, e.g. "signoffs/2026-...-owner.json". */
  readonly path: string
  readonly data: Uint8Array
}

export async function addFilesToPack(location: string, files: readonly NewPackFile[], _opts: AddFilesOptions): Promise<void> {
  throw new Error(`addFilesToPack not implemented yet: ${location} (${files.length} files)`)
}
