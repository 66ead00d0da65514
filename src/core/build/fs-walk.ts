/**
 * Lists the regular files under a pack folder for the builder, refusing what a pack must not
 * hold (symlinks, devices, unsafe names) with the same finding codes the readers use.
 */
import { createHash } from 'node:crypto'
import { lstat, open, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Finding } from '../findings'
import { checkPackPath, collisionKey } from '../format/paths'
import { containerFinding } from '../io/codes'

export interface LocalFile {
  /** NFC pack path. */
  readonly path: string
  readonly abs: string
  readonly size: number
}

// Same form as src/core/io temp files (".<base>.vouch-tmp-<pid>-<8 hex>") so readers recognise strays.
const TEMP_RE = /^\..+\.vouch-tmp-\d+-[0-9a-f]{8}$/

export async function walkPackFolder(root: string, out: Finding[]): Promise<LocalFile[]> {
  const files: LocalFile[] = []
  const folded = new Map<string, string>()
  const visit = async (absDir: string, rel: string): Promise<void> => {
    const names = (await readdir(absDir)).sort()
    for (const name of names) {
      if (TEMP_RE.test(name)) continue
      const abs = join(absDir, name)
      const relPath = rel === '' ? name : `${rel}/${name}`
      const check = checkPackPath(relPath)
      if (!check.ok) {
        out.push(containerFinding('unsafe-path', `Unsafe file name: ${check.issues.filter((i) => i.severity === 'error').map((i) => i.reason).join('; ')}.`, { path: relPath }))
        continue
      }
      for (const w of check.issues.filter((i) => i.severity === 'warning')) {
        out.push(containerFinding('windows-unsafe-name', `${w.reason}: the pack will not extract as-is on Windows.`, { path: check.normalized }))
      }
      const st = await lstat(abs)
      const path = check.normalized
      if (st.isSymbolicLink()) {
        out.push(containerFinding('symlink-refused', 'Symbolic link in the pack folder: a pack holds regular files only.', { path }))
        continue
      }
      if (st.isDirectory()) {
        await visit(abs, path)
        continue
      }
      if (!st.isFile()) {
        out.push(containerFinding('special-file-refused', 'Device, FIFO or socket in the pack folder: a pack holds regular files only.', { path }))
        continue
      }
      const key = collisionKey(path)
      const other = folded.get(key)
      if (other !== undefined) {
        out.push(containerFinding(other.normalize('NFC') === path ? 'name-collision-nfc' : 'name-collision-case', 'Two file names collide on macOS/Windows or after NFC normalisation.', { path, expected: other, actual: relPath }))
        continue
      }
      folded.set(key, relPath)
      files.push({ path, abs, size: st.size })
    }
  }
  await visit(root, '')
  return files
}

/** SHA-256 (hex) and byte count of a file, read sequentially in large blocks. */
export async function hashFile(abs: string): Promise<{ sha256: string; size: number }> {
  const h = createHash('sha256')
  const fh = await open(abs, 'r')
  try {
    const buf = Buffer.allocUnsafe(1024 * 1024)
    let size = 0
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, buf.length, null)
      if (bytesRead === 0) break
      h.update(buf.subarray(0, bytesRead))
      size += bytesRead
    }
    return { sha256: h.digest('hex'), size }
  } finally {
    await fh.close()
  }
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex')
}

/** Writes `data` to `target` atomically: a temp file beside it, then rename (never a half-written tag file). */
export async function writeAtomic(target: string, data: string | Uint8Array): Promise<void> {
  const dir = join(target, '..')
  const base = target.slice(dir.length + 1)
  const tmp = join(dir, `.${base}.vouch-tmp-${process.pid}-${randomBytes(4).toString('hex')}`)
  try {
    await writeFile(tmp, data, { flag: 'wx' })
    await rename(tmp, target)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
}

/** Runs `fn` over items with at most `n` in flight, keeping order of results. */
export async function mapLimit<T, R>(items: readonly T[], n: number, fn: (x: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length)
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++
      out[i] = await fn(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker))
  return out
}
