/**
 * One pass over a folder for `vouch pack` with verification: the verifier's walk (folder-reader.ts)
 * lists the files once and hands that list to the packer (archive-write.ts), and the packer hashes
 * (SHA-256) the bytes of each one-piece file in the same buffer it reads them into for deflating
 * (pack-job.ts), so the verifier checks those digests against the manifest instead of opening and
 * reading every file a second time. The verification stays a real check of the bytes: the digest is
 * of the bytes read from the file and put into the archive, and the verifier compares it with the
 * manifest as before.
 *
 * Anything the packer does not hash (bigger files, a packer that walked the folder itself, failed or
 * was cancelled) resolves to `undefined`, and the verifier hashes that file itself: no file goes
 * unchecked whatever happens to the packer.
 */
import type { HashOutcome } from './hash-pool'
import { PIECE_BYTES } from './pieces'

export interface PassFile {
  /** Pack path ('/'-separated, NFC). */
  readonly path: string
  readonly abs: string
  readonly size: number
}

interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(v: T): void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

export class PackPass {
  private readonly listing = deferred<readonly PassFile[] | undefined>()
  private readonly digests = new Map<string, Deferred<HashOutcome | undefined>>()
  private closed = false

  /** Verifier: whether the packer will hash a file of this size while it packs it (one piece). */
  takes(size: number): boolean {
    return !this.closed && size <= PIECE_BYTES
  }

  /** Verifier: the digest of `abs` as the packer read it; undefined when the verifier must hash it itself. */
  digest(abs: string): Promise<HashOutcome | undefined> {
    if (this.closed) return Promise.resolve(undefined)
    let d = this.digests.get(abs)
    if (!d) {
      d = deferred()
      this.digests.set(abs, d)
    }
    return d.promise
  }

  /**
   * Verifier: the walk is done. `files`: every regular file of the folder when the walk saw the whole
   * folder with nothing refused or skipped (the packer then archives exactly these); undefined
   * otherwise (the packer walks the folder itself, with its own refusals).
   */
  listed(files: readonly PassFile[] | undefined): void {
    this.listing.resolve(files)
  }

  /** Packer: the verifier's list, or undefined when the packer must walk the folder itself. */
  list(): Promise<readonly PassFile[] | undefined> {
    return this.listing.promise
  }

  /** Packer: whether the verifier waits for this file's digest. */
  wants(abs: string): boolean {
    return !this.closed && this.digests.has(abs)
  }

  /** Packer: the digest of the bytes it read from `abs` (exactly `bytesRead` bytes, the listed size). */
  settle(abs: string, sha256: string, bytesRead: number): void {
    this.digests.get(abs)?.resolve({ ok: true, sha256, bytesRead })
  }

  /**
   * Either side: no more digests will come (the packer wrote every entry, failed or was cancelled;
   * the verifier failed before listing). Every digest still awaited resolves to undefined.
   */
  close(): void {
    this.closed = true
    this.listing.resolve(undefined)
    for (const d of this.digests.values()) d.resolve(undefined)
  }
}
