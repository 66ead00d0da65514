/** Recent packs, newest first, persisted as JSON in the user-data dir. A corrupt file reads as empty. */
import { join } from 'node:path'
import type { RecentPack } from '../../shared/domain'
import { readTextIfExists, writeFileAtomic } from './user-files'

export const MAX_RECENT = 12

export class RecentStore {
  private readonly file: string
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

  async add(entry: RecentPack): Promise<void> {
    const rest = (await this.get()).filter((r) => r.path !== entry.path)
    await writeFileAtomic(this.file, JSON.stringify([entry, ...rest].slice(0, MAX_RECENT), null, 2))
  }

  async clear(): Promise<void> {
    await writeFileAtomic(this.file, '[]')
  }
}

function isRecent(x: unknown): x is RecentPack {
  const r = x as Partial<RecentPack> | null
  return !!r && typeof r.path === 'string' && typeof r.fileName === 'string' && typeof r.openedAt === 'string'
}
