/**
 * One pass over a folder for `vouch pack` with verification: the verifier's walk (folder-reader.ts)
 * lists the files once and hands them to the packer (archive-write.ts) as it finds them, in pack-path
 * order, so packing starts while the walk goes on; and the packer hashes (SHA-256) the bytes of each
 * one-piece file in the same buffer it reads them into for deflating (pack-job.ts), so the verifier
 * checks those digests against the manifest instead of opening and reading every file a second
 * time. The verification stays a real check of the bytes: the digest is of the bytes read from the
 * file and put into the archive, and the verifier compares it with the manifest as before.
 *
 * Anything the packer does not hash (bigger files; files it never got to, having failed or been
 * cancelled) has no digest, and the verifier hashes that file itself: no file goes unchecked
 * whatever happens to the packer. When the bag is not at the folder's root the two do not share:
 * the packer walks the folder itself and the verifier hashes every file, as two passes. A walk that refused an entry (an error finding: the
 * verification fails) ends the listing with `PassRefusedError`: the packer stops, nothing is written.
 */
import type { HashOutcome } from './hash-pool'
import { PIECE_BYTES } from './pieces'
import { CancelledError } from './reader'

export interface PassFile {
  /** Pack path ('/'-separated, NFC). */
  readonly path: string
  readonly abs: string
  readonly size: number
}

/** The verifier's walk refused an entry (or stopped): its listing is not the folder's; the verification fails. */
export class PassRefusedError extends CancelledError {}

interface Deferred<T> {
  readonly promise: Promise<T>
  resolve(v: T): void
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

type Ending = 'whole' | 'refused'

export class PackPass {
  private readonly sharing = deferred<boolean>()
  private readonly finished = deferred<void>()
  /** Files whose digest the verifier awaits (the very records it listed) -> the packer's digest once it came. */
  private readonly digests = new Map<PassFile, HashOutcome | undefined>()
  private queued: PassFile[] = []
  private ending: Ending | undefined
  private wake: (() => void) | undefined
  private closed = false

  /**
   * Verifier: asks the packer for the digest of `f`, a file it will `add` (taken when the packer packs
   * it); false when it will not hash it (too big for one piece, or no more digests are coming): the
   * verifier hashes it.
   */
  expect(f: PassFile): boolean {
    if (this.closed || f.size > PIECE_BYTES) return false
    this.digests.set(f, undefined)
    return true
  }

  /**
   * Verifier: once the packer is done (it wrote every entry, failed or was cancelled), the digest it
   * gave for each expected file; undefined for one it did not hash (the verifier hashes it).
   */
  async results(): Promise<(f: PassFile) => HashOutcome | undefined> {
    await this.finished.promise
    return (f) => this.digests.get(f)
  }

  /** Verifier, before walking: `shared` when its walk covers exactly the folder the packer archives (the bag is at its root). */
  begin(shared: boolean): void {
    this.sharing.resolve(shared)
  }

  /** Verifier: the next files of its walk, in pack-path order. */
  add(f: PassFile): void {
    if (this.ending !== undefined) return
    this.queued.push(f)
    if (this.queued.length === 1) this.poke()
  }

  /** Verifier: the walk is over; `whole`: nothing was refused (no error finding), so the listing is the folder's. */
  end(whole: boolean): void {
    this.sharing.resolve(false)
    if (this.ending !== undefined) return
    this.ending = whole ? 'whole' : 'refused'
    this.poke()
  }

  /** Packer: whether it takes its files from the verifier's walk (`files`) instead of walking the folder itself. */
  shared(): Promise<boolean> {
    return this.sharing.promise
  }

  /** Packer: the verifier's files in batches, as they are walked; throws PassRefusedError when the walk refused an entry. */
  async *files(): AsyncGenerator<readonly PassFile[]> {
    for (;;) {
      if (this.queued.length > 0) {
        const batch = this.queued
        this.queued = []
        yield batch
        continue
      }
      if (this.ending === 'whole') return
      if (this.ending === 'refused') throw new PassRefusedError()
      await new Promise<void>((r) => (this.wake = r))
    }
  }

  /** Packer: whether the verifier waits for this file's digest. */
  wants(f: PassFile): boolean {
    return !this.closed && this.digests.has(f)
  }

  /** Packer: the digest of the bytes it read from `f` (exactly `bytesRead` bytes, the listed size). */
  settle(f: PassFile, sha256: string, bytesRead: number): void {
    if (!this.closed && this.digests.has(f)) this.digests.set(f, { ok: true, sha256, bytesRead })
  }

  /**
   * Either side: no more digests will come (the packer wrote every entry, failed or was cancelled;
   * the verification ended): `results` resolves; a listing still open ends as refused.
   */
  close(): void {
    this.closed = true
    this.end(false)
    this.finished.resolve()
  }

  private poke(): void {
    const w = this.wake
    this.wake = undefined
    w?.()
  }
}
