/**
 * The checks every container applies to every entry before a byte of it is read: name safety,
 * limits, links and special files, duplicates and collisions. Shared by the folder, zip and tar
 * readers so that one pack gets the same findings whatever its container.
 */
import type { Finding } from '../findings'
import { checkPackPath, collisionKey, packPathDepth, utf8ByteLength } from '../format/paths'
import { containerFinding } from './codes'
import { DEFAULT_LIMITS, type EntryKind, type ReadLimits } from './reader'

export function resolveLimits(partial: Partial<ReadLimits> | undefined): ReadLimits {
  return { ...DEFAULT_LIMITS, ...(partial ?? {}) }
}

/** Below this many uncompressed bytes the ratio limit is not applied (tiny files compress absurdly well). */
export const RATIO_FLOOR_BYTES = 1024 * 1024

export type Admission = 'read' | 'skip' | 'stop'

/** Segments of ASCII letters, digits and '._-' (inner spaces and '+=,@' too), never starting or ending with a dot or space. */
const PLAIN_PATH = /^[A-Za-z0-9_-](?:[A-Za-z0-9._ +=,@-]*[A-Za-z0-9_+=,@-])?(?:\/[A-Za-z0-9_-](?:[A-Za-z0-9._ +=,@-]*[A-Za-z0-9_+=,@-])?)*$/
/** A segment whose name before the first dot is a Windows device name (checkPackPath warns). */
const DEVICE_SEGMENT = /(?:^|\/)(?:con|prn|aux|nul|com[0-9]|lpt[0-9]) *(?:[./]|$)/i
const MAX_SEGMENT = 255

/**
 * True when checkPackPath would find nothing in `p` and leave it unchanged (NFC of ASCII is
 * itself): the common case (thousands of generated names), which then skips the full check.
 * Anything else takes the full check, so this only ever saves time, never changes a verdict.
 */
export function isPlainPath(p: string): boolean {
  if (!PLAIN_PATH.test(p) || DEVICE_SEGMENT.test(p)) return false
  let start = 0
  for (let i = p.indexOf('/'); i >= 0; i = p.indexOf('/', i + 1)) {
    if (i - start > MAX_SEGMENT) return false
    start = i + 1
  }
  return p.length - start <= MAX_SEGMENT
}

export class EntryGate {
  private entries = 0
  private totalBytes = 0
  private stopped = false
  /** NFC path -> raw name of the first entry with it. */
  private readonly files = new Map<string, string>()
  private readonly dirs = new Set<string>()
  /** collision key -> NFC path of the first file with it. */
  private readonly folded = new Map<string, string>()

  constructor(
    readonly limits: ReadLimits,
    private readonly report: (f: Finding) => void
  ) {}

  /** A directory that passed the checks (folder walking descends only into these). */
  hasDir(path: string): boolean {
    return this.dirs.has(path)
  }

  get isStopped(): boolean {
    return this.stopped
  }

