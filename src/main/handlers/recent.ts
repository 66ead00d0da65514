/**
 * Recent packs, newest first, persisted as JSON in the profile (user-data) folder, each with its
 * last verdict and when. A pack enters the list once it has been assessed (so a location that
 * turned out not to be a pack never does); a corrupt file reads as empty.
 */
import { join } from 'node:path'
import type { OverallStatus, RecentPack } from '../../shared/domain'
import { readTextIfExists, writeFileAtomic } from './user-files'

export const MAX_RECENT = 12

export class RecentStore {
  private readonly file: string
  /** Writes one at a time, so two assessments finishing together cannot drop each other's entry. */
  private queue: Promise<unknown> = Promise.resolve()
  constructor(userDataDir: string) {
    this.file = join(userDataDir, 'recent.json')
  }

  async get(): Promise<readonly RecentPack[]> {
    const text = await readTextIfExists(this.file).catch(() => undefined)
    if (text === undefined) return []
    try {
      const data = JSON.parse(text) as unknown
      return Array.isArray(data) ? data.filter(isRecent).slice(0, MAX_RECENT) : []
    } catch {
      return []
    }
  }

  /** Puts the pack first with its latest verdict. */
  async record(entry: Omit<RecentPack, 'verdict'>, status: OverallStatus, at = new Date()): Promise<void> {
    await this.update((list) => [{ ...entry, verdict: { status, at: at.toISOString() } }, ...list.filter((r) => r.path !== entry.path)])
  }

  async remove(path: string): Promise<readonly RecentPack[]> {
    return this.update((list) => list.filter((r) => r.path !== path))
  }

  async clear(): Promise<void> {
    await this.update(() => [])
  }

  private update(change: (list: readonly RecentPack[]) => readonly RecentPack[]): Promise<readonly RecentPack[]> {
    const next = this.queue.then(async () => {
      const list = change(await this.get()).slice(0, MAX_RECENT)
      await writeFileAtomic(this.file, JSON.stringify(list, null, 2))
      return list
    })
    this.queue = next.catch(() => undefined)
    return next
  }
}

function isRecent(x: unknown): x is RecentPack {
  const r = x as Partial<RecentPack> | null
  return !!r && typeof r.path === 'string' && typeof r.fileName === 'string' && typeof r.openedAt === 'string'
}
