/**
 * Small per-user files in the user-data dir, written atomically (temp file, fsync, rename) so a
 * crash never leaves half a recent list or trust file behind.
 */
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'

export async function writeFileAtomic(path: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  const fh = await open(tmp, 'wx', mode)
  try {
    await fh.writeFile(data)
    await fh.sync()
  } catch (e) {
    await fh.close().catch(() => undefined)
    await rm(tmp, { force: true })
    throw e
  }
  await fh.close()
  try {
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
}

/** The file's text, or undefined when it does not exist. Other errors propagate. */
export async function readTextIfExists(path: string, maxBytes = 4 * 1024 * 1024): Promise<string | undefined> {
  try {
    const buf = await readFile(path)
    if (buf.byteLength > maxBytes) throw new Error(`${path} is larger than ${maxBytes} bytes`)
    return buf.toString('utf8')
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw e
  }
}