  /**
   * Decide what to do with one entry. `name` is the stored name with any trailing '/' of a
   * directory entry removed (and for tar a leading "./"), before the top-level folder is stripped.
   * Returns 'read' (a regular file that passed every check), 'skip', or 'stop' (a limit that ends the scan).
   */
  admit(name: string, rawName: string, kind: EntryKind, declaredSize: number): Admission {
    if (this.stopped) return 'stop'
    this.entries++
    if (this.entries > this.limits.maxEntries) {
      this.report(containerFinding('too-many-entries', `More than ${this.limits.maxEntries} entries; reading stopped.`, { actual: `>${this.limits.maxEntries}` }))
      this.stopped = true
      return 'stop'
    }
    const shown = rawName
    if (utf8ByteLength(rawName) > this.limits.maxPathBytes) {
      this.report(containerFinding('path-too-long', `Entry name is longer than ${this.limits.maxPathBytes} bytes.`, { path: shown.slice(0, 200), actual: String(utf8ByteLength(rawName)) }))
      return 'skip'
    }
    if (packPathDepth(name) > this.limits.maxDepth) {
      this.report(containerFinding('path-too-deep', `Entry name has more than ${this.limits.maxDepth} segments.`, { path: shown.slice(0, 200), actual: String(packPathDepth(name)) }))
      return 'skip'
    }
    let path = name
    const plain = isPlainPath(name)
    if (!plain) {
      const check = checkPackPath(name)
      const errors = check.issues.filter((i) => i.severity === 'error')
      if (errors.length > 0) {
        this.report(containerFinding('unsafe-path', `Unsafe entry name: ${errors.map((e) => e.reason).join('; ')}.`, { path: shown }))
        return 'skip'
      }
      for (const w of check.issues.filter((i) => i.severity === 'warning')) {
        this.report(containerFinding('windows-unsafe-name', `${w.reason}.`, { path: check.normalized }))
      }
      path = check.normalized
    }
    switch (kind) {
      case 'symlink':
        this.report(containerFinding('symlink-refused', 'Symbolic link refused: never followed.', { path }))
        return 'skip'
      case 'hardlink':
        this.report(containerFinding('hardlink-refused', 'Hard link refused: never followed.', { path }))
        return 'skip'
      case 'other':
        this.report(containerFinding('special-file-refused', 'Device, FIFO or unknown entry type refused.', { path }))
        return 'skip'
      case 'dir':
        this.dirs.add(path)
        return 'skip'
      case 'file':
        break
    }
    const first = this.files.get(path)
    if (first !== undefined) {
      if (first === rawName) {
        this.report(containerFinding('duplicate-entry', 'The archive holds this name twice; only the first is read.', { path }))
      } else {
        this.report(containerFinding('name-collision-nfc', 'Two entries differ only in Unicode normalisation; only the first is read.', { path, expected: first, actual: rawName }))
      }
      return 'skip'
    }
    // ASCII: NFC changes nothing and upper-then-lower case folding is plain lower-casing.
    const key = plain ? path.toLowerCase() : collisionKey(path)
    const folded = this.folded.get(key)
    if (folded !== undefined) {
      this.report(containerFinding('name-collision-case', 'Two entries differ only in letter case (they collide on macOS and Windows).', { path, expected: folded, actual: path }))
    } else {
      this.folded.set(key, path)
    }
    this.files.set(path, rawName)
    this.totalBytes += declaredSize
    if (this.totalBytes > this.limits.maxTotalBytes) {
      this.report(containerFinding('too-large', `Total uncompressed size exceeds ${this.limits.maxTotalBytes} bytes; reading stopped.`, { path }))
      this.stopped = true
      return 'stop'
    }
    return 'read'
  }

  /** Count bytes actually produced beyond what was declared (lying sizes) against the total limit. */
  addActualBytes(extra: number): boolean {
    this.totalBytes += extra
    if (this.totalBytes > this.limits.maxTotalBytes && !this.stopped) {
      this.report(containerFinding('too-large', `Total uncompressed size exceeds ${this.limits.maxTotalBytes} bytes; reading stopped.`))
      this.stopped = true
    }
    return !this.stopped
  }

  /** After all entries: a name used both as a file and as a directory (explicit or implied). */
  finish(): void {
    const reported = new Set<string>()
    for (const path of this.files.keys()) {
      for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) {
        const parent = path.slice(0, i)
        if (this.files.has(parent) && !reported.has(parent)) {
          reported.add(parent)
          this.report(containerFinding('file-dir-conflict', 'This name is both a file and a directory.', { path: parent }))
        }
      }
    }
    for (const d of this.dirs) {
      if (this.files.has(d) && !reported.has(d)) {
        reported.add(d)
        this.report(containerFinding('file-dir-conflict', 'This name is both a file and a directory.', { path: d }))
      }
    }
  }
}
