/**
 * The private folder `vouch serve` keeps dropped archives in, removed on every way out: close(),
 * the process 'exit' event (a second Ctrl+C, an uncaught error, process.exit anywhere), and, for
 * the one path no handler sees (SIGKILL, a power cut), by the next `vouch serve`, which removes the
 * folders of serve processes that no longer exist. The folder name carries the owner's pid for that:
 * vouch-serve-<pid>-<random>.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { join } from 'node:path'

const PREFIX = 'vouch-serve-'

export interface UploadDir {
  readonly path: string
  /** A new private sub-folder for one upload. */
  sub(): Promise<string>
  remove(): Promise<void>
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Removes vouch-serve-<pid>-* folders under `tmp` whose process is gone and that belong to this user. */
export function removeStaleUploadDirs(tmp: string): string[] {
  const removed: string[] = []
  let names: string[]
  try {
    names = readdirSync(tmp)
  } catch {
    return removed
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined
  for (const n of names) {
    const m = /^vouch-serve-(\d+)-[A-Za-z0-9]{6}$/.exec(n)
    if (!m || Number(m[1]) === process.pid || alive(Number(m[1]))) continue
    const p = join(tmp, n)
    try {
      const st = statSync(p)
      if (!st.isDirectory() || (uid !== undefined && st.uid !== uid)) continue
      rmSync(p, { recursive: true, force: true })
      removed.push(p)
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed
}

export async function makeUploadDir(tmp: string): Promise<UploadDir> {
  removeStaleUploadDirs(tmp)
  const path = mkdtempSync(join(tmp, `${PREFIX}${process.pid}-`))
  // Synchronous: 'exit' listeners cannot wait. Harmless when close() already removed it.
  const onExit = (): void => rmSync(path, { recursive: true, force: true })
  process.on('exit', onExit)
  return {
    path,
    sub: () => mkdtemp(join(path, 'u-')),
    remove: async () => {
      process.off('exit', onExit)
      await rm(path, { recursive: true, force: true })
    }
  }
}
