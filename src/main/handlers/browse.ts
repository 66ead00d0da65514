/**
 * fs:list, for hosts without a native file dialog (`vouch serve`): one folder's sub-folders and
 * archive files, so a pack can be picked without typing its path. What it may reveal is bounded:
 * names only (never a file's content), no hidden entries (dot-names), no links (they are neither
 * followed nor listed), at most MAX_LISTED entries, and only what the user running `vouch serve`
 * can read. It adds no reach: pack:open already accepts any path the token holder types.
 */
import { lstat, readdir, realpath, stat } from 'node:fs/promises'
import { homedir } from 'node:os'
import { dirname, join } from 'node:path'
import type { FolderEntry, FolderListing } from '../../shared/domain'
import { absoluteUserPath } from './paths'
import { HandlerError } from './types'

export const MAX_LISTED = 500
const ARCHIVE = /\.(zip|tar|tar\.gz|tgz)$/i
const RANK = { pack: 0, folder: 1, archive: 2 } as const

export async function listFolder(raw: string | undefined, cwd: string | undefined): Promise<FolderListing> {
  const start = raw === undefined ? (cwd ?? homedir()) : absoluteUserPath(raw, cwd)
  let path: string
  try {
    path = await realpath(start)
    if (!(await stat(path)).isDirectory()) throw new HandlerError('not-a-folder', `${start} is not a folder`, start)
  } catch (e) {
    if (e instanceof HandlerError) throw e
    throw new HandlerError('not-found', `no folder at ${start}`, start)
  }
  let names: string[]
  try {
    names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort()
  } catch {
    throw new HandlerError('unreadable', `${path} cannot be listed (permission denied?)`, path)
  }
  const entries: FolderEntry[] = []
  let truncated = false
  for (const name of names) {
    if (entries.length >= MAX_LISTED) {
      truncated = true
      break
    }
    const p = join(path, name)
    const st = await lstat(p).catch(() => undefined)
    if (st === undefined) continue
    if (st.isDirectory()) {
      const isPack = await lstat(join(p, 'bagit.txt')).then((b) => b.isFile(), () => false)
      entries.push({ name, path: p, kind: isPack ? 'pack' : 'folder' })
    } else if (st.isFile() && ARCHIVE.test(name)) entries.push({ name, path: p, kind: 'archive' })
  }
  entries.sort((a, b) => RANK[a.kind] - RANK[b.kind] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const parent = dirname(path)
  const places = [...(cwd === undefined ? [] : [{ label: 'Where vouch serve was started', path: cwd }]), { label: 'Home folder', path: homedir() }]
  return { path, parent: parent === path ? null : parent, entries, truncated, places }
}
