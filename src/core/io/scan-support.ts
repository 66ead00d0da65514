/**
 * Small pieces every reader shares: where the bag root is inside an archive, progress throttling,
 * cancellation, and hashing a bounded stream of bytes.
 */
import { createHash } from 'node:crypto'
import type { Finding } from '../findings'
import { containerFinding } from './codes'
import { CancelledError, type ScanProgress } from './reader'

/** Kept content (tag files, evidence JSON) is capped: above this the file is hashed but not loaded. */
export const KEEP_CAP_BYTES = 64 * 1024 * 1024
export const PROGRESS_INTERVAL_MS = 50

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError()
}

export interface TopLevel {
  /** Prefix to strip ("pack/"), or '' when the bag is at the root. */
  readonly prefix: string
  /** Entry names (as given) that lie outside the bag root when the bag is inside a folder. */
  readonly outside: readonly string[]
}

/**
 * Where the bag sits: at the root when bagit.txt is there (or when nothing says otherwise), else
 * inside the one top-level folder. Names are stored names ('/'-separated, no leading "./").
 * A bag folder next to other top-level entries (e.g. macOS's __MACOSX/) is a mix: those entries
 * are outside the bag and reported.
 */
export function detectTopLevel(names: readonly string[]): TopLevel {
  const tops = new Set<string>()
  let rootFile = false
  for (const n of names) {
    const i = n.indexOf('/')
    if (i < 0 || i === n.length - 1) {
      if (i < 0) rootFile = true
      tops.add(i < 0 ? n : n.slice(0, i))
    } else {
      tops.add(n.slice(0, i))
    }
  }
  if (names.includes('bagit.txt')) return { prefix: '', outside: [] }
  const withBag = [...tops].filter((t) => names.includes(`${t}/bagit.txt`))
  if (withBag.length === 1) {
    const prefix = `${withBag[0] as string}/`
    const outside = names.filter((n) => !n.startsWith(prefix) && n !== withBag[0])
    return { prefix, outside }
  }
  // No bagit.txt anywhere we can pick: strip a lone top-level folder unless it is the payload dir itself.
  if (!rootFile && tops.size === 1) {
    const only = [...tops][0] as string
    if (only !== 'data') return { prefix: `${only}/`, outside: [] }
  }
  return { prefix: '', outside: [] }
}

export function reportOutside(top: TopLevel, report: (f: Finding) => void): void {
  if (top.outside.length === 0) return
  const sample = top.outside.slice(0, 3).join(', ')
  report(
    containerFinding('mixed-top-level', `${top.outside.length} entr${top.outside.length === 1 ? 'y lies' : 'ies lie'} outside the bag folder "${top.prefix}" (e.g. ${sample}); not read.`, {
      path: top.outside[0] as string
    })
  )
}

/** Progress at most every intervalMs (default PROGRESS_INTERVAL_MS), plus a final one. */
export class ProgressTicker {
  private last = 0
  filesDone = 0
  bytesDone = 0
  constructor(
    private readonly cb: ((p: ScanProgress) => void) | undefined,
    public filesTotal: number,
    public bytesTotal: number,
    private readonly intervalMs: number = PROGRESS_INTERVAL_MS
  ) {}

  add(bytes: number, files = 0): void {
    this.bytesDone += bytes
    this.filesDone += files
    if (!this.cb) return
    const now = Date.now()
    if (now - this.last >= this.intervalMs) {
      this.last = now
      this.emit()
    }
  }

  final(): void {
    this.emit()
  }

  private emit(): void {
    this.cb?.({
      filesDone: this.filesDone,
      filesTotal: Math.max(this.filesTotal, this.filesDone),
      bytesDone: this.bytesDone,
      bytesTotal: Math.max(this.bytesTotal, this.bytesDone)
    })
  }
}

export interface Consumed {
  readonly sha256: string
  readonly bytesRead: number
  readonly content?: Uint8Array
  /** More bytes than declared arrived (reading stopped at declared + 1). */
  readonly over: boolean
}

/**
 * Hashes a stream of chunks, stopping after declared + 1 bytes so a lying size cannot make us read
 * (or inflate) without bound. Keeps the content when asked and the declared size is under the cap.
 */
export async function consumeBounded(
  chunks: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  declared: number,
  keepContent: boolean,
  onBytes: (n: number) => void,
  signal: AbortSignal | undefined
): Promise<Consumed> {
  const hash = createHash('sha256')
  const limit = declared + 1
  let n = 0
  const kept: Uint8Array[] = []
  for await (const chunk of chunks) {
    throwIfAborted(signal)
    const take = Math.min(chunk.length, limit - n)
    const part = take === chunk.length ? chunk : chunk.subarray(0, take)
    hash.update(part)
    if (keepContent && n + take <= KEEP_CAP_BYTES) kept.push(Uint8Array.from(part))
    n += take
    onBytes(take)
    if (n >= limit) break
  }
  const over = n > declared
  const content = keepContent && !over && n <= KEEP_CAP_BYTES ? concat(kept, n) : undefined
  return { sha256: hash.digest('hex'), bytesRead: n, over, ...(content ? { content } : {}) }
}

export function concat(parts: readonly Uint8Array[], total: number): Uint8Array {
  if (parts.length === 1 && (parts[0] as Uint8Array).length === total) return parts[0] as Uint8Array
  const out = new Uint8Array(total)
  let o = 0
  for (const p of parts) {
    out.set(p, o)
    o += p.length
  }
  return out
}

/** Decide whether to keep a file's content, reporting when it is wanted but too big. */
export function wantContent(
  keep: ((path: string, size: number) => boolean) | undefined,
  path: string,
  size: number,
  report: (f: Finding) => void
): boolean {
  if (!keep || !keep(path, size)) return false
  if (size > KEEP_CAP_BYTES) {
    report(containerFinding('content-too-large', `File is ${size} bytes, above the ${KEEP_CAP_BYTES}-byte cap for content the verifier reads; hashed only.`, { path }))
    return false
  }
  return true
}

export function sizeMismatch(path: string, declared: number, read: number, over: boolean): Finding {
  return containerFinding(
    'size-mismatch',
    over ? `Entry holds more bytes than its declared ${declared}; reading stopped at ${declared + 1}.` : `Entry holds ${read} bytes, not the declared ${declared}.`,
    { path, expected: String(declared), actual: over ? `>${declared}` : String(read) }
  )
}
