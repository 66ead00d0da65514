/** app:*, pack:open/close/verify/cancel/samples/startup, recent:*, dialog:*, fs:* and prefs:* handlers. */
import { realpath } from 'node:fs/promises'
import { sep } from 'node:path'
import { PackReadError } from '../../core/io/reader'
import { NOT_A_PACK_CODES, type PackReadErrorCode } from '../../core/io/codes'
import { assertLooksLikePack } from '../../core/verify/not-a-pack'
import { isSample } from './assess-open'
import { listFolder } from './browse'
import type { Handlers } from './types'
import { HandlerError } from './types'
import { listSamples, readFolderEvidence, readFolderLabels } from './pack-info'
import { resolveUserPath } from './paths'
import { readPrefs, writePrefs } from './prefs'
import { runVerify, type HandlerState } from './state'

type PackHandlers = Pick<
  Handlers,
  | 'app:info'
  | 'pack:open'
  | 'pack:close'
  | 'pack:verify'
  | 'pack:cancel'
  | 'pack:samples'
  | 'pack:startup'
  | 'recent:get'
  | 'recent:clear'
  | 'recent:remove'
  | 'dialog:openPack'
  | 'fs:list'
  | 'prefs:get'
  | 'prefs:set'
>

const isNotAPack = (e: unknown): e is PackReadError => e instanceof PackReadError && NOT_A_PACK_CODES.includes(e.code as PackReadErrorCode)

/** Is this location inside the host's upload folder (a temporary copy)? */
async function isTemporary(s: HandlerState, location: string): Promise<boolean> {
  const dir = s.deps.uploadsDir
  if (dir === undefined) return false
  const root = await realpath(dir).catch(() => dir)
  return location.startsWith(root + sep)
}

export function packHandlers(s: HandlerState): PackHandlers {
  const { deps } = s
  return {
    'app:info': async () => ({
      host: deps.host,
      version: deps.version,
      dialogs: deps.openDialog !== undefined,
      platform: process.platform,
      cwd: deps.cwd ?? null,
      browse: deps.openDialog === undefined
    }),

    'pack:open': async (path) => {
      const p = await resolveUserPath(path, deps.cwd).then(async (r) => {
        // Not a pack is said at once, before anything is hashed or remembered (core's rule).
        await assertLooksLikePack(r.location)
        return r
      }).catch(async (e: unknown) => {
        if (isNotAPack(e)) await s.recent.remove(e.path).catch(() => undefined)
        throw e
      })
      const labels = p.container === 'folder' ? await readFolderLabels(p.location) : {}
      const provisionalEvidence = p.container === 'folder' ? await readFolderEvidence(p.location) : undefined
      const sample = await isSample(s, p.location)
      const temporary = await isTemporary(s, p.location)
      const entry = s.packs.add(p, sample, temporary)
      return {
        packId: entry.packId,
        location: p.location,
        fileName: p.fileName,
        container: p.container,
        readOnly: sample,
        ...labels,
        ...(provisionalEvidence ? { provisionalEvidence } : {}),
        ...(temporary ? { temporary } : {})
      }
    },

    'pack:close': async (packId) => {
      s.packs.delete(packId)
      s.curves.delete(packId)
      return null
    },

    'pack:verify': async (packId, jobId) => {
      const pack = s.packs.get(packId)
      try {
        return await runVerify(s, pack, jobId)
      } catch (e) {
        // An archive is known not to be a pack only once its entries are listed: forget it if it was remembered.
        if (isNotAPack(e)) await s.recent.remove(pack.location).catch(() => undefined)
        throw e
      }
    },

    'pack:cancel': async (jobId) => ({ cancelled: s.jobs.cancel(jobId) }),

    'pack:samples': async () => listSamples(deps.samplesDir),

    'pack:startup': async () => deps.startupPath ?? null,

    'recent:get': async () => s.recent.get(),

    'recent:clear': async () => {
      await s.recent.clear()
      return null
    },

    'recent:remove': async (path) => s.recent.remove(path),

    'dialog:openPack': async (kind) => {
      if (!deps.openDialog) throw new HandlerError('unsupported', 'no native dialog here: type the path, browse the folders, or drop the pack')
      return deps.openDialog(kind ?? 'file')
    },

    'fs:list': async (path) => {
      // A desktop host has the system's own dialog; the folder browser exists only where it does not.
      if (deps.openDialog) throw new HandlerError('unsupported', 'use the system file dialog (Choose a folder…)')
      return listFolder(path, deps.cwd)
    },

    'prefs:get': async () => readPrefs(deps.userDataDir),

    'prefs:set': async (prefs) => writePrefs(deps.userDataDir, prefs)
  }
}
