/** pack:assess, diff:*, signoff:* and attest:* handlers: thin wiring from handles to core functions. */
import { basename } from 'node:path'
import { attestationCurves, releaseNames, type AttestationCurves } from '../../core/curves/attestation'
import type { LoadedCurves } from '../../core/curves/source'
import { PackReadError } from '../../core/io/reader'
import type { VerifyReport } from '../../shared/domain'
import { previousName } from '../../core/assess/gate'
import { assessOpenPack, choosePrevious, previousHandle, previousLocation, workspaceCopy } from './assess-open'
import { completeReport, type HandlerState } from './state'
import { keyFilePath, readTrustText } from './key-store'
import { readTextIfExists } from './user-files'
import { HandlerError, type Handlers } from './types'

type ReviewHandlers = Pick<Handlers, 'pack:assess' | 'pack:setPrevious' | 'diff:compute' | 'diff:previous' | 'signoff:checklist' | 'signoff:sign' | 'attest:export'>

export function reviewHandlers(s: HandlerState): ReviewHandlers {
  return {
    'pack:assess': async (packId, jobId) => (await assessOpenPack(s, packId, jobId)).assessment,

    'diff:compute': async (oldId, newId, jobId) => {
      // Sequential: one job id carries one verification at a time.
      const oldR = await completeReport(s, oldId, jobId)
      const newR = await completeReport(s, newId, jobId)
      return s.core.diffPacks(oldR, newR)
    },

    'pack:setPrevious': async (packId, mode, path) => choosePrevious(s, packId, mode, path),

    'diff:previous': async (packId) => previousLocation(s.packs.get(packId)),

    'signoff:checklist': async (packId, previousId) => {
      const report = await completeReport(s, packId)
      const prevId = previousId ?? (await previousHandle(s, packId))
      if (prevId === undefined) return s.core.checklist(report)
      const previous = await completeReport(s, prevId)
      return s.core.checklist(report, previous, s.core.diffPacks(previous, report))
    },

    'signoff:sign': async (packId, req) => {
      const opened = s.packs.get(packId)
      const keyFileText = await readTextIfExists(keyFilePath(s.deps.userDataDir, req.keyId), 64 * 1024)
      if (keyFileText === undefined) throw new HandlerError('not-found', 'this key has no private part here: it cannot sign')
      // The rule runs before anything is written, on the same gate the app shows (the assessment's inputs).
      const before = await assessOpenPack(s, packId)
      // Embedded samples are read-only inputs: sign a copy in the user's workspace and say where.
      const pack = opened.sample ? await workspaceCopy(s, opened) : opened
      const { signoffPath, report } = await s.core.sign({
        location: pack.location,
        keyFileText,
        passphrase: req.passphrase,
        role: req.role,
        decision: req.decision,
        answers: req.answers,
        ...(req.comment === undefined ? {} : { comment: req.comment }),
        ...(req.acknowledgeBlockers === undefined ? {} : { acknowledgeBlockers: req.acknowledgeBlockers }),
        ...(before.previous ? { previous: before.previous.report } : {})
      })
      // The pack changed on disk: its new report (verified by core after writing) replaces the cached one.
      s.packs.invalidate(pack.packId)
      if (report) pack.report = report
      const after = await assessOpenPack(s, pack.packId)
      return { signoffPath, assessment: after.assessment, report: after.report, ...(pack === opened ? {} : { copy: { location: pack.location } }) }
    },

    'attest:export': async (packId) => {
      // The PDF renders the very assessment the app shows: same trust file, same previous release.
      const { assessment, report, previous } = await assessOpenPack(s, packId)
      const trustText = await readTrustText(s.deps.userDataDir)
      const curves = await attestCurves(s, packId, report, previous?.report)
      const bytes = await s.core.renderAttestation({
        report,
        assessment,
        version: s.deps.version,
        curves,
        ...(previous ? { previous: previous.report, diff: previous.diff } : {}),
        ...(trustText.trim() ? { trust: { name: 'trust.txt', bytes: new TextEncoder().encode(trustText) } } : {})
      })
      const delivered = await s.deps.deliverFile(bytes, attestationName(report), 'application/pdf')
      // Say what the PDF records, so a Failed or Blocked attestation is never reported as a plain success.
      return delivered.kind === 'cancelled' ? delivered : { ...delivered, status: assessment.status, against: assessment.gate ? previousName(assessment.gate) : null }
    }
  }
}

/** Appendix A from the charts' cache: the pack's curves, and the previous release's overlaid when the assessment compares with one. */
async function attestCurves(s: HandlerState, packId: string, report: VerifyReport, previous?: VerifyReport): Promise<AttestationCurves> {
  const prevId = previous ? await previousHandle(s, packId) : undefined
  // A pack that went away after it was verified: the attestation says so instead of failing.
  const load = (id: string, r: VerifyReport): Promise<LoadedCurves> =>
    s.curves.source(id, r).catch((e: unknown) => {
      if (e instanceof PackReadError) return { kind: 'unavailable', reason: `the pack could not be read again (${e.message})` }
      throw e
    })
  const current = await load(packId, report)
  const prev = previous && prevId !== undefined ? { loaded: await load(prevId, previous), names: releaseNames(report, previous) } : undefined
  return attestationCurves(current, prev)
}

function attestationName(r: VerifyReport): string {
  const raw = [r.pack.name ?? basename(r.location), r.pack.version, 'attestation'].filter(Boolean).join('-')
  return `${raw.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 120)}.pdf`
}
