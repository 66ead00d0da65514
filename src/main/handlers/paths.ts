/**
 * Paths that come from the renderer (typed, dropped, picked in a dialog or the folder browser, or
 * handed out by a host call). A typed path may be relative or start with `~/` where the host can
 * resolve it (`vouch serve`: against the folder it was started in; Electron has no such folder, so
 * it asks for a full path). Then it must exist and be a folder or an archive by its content (core
 * decides: not-an-archive, empty-file). Everything later names the pack by handle.
 */
import { realpath } from 'node:fs/promises'
import { homedir } from 'node:os'
import { basename, isAbsolute, join, resolve } from 'node:path'
import { probeContainer } from '../../core/io/open'
import type { ContainerKind } from '../../shared/domain'
import { HandlerError } from './types'

export interface UserPath {
  /** Absolute, resolved (symlinks followed) location. */
  readonly location: string
  readonly fileName: string
  readonly container: ContainerKind
}

/**
 * An absolute path for what a person typed: `~` and `~/…` from the home folder, a relative path
 * from `cwd` when the host has one; otherwise a typed refusal that says what to type instead.
 */
export function absoluteUserPath(raw: string, cwd: string | undefined): string {
  const typed = raw.trim()
  if (typed.includes('\u0000')) throw new HandlerError('invalid-argument', 'a path cannot contain a NUL character')
  if (typed === '~' || typed.startsWith('~/')) return join(homedir(), typed.slice(1))
  if (isAbsolute(typed)) return resolve(typed)
  if (cwd === undefined) throw new HandlerError('relative-path', `"${typed}" is a relative path: type the full path (for example /home/you/packs/${typed})`, typed)
  return resolve(cwd, typed)
}

export async function resolveUserPath(raw: string, cwd?: string): Promise<UserPath> {
  const abs = absoluteUserPath(raw, cwd)
  let location: string
  try {
    location = await realpath(abs)
  } catch {
    throw new HandlerError('not-found', `nothing at ${abs}${abs !== raw.trim() ? ` (from "${raw.trim()}")` : ''}`, abs)
  }
  const container = await probeContainer(location)
  return { location, fileName: basename(location), container }
}
