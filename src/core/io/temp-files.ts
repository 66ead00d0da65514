/**
 * Names of the temporary files Vouch writes beside a target before an atomic rename, so that a
 * later run (or the folder reader) recognises a stray one left by a crash: ".<base>.vouch-tmp-<pid>-<hex>".
 */
import { randomBytes } from 'node:crypto'
import { lstat, readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'

const TEMP_RE = /^\.(.+)\.vouch-tmp-(\d+)-[0-9a-f]{8}$/

export function tempNameFor(base: string): string {
  return `.${base}.vouch-tmp-${process.pid}-${randomBytes(4).toString('hex')}`
}

/** The target base name and writer pid of a Vouch temp file name, or undefined. */
export function parseTempName(name: string): { readonly base: string; readonly pid: number } | undefined {
  const m = TEMP_RE.exec(name)
  return m ? { base: m[1] as string, pid: Number(m[2]) } : undefined
}

/** True when no live process has this pid (so its temp file is stray). */
export function isProcessGone(pid: number): boolean {
  if (pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (e) {
    return (e as { code?: string }).code === 'ESRCH'
  }
}

/**
 * Removes Vouch temp files in `dir` whose writer process no longer exists (only those for `base`
 * when given): what a killed sign-off or pack left behind. Returns the paths removed.
 */
export async function cleanStrayTemps(dir: string, base?: string): Promise<readonly string[]> {
  const removed: string[] = []
  const names = await readdir(dir).catch(() => [] as string[])
  for (const n of names) {
    const t = parseTempName(n)
    if (!t || (base !== undefined && t.base !== base) || !isProcessGone(t.pid)) continue
    const p = join(dir, n)
    const st = await lstat(p).catch(() => undefined)
    if (st?.isFile()) {
      await unlink(p).catch(() => undefined)
      removed.push(p)
    }
  }
  return removed
}
