/**
 * Deterministic archives from a folder: packing the same folder twice gives identical bytes.
 */
export type ArchiveKind = 'zip' | 'tar' | 'tar.gz'

export interface WriteArchiveOptions {
  /** zip only: 'deflate' (default) or 'store'. */
  readonly compression?: 'deflate' | 'store'
  /** Fixed timestamp for every entry (seconds since epoch, e.g. SOURCE_DATE_EPOCH); default 1980-01-01T00:00:00Z. */
  readonly sourceDateEpoch?: number
  /** Replace an existing outPath (default false: PackWriteError 'target-exists'). */
  readonly overwrite?: boolean
  readonly signal?: AbortSignal
}

export async function writeArchiveFromFolder(
  folder: string,
  outPath: string,
  kind: ArchiveKind,
  _opts: WriteArchiveOptions = {}
): Promise<void> {
  throw new Error(`writeArchiveFromFolder not implemented yet: ${folder} -> ${outPath} (${kind})`)
}
