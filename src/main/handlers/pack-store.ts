/**
 * Opened packs by handle. The renderer names a pack by the handle pack:open minted, so paths are
 * validated once and can never be swapped mid-session; the latest complete report is cached for
 * diff, sign-off and attestation.
 */
import { randomBytes } from 'node:crypto'
import type { VerifyReport } from '../../shared/domain'
import type { UserPath } from './paths'
import { HandlerError } from './types'

export interface OpenPack extends UserPath {
  readonly packId: string
  /** An embedded sample (resources/samples): never written to. */
  readonly sample: boolean
  /** The latest complete report. */
  report?: VerifyReport
  /** The latest report of a verification that did not finish (cancelled): assessed as incomplete, never reused as complete. */
  incomplete?: VerifyReport
  /** The handle of the previous release: undefined until looked up, null when there is none. */
  previousId?: string | null
  /** How the previous release is chosen: the one Previous-Version names beside it (auto), none, or a path the user gave. */
  previousMode?: 'auto' | 'none' | 'path'
  /** The location the user chose (previousMode 'path'). */
  previousPath?: string
  /** A temporary copy the host received (an upload): never recent, removed when the host stops. */
  readonly temporary?: boolean
}

export class PackStore {
  private readonly packs = new Map<string, OpenPack>()

  add(p: UserPath, sample = false, temporary = false): OpenPack {
    const packId = `pk_${randomBytes(12).toString('hex')}`
    const entry: OpenPack = { ...p, packId, sample, ...(temporary ? { temporary } : {}) }
    this.packs.set(packId, entry)
    return entry
  }

  get(packId: string): OpenPack {
    const p = this.packs.get(packId)
    if (!p) throw new HandlerError('unknown-pack', 'this pack is no longer open; open it again')
    // Most recently used last (Map keeps insertion order), for keepReports.
    this.packs.delete(packId)
    this.packs.set(packId, p)
    return p
  }

  /**
   * Reports of big packs are large (one record per file): only the most recently used keep theirs;
   * the others keep their handle and are verified again if needed.
   */
  keepReports(max: number): void {
    const withReport = [...this.packs.values()].filter((p) => p.report !== undefined)
    for (const p of withReport.slice(0, Math.max(0, withReport.length - max))) p.report = undefined
  }

  has(packId: string): boolean {
    return this.packs.has(packId)
  }

  delete(packId: string): void {
    this.packs.delete(packId)
  }

  /** After the pack changed on disk (a sign-off was written): the cached report is stale. */
  invalidate(packId: string): void {
    const p = this.packs.get(packId)
    if (p) {
      p.report = undefined
      p.incomplete = undefined
    }
  }
}
