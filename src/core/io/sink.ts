/**
 * Writing a new file safely: a temp file beside the target (".<name>.vouch-tmp-<pid>-<hex>"),
 * sequential writes with optional fault injection, fsync, then an atomic rename (or a no-clobber
 * link) and an fsync of the directory. Used by the archive writers and addFilesToPack. A temp file
 * can also start as a kernel copy of an existing file (fromCopy: reflink or copy_file_range).
 */
import { constants } from 'node:fs'
import { chmod, copyFile, link, lstat, open, rename, unlink, type FileHandle } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { Writable } from 'node:stream'
import { tempNameFor } from './temp-files'

export interface SinkFaults {
  /** Throw a simulated ENOSPC once this many bytes have been written. */
  readonly failAfterBytes?: number
  /** Simulate an error code when creating the temp file (e.g. 'EACCES', 'EROFS'). */
  readonly failOpenWith?: string
  readonly onTempCreated?: (tempPath: string) => void | Promise<void>
  readonly onWrite?: (bytesWritten: number) => void | Promise<void>
}

export function fsError(code: string, message: string): NodeJS.ErrnoException {
  const e = new Error(`${code}: ${message}`) as NodeJS.ErrnoException
  e.code = code
  return e
}

const FLUSH_AT = 1024 * 1024

export class FileSink {
  position = 0
  private constructor(
    readonly fh: FileHandle,
    readonly tempPath: string,
    private readonly faults: SinkFaults
  ) {}

  /**
   * A temp file beside `target` that starts as the first `keep` bytes of `source`, copied by the
   * kernel (a reflink where the file system has them, else copy_file_range: no byte passes through
   * this process). Writes continue at `keep`. The copied bytes start going to disk at once, while
   * the caller writes and verifies; finish() waits for them.
   */
  static async fromCopy(target: string, source: string, keep: number, faults: SinkFaults = {}): Promise<FileSink> {
    const tempPath = join(dirname(target), tempNameFor(basename(target)))
    if (faults.failOpenWith) throw fsError(faults.failOpenWith, `simulated failure creating ${tempPath}`)
    try {
      await copyFile(source, tempPath, constants.COPYFILE_EXCL | constants.COPYFILE_FICLONE)
    } catch (e) {
      // EXCL: an EEXIST names a file that is not ours; anything else may have left a partial copy.
      if ((e as { code?: string }).code !== 'EEXIST') await unlink(tempPath).catch(() => undefined)
      throw e
    }
    let fh: FileHandle
    try {
      await faults.onTempCreated?.(tempPath)
      await chmod(tempPath, 0o600) // the copy has the source's mode; the final mode is set by the caller
      fh = await open(tempPath, constants.O_WRONLY)
    } catch (e) {
      await unlink(tempPath).catch(() => undefined)
      throw e
    }
    const sink = new FileSink(fh, tempPath, faults)
    sink.position = keep
    sink.flushedTo = keep
    try {
      await fh.truncate(keep)
      if (faults.failAfterBytes !== undefined && faults.failAfterBytes < keep) throw fsError('ENOSPC', 'no space left on device (simulated, while copying)')
    } catch (e) {
      await sink.discard()
      throw e
    }
    sink.early = fh.datasync().then(
      () => undefined,
      (e: unknown) => e
    )
    return sink
  }

  /** The fsync started by fromCopy (resolves with its error, if any). */
  private early: Promise<unknown> | undefined

  /** Creates the temp file beside `target` (exclusive create: never reuses an existing name). */
  static async create(target: string, faults: SinkFaults = {}): Promise<FileSink> {
    const tempPath = join(dirname(target), tempNameFor(basename(target)))
    if (faults.failOpenWith) throw fsError(faults.failOpenWith, `simulated failure creating ${tempPath}`)
    const fh = await open(tempPath, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o644)
    await faults.onTempCreated?.(tempPath)
    return new FileSink(fh, tempPath, faults)
  }

