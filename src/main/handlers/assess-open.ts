/**
 * The app's one verdict on an opened pack: core's assessment with the app's inputs (its trust
 * file, the previous release beside the pack). pack:assess, signoff:sign and attest:export all use
 * it, so the badge, the sign-off panel and the PDF can never disagree.
 */
import { cp, mkdir, readdir, realpath } from 'node:fs/promises'
import { randomBytes } from 'node:crypto'
import { basename, dirname, join, sep } from 'node:path'
import { assertLooksLikePack } from '../../core/verify/not-a-pack'
import type { Assessment, PackDiff, PreviousChoice, VerifyReport } from '../../shared/domain'
import { readTrustText } from './key-store'
import { readFolderLabels } from './pack-info'
import type { OpenPack } from './pack-store'
import { resolveUserPath } from './paths'
import { completeReport, type HandlerState } from './state'
import { HandlerError } from './types'

export interface AssessedOpenPack {
  readonly assessment: Assessment
  readonly report: VerifyReport
  readonly previous?: { readonly report: VerifyReport; readonly diff: PackDiff }
}

export async function assessOpenPack(s: HandlerState, packId: string, jobId?: string): Promise<AssessedOpenPack> {
  const pack = s.packs.get(packId)
  // A cancelled verification is assessed as it is (incomplete), never verified again behind the user's back.
  const report = !pack.report && pack.incomplete ? pack.incomplete : await completeReport(s, packId, jobId)
  let previous: AssessedOpenPack['previous']
  if (report.status !== 'incomplete') {
    const prevId = await previousHandle(s, packId)
    if (prevId !== undefined) {
      try {
        const prev = await completeReport(s, prevId, jobId)
        previous = { report: prev, diff: s.core.diffPacks(prev, report) }
      } catch (e) {
        if (e instanceof HandlerError && e.code === 'cancelled') throw e
        // The release beside it could not be read: assessed without the gate, and the log says why.
        s.deps.log.warn(`previous release of ${pack.fileName} not compared: ${e instanceof Error ? e.message : String(e)}`)
      }
    }
  }
  const assessment = s.core.assess(report, { trustText: await readTrustText(s.deps.userDataDir), ...(previous ? { previous } : {}) })
  await rememberVerdict(s, pack, assessment)
  return { assessment, report, ...(previous ? { previous } : {}) }
}

/** Recent packs carry each pack's last verdict; samples and temporary copies are never listed. */
async function rememberVerdict(s: HandlerState, pack: OpenPack, a: Assessment): Promise<void> {
  if (pack.sample || pack.temporary === true) return
  const entry = { path: pack.location, fileName: pack.fileName, openedAt: new Date().toISOString(), ...(a.pack.name ? { name: a.pack.name } : {}), ...(a.pack.version ? { version: a.pack.version } : {}) }
  // Recent is a convenience: failing to write it must not fail the assessment.
  await s.recent.record(entry, a.status).catch((e: unknown) => s.deps.log.warn(`recent packs not saved: ${e instanceof Error ? e.message : String(e)}`))
}

/** The handle of the previous release the app uses for this pack (the user's choice, else Previous-Version's beside it; cached). */
export async function previousHandle(s: HandlerState, packId: string): Promise<string | undefined> {
  const pack = s.packs.get(packId)
  if (pack.previousId === null) return undefined
  if (pack.previousId !== undefined && s.packs.has(pack.previousId)) return pack.previousId
  const location = await previousLocation(pack)
  const resolved = location === null ? undefined : await resolveUserPath(location).catch(() => undefined)
  if (!resolved) {
    pack.previousId = null
    return undefined
  }
  const entry = s.packs.add(resolved, await isSample(s, resolved.location))
  pack.previousId = entry.packId
  return entry.packId
}

/** Sets how the previous release is chosen; a path must be a pack (checked now, in core's words). */
export async function choosePrevious(s: HandlerState, packId: string, mode: 'auto' | 'none' | 'path', path: string | undefined): Promise<PreviousChoice> {
  const pack = s.packs.get(packId)
  if (mode === 'path') {
    if (path === undefined) throw new HandlerError('invalid-argument', 'choose the previous release: a folder or archive path')
    const p = await resolveUserPath(path, s.deps.cwd)
    await assertLooksLikePack(p.location)
    if (p.location === pack.location) throw new HandlerError('same-pack', 'a release cannot be its own previous release: choose another pack')
    const entry = s.packs.add(p, await isSample(s, p.location))
    pack.previousMode = 'path'
    pack.previousPath = p.location
    pack.previousId = entry.packId
    return { mode, location: p.location }
  }
  pack.previousMode = mode
  pack.previousPath = undefined
  pack.previousId = mode === 'none' ? null : undefined
  return { mode, location: mode === 'none' ? null : await previousLocation(pack) }
}

export async function previousLocation(pack: OpenPack): Promise<string | null> {
  if (pack.previousMode === 'none') return null
  if (pack.previousMode === 'path') return pack.previousPath ?? null
  const previous = pack.report?.pack.previousVersion ?? (pack.container === 'folder' ? (await readFolderLabels(pack.location)).previousVersion : undefined)
  if (!previous) return null
  const name = pack.report?.pack.name ?? (await readFolderLabels(pack.location).catch(() => ({ name: undefined }))).name
  return findSibling(pack.location, previous, name)
}

/** A sibling folder whose bag-info names that version (and pack), else an archive named after it. */
async function findSibling(location: string, version: string, name: string | undefined): Promise<string | null> {
  const dir = dirname(location)
  let entries: string[]
  try {
    entries = (await readdir(dir)).sort()
  } catch {
    return null
  }
  for (const e of entries) {
    const p = join(dir, e)
    if (p === location) continue
    const labels = await readFolderLabels(p)
    if (labels.version === version && (name === undefined || labels.name === undefined || labels.name === name)) return p
  }
  const token = new RegExp(`(^|[^0-9A-Za-z.])v?${version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\.(zip|tar|tar\\.gz|tgz))$`)
  const archive = entries.find((e) => join(dir, e) !== location && token.test(e))
  return archive === undefined ? null : join(dir, archive)
}

/** Is this location inside the embedded samples (read-only inputs: never written to)? */
export async function isSample(s: HandlerState, location: string): Promise<boolean> {
  const root = await realpath(s.deps.samplesDir).catch(() => s.deps.samplesDir)
  return location === root || location.startsWith(root + sep)
}

/**
 * A writable copy of a read-only sample in the user's workspace (<user data>/workspace/<time>/),
 * with the previous release beside it when it is a sample too, so the release gate stays the same.
 */
export async function workspaceCopy(s: HandlerState, pack: OpenPack): Promise<OpenPack> {
  const stamp = new Date().toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-')
  const dir = join(s.deps.userDataDir, 'workspace', `${stamp}-${randomBytes(3).toString('hex')}`)
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const dest = join(dir, basename(pack.location))
  await cp(pack.location, dest, { recursive: true, errorOnExist: true, force: false })
  const prev = await previousLocation(pack)
  if (prev !== null && (await isSample(s, prev))) await cp(prev, join(dir, basename(prev)), { recursive: true, errorOnExist: true, force: false })
  const copy = s.packs.add(await resolveUserPath(dest))
  // The copy is judged against the same previous release as the original (the user's choice included).
  if (pack.previousMode === 'none' || pack.previousMode === 'path') {
    copy.previousMode = pack.previousMode
    if (pack.previousPath !== undefined) copy.previousPath = pack.previousPath
  }
  return copy
}
