/**
 * The files embedded in the PDF so it can be re-checked without the pack's owner: the verification
 * record, every sign-off envelope as found in the pack, the trust file and the diff when given.
 * Each one's SHA-256 is also printed on the page, so a paper copy still binds to the bytes.
 */
import type { Assessment } from '../assess/types'
import type { VerifyReport } from '../verify/report'
import type { AttestationInput } from './input'
import { safeJson, safeText } from '../text/safe-text'
import { baseName } from './sections/format'

export type Relationship = 'Data' | 'Source' | 'Supplement'

export interface Attachment {
  readonly name: string
  readonly bytes: Uint8Array
  readonly mimeType: string
  readonly description: string
  readonly relationship: Relationship
  readonly sha256: string
  /** Pack path, for sign-off envelopes. */
  readonly packPath?: string
}

export const VERIFICATION_RECORD_SCHEMA = 'vouch.attested-verification/v1'

/** The assessment as recorded: the same machine-dependent fields left out as in the verification record. */
export function assessmentRecord(a: Assessment): Assessment {
  const { durationMs: _d, ...stats } = a.integrity.stats
  const base = (p: string): string => baseName(p)
  return {
    ...a,
    pack: { ...a.pack, location: base(a.pack.location) },
    integrity: { ...a.integrity, stats: stats as Assessment['integrity']['stats'] },
    gate: a.gate ? { ...a.gate, previous: { ...a.gate.previous, location: base(a.gate.previous.location) } } : null
  }
}

/**
 * The verification report as recorded: machine-dependent fields are left out (the absolute path
 * becomes its base name, the run time is dropped) so the same pack gives the same bytes anywhere.
 */
export function verificationRecord(report: VerifyReport): unknown {
  const { location, stats, ...rest } = report
  return {
    schema: VERIFICATION_RECORD_SCHEMA,
    ...rest,
    location: baseName(location),
    stats: { filesChecked: stats.filesChecked, bytesChecked: stats.bytesChecked }
  }
}

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', bytes)
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s)

export async function buildAttachments(input: AttestationInput): Promise<Attachment[]> {
  const specs: Omit<Attachment, 'sha256'>[] = [
    {
      name: 'verification.json',
      bytes: utf8(`${safeJson(verificationRecord(input.report), 2)}\n`),
      mimeType: 'application/json',
      description: 'Vouch verification record of the pack (files, hashes, findings, evidence, traceability)',
      relationship: 'Data'
    }
  ]
  specs.push({
    name: 'assessment.json',
    bytes: utf8(`${safeJson(assessmentRecord(input.assessment), 2)}\n`),
    mimeType: 'application/json',
    description: 'Vouch assessment of the pack (vouch.assessment/v1: overall status, integrity, sign-off history, approval, release gate, requirements)',
    relationship: 'Data'
  })
  const taken = new Set(['verification.json', 'assessment.json'])
  for (const s of input.report.signoffs) {
    // Attachment names are shown by PDF readers and written to disk by pdfdetach: sanitised.
    const base = safeText(baseName(s.path))
    let name = `signoff-${base}`
    for (let k = 2; taken.has(name); k++) name = `signoff-${k}-${base}`
    taken.add(name)
    specs.push({
      name,
      bytes: utf8(s.text),
      mimeType: 'application/json',
      description: 'Sign-off envelope (DSSE), as found in the pack',
      relationship: 'Source',
      packPath: s.path
    })
  }
  if (input.trust) {
    specs.push({
      name: `trust-${safeText(baseName(input.trust.name))}`,
      bytes: input.trust.bytes,
      mimeType: 'text/plain',
      description: 'Trust file the sign-offs were checked against',
      relationship: 'Supplement'
    })
  }
  if (input.previous?.report) {
    specs.push({
      name: 'previous-verification.json',
      bytes: utf8(`${safeJson(verificationRecord(input.previous.report), 2)}\n`),
      mimeType: 'application/json',
      description: 'Vouch verification record of the previous release',
      relationship: 'Supplement'
    })
  }
  if (input.previous?.diff?.json !== undefined) {
    specs.push({
      name: 'diff.json',
      bytes: utf8(input.previous.diff.json),
      mimeType: 'application/json',
      description: 'Release diff against the previous release (vouch.diff/v1, condensed: see slicesOmitted)',
      relationship: 'Supplement'
    })
  }
  return Promise.all(specs.map(async (s) => ({ ...s, sha256: await sha256Hex(s.bytes) })))
}