  /** Small writes are gathered and written a MiB at a time (thousands of small entries). */
  private pending: Uint8Array[] = []
  private pendingBytes = 0
  /** File offset where the pending bytes start. */
  private flushedTo = 0

  /** Writes bytes; `owned`: the caller hands `buf` over (never touches it again), so small writes need no copy. */
  async write(buf: Uint8Array, owned = false): Promise<void> {
    let data = buf
    const cap = this.faults.failAfterBytes
    if (cap !== undefined && this.position + data.length > cap) data = data.subarray(0, Math.max(0, cap - this.position))
    if (data.length >= FLUSH_AT) {
      await this.flush()
      await this.writeAt(data, this.position)
      this.flushedTo = this.position + data.length
    } else if (data.length > 0) {
      // Copy unless handed over: callers may reuse their buffer once write() resolves.
      this.pending.push(owned ? data : Uint8Array.prototype.slice.call(data))
      this.pendingBytes += data.length
    }
    this.position += data.length
    if (this.pendingBytes >= FLUSH_AT) await this.flush()
    if (data.length < buf.length) {
      await this.flush()
      throw fsError('ENOSPC', 'no space left on device (simulated)')
    }
    await this.faults.onWrite?.(this.position)
  }

  private async writeAt(data: Uint8Array, pos: number): Promise<void> {
    let off = 0
    while (off < data.length) {
      const { bytesWritten } = await this.fh.write(data, off, data.length - off, pos + off)
      off += bytesWritten
    }
  }

  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return
    const all = Buffer.concat(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    await this.writeAt(all, this.flushedTo)
    this.flushedTo += all.length
  }

  /** Overwrite bytes already written (zip local headers patched after their data). */
  async patch(pos: number, buf: Uint8Array): Promise<void> {
    await this.flush()
    await this.writeAt(buf, pos)
  }

  /** A Writable over this sink, for stream pipelines (deflate output). */
  writable(): Writable {
    return new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        this.write(chunk).then(() => cb(), cb)
      }
    })
  }

  async finish(): Promise<void> {
    const earlyError = await this.early
    if (earlyError) throw earlyError
    await this.flush()
    await this.fh.sync()
    await this.fh.close()
  }

  /** Close (if open) and remove the temp file; never throws. */
  async discard(): Promise<void> {
    await this.early
    await this.fh.close().catch(() => undefined)
    await unlink(this.tempPath).catch(() => undefined)
  }
}

export async function syncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; the rename is still atomic there.
  try {
    const fh = await open(dir, 'r')
    try {
      await fh.sync()
    } finally {
      await fh.close()
    }
  } catch {
    // best effort
  }
}

/**
 * Atomically replace `target` with `temp`. On Windows a virus scanner or indexer briefly holding
 * the target makes rename fail with EPERM/EBUSY: retry a few times (bounded, ~1.5 s) before failing.
 */
export async function replaceWith(temp: string, target: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await rename(temp, target)
      break
    } catch (e) {
      const code = (e as { code?: string }).code
      const transient = process.platform === 'win32' && (code === 'EPERM' || code === 'EACCES' || code === 'EBUSY')
      if (!transient || attempt >= 8) throw e
      await new Promise((r) => setTimeout(r, 25 * 2 ** Math.min(attempt, 5)))
    }
  }
  await syncDir(dirname(target))
}

/**
 * Move `temp` to `target` only if `target` does not exist: link() fails with EEXIST instead of
 * clobbering. File systems without hard links fall back to a checked rename.
 */
export async function publishNoClobber(temp: string, target: string): Promise<void> {
  try {
    await link(temp, target)
    await unlink(temp)
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === 'EEXIST') throw e
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw e
    const exists = await lstat(target).then(
      () => true,
      () => false
    )
    if (exists) throw fsError('EEXIST', `${target} exists`)
    await rename(temp, target)
  }
  await syncDir(dirname(target))
}
