/** diff:*, signoff:* and attest:* handlers: thin wiring from handles to core functions. */
import { readdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import type { SignoffAssessment, VerifyReport } from '../../shared/domain'
import { readFolderLabels } from './pack-info'
import { completeReport, type HandlerState } from './state'
import { keyFilePath, readTrustText } from './key-store'
import { readTextIfExists } from './user-files'
import { HandlerError, type Handlers } from './types'

type ReviewHandlers = Pick<Handlers, 'diff:compute' | 'diff:previous' | 'signoff:checklist' | 'signoff:assess' | 'signoff:sign' | 'attest:export'>

export function reviewHandlers(s: HandlerState): ReviewHandlers {
  const assess = async (report: VerifyReport): Promise<SignoffAssessment> =>
    s.core.assessSignoffs(report, await readTrustText(s.deps.userDataDir))

  return {
    'diff:compute': async (oldId, newId, jobId) => {
      // Sequential: one job id carries one verification at a time.
      const oldR = await completeReport(s, oldId, jobId)
      const newR = await completeReport(s, newId, jobId)
      return s.core.diffPacks(oldR, newR)
    },

    'diff:previous': async (packId) => {
      const pack = s.packs.get(packId)
      const previous = pack.report?.pack.previousVersion ?? (pack.container === 'folder' ? (await readFolderLabels(pack.location)).previousVersion : undefined)
      if (!previous) return null
      const name = pack.report?.pack.name ?? (await readFolderLabels(pack.location).catch(() => ({ name: undefined }))).name
      return findSibling(pack.location, previous, name)
    },

    'signoff:checklist': async (packId, previousId) => {
      const report = await completeReport(s, packId)
      if (previousId === undefined) return s.core.checklist(report)
      const previous = await completeReport(s, previousId)
      return s.core.checklist(report, previous, s.core.diffPacks(previous, report))
    },

    'signoff:assess': async (packId) => assess(await completeReport(s, packId)),

    'signoff:sign': async (packId, req) => {
      const pack = s.packs.get(packId)
      const keyFileText = await readTextIfExists(keyFilePath(s.deps.userDataDir, req.keyId), 64 * 1024)
      if (keyFileText === undefined) throw new HandlerError('not-found', 'this key has no private part here: it cannot sign')
      const { signoffPath, report } = await s.core.sign({
        location: pack.location,
        keyFileText,
        passphrase: req.passphrase,
        role: req.role,
        decision: req.decision,
        answers: req.answers,
        ...(req.comment === undefined ? {} : { comment: req.comment })
      })
      // The pack changed on disk: its new report (verified by core after writing) replaces the cached one.
      s.packs.invalidate(packId)
      if (report) pack.report = report
      return { signoffPath, assessment: await assess(await completeReport(s, packId)) }
    },

    'attest:export': async (packId, opts) => {
      const report = await completeReport(s, packId)
      const previous = opts?.againstId === undefined ? undefined : await completeReport(s, opts.againstId)
      const diff = previous ? s.core.diffPacks(previous, report) : undefined
      const trustText = await readTrustText(s.deps.userDataDir)
      // A broken trust file stops the export with its reason: an attestation silently missing its
      // sign-off verdict would mislead whoever files it.
      const assessment: SignoffAssessment = s.core.assessSignoffs(report, trustText)
      const bytes = await s.core.renderAttestation({
        report,
        version: s.deps.version,
        ...(previous ? { previous } : {}),
        ...(diff ? { diff } : {}),
        ...(assessment ? { assessment } : {}),
        ...(trustText.trim() ? { trust: { name: 'trust.txt', bytes: new TextEncoder().encode(trustText) } } : {})
      })
      return s.deps.deliverFile(bytes, attestationName(report), 'application/pdf')
    }
  }
}

function attestationName(r: VerifyReport): string {
  const raw = [r.pack.name ?? basename(r.location), r.pack.version, 'attestation'].filter(Boolean).join('-')
  return `${raw.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 120)}.pdf`
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
