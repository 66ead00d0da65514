/**
 * Paths that come from the renderer (typed, dropped, picked in a dialog, or handed out by a host
 * call). The contract already refused relative paths and NUL; here they must exist and be a folder
 * or a regular file. Everything later names the pack by handle, so this runs once per open.
 */
import { open, realpath, stat } from 'node:fs/promises'
import { basename, isAbsolute, resolve } from 'node:path'
import type { ContainerKind } from '../../shared/domain'
import { HandlerError } from './types'

export interface UserPath {
  /** Absolute, resolved (symlinks followed) location. */
  readonly location: string
  readonly fileName: string
  readonly container: ContainerKind
}

export async function resolveUserPath(raw: string): Promise<UserPath> {
  if (!isAbsolute(raw) || raw.includes('\u0000')) throw new HandlerError('invalid-argument', 'expected an absolute path', raw)
  let location: string
  try {
    location = await realpath(resolve(raw))
  } catch {
    throw new HandlerError('not-found', `no such file or folder: ${raw}`, raw)
  }
  const st = await stat(location)
  if (st.isDirectory()) return { location, fileName: basename(location), container: 'folder' }
  if (!st.isFile()) throw new HandlerError('unreadable', `not a folder or an archive file: ${raw}`, raw)
  const container = await sniffContainer(location)
  if (!container) throw new HandlerError('unreadable', `not a pack: expected a folder, .zip, .tar or .tar.gz (${basename(location)})`, raw)
  return { location, fileName: basename(location), container }
}

/** The container by its first bytes (never by extension, like the core reader). */
export async function sniffContainer(file: string): Promise<ContainerKind | undefined> {
  const fh = await open(file, 'r')
  try {
    const head = new Uint8Array(512)
    const { bytesRead } = await fh.read(head, 0, 512, 0)
    if (bytesRead >= 4 && head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip'
    if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'tar.gz'
    if (bytesRead >= 262 && String.fromCharCode(...head.subarray(257, 262)) === 'ustar') return 'tar'
    return undefined
  } finally {
    await fh.close()
  }
}
