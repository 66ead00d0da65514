/** app:*, pack:*, recent:* and dialog:* handlers. */
import { isSample } from './assess-open'
import type { Handlers } from './types'
import { HandlerError } from './types'
import { listSamples, readFolderEvidence, readFolderLabels } from './pack-info'
import { resolveUserPath } from './paths'
import { runVerify, type HandlerState } from './state'

type PackHandlers = Pick<
  Handlers,
  'app:info' | 'pack:open' | 'pack:close' | 'pack:verify' | 'pack:cancel' | 'pack:samples' | 'pack:startup' | 'recent:get' | 'recent:clear' | 'dialog:openPack'
>

export function packHandlers(s: HandlerState): PackHandlers {
  const { deps } = s
  return {
    'app:info': async () => ({ host: deps.host, version: deps.version, dialogs: deps.openDialog !== undefined, platform: process.platform }),

    'pack:open': async (path) => {
      const p = await resolveUserPath(path)
      const labels = p.container === 'folder' ? await readFolderLabels(p.location) : {}
      const provisionalEvidence = p.container === 'folder' ? await readFolderEvidence(p.location) : undefined
      const sample = await isSample(s, p.location)
      const entry = s.packs.add(p, sample)
      if (!sample) {
        // Recent is a convenience: failing to write it must not fail the open.
        await s.recent
          .add({ path: p.location, fileName: p.fileName, openedAt: new Date().toISOString(), ...labels })
          .catch((e: unknown) => deps.log.warn(`recent packs not saved: ${e instanceof Error ? e.message : String(e)}`))
      }
      return {
        packId: entry.packId,
        location: p.location,
        fileName: p.fileName,
        container: p.container,
        readOnly: sample,
        ...labels,
        ...(provisionalEvidence ? { provisionalEvidence } : {})
      }
    },

    'pack:close': async (packId) => {
      s.packs.delete(packId)
      s.curves.delete(packId)
      return null
    },

    'pack:verify': async (packId, jobId) => runVerify(s, s.packs.get(packId), jobId),

    'pack:cancel': async (jobId) => ({ cancelled: s.jobs.cancel(jobId) }),

    'pack:samples': async () => listSamples(deps.samplesDir),

    'pack:startup': async () => deps.startupPath ?? null,

    'recent:get': async () => s.recent.get(),

    'recent:clear': async () => {
      await s.recent.clear()
      return null
    },

    'dialog:openPack': async (kind) => {
      if (!deps.openDialog) throw new HandlerError('unsupported', 'no native dialog here: type the path or drop the pack')
      return deps.openDialog(kind ?? 'file')
    }
  }
}
