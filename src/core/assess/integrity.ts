/**
 * The integrity part of an assessment: the verifier's report plus the sign-off envelopes' own
 * errors (an envelope that does not verify, or signs another pack, fails the pack), and the failing
 * files named in plain words for the landing view of a failed pack.
 */
import type { Finding } from '../findings'
import type { VerifyReport, VerifyStatus } from '../verify/report'
import type { FailingFile, IntegritySection } from './types'

/** The landing view names the first few; the rest are counted. Every finding stays in `findings`. */
export const MAX_FAILING_LISTED = 50

/** Plain words for the codes a failed pack most often shows; other codes use the finding's own message. */
const PLAIN: Readonly<Record<string, string>> = {
  'hash-mismatch': 'changed since the pack was built: its SHA-256 differs from the manifest',
  'file-missing': 'listed in the manifest but missing from the pack',
  'file-unexpected': 'present in data/ but not listed in the manifest: nothing vouches for it',
  'tag-file-missing': 'a required BagIt file is missing',
  'payload-oxum-mismatch': 'the payload size or file count differs from what bag-info.txt records',
  'tagmanifest-incomplete': 'the tag manifest does not protect every tag file',
  'json-invalid': 'not valid JSON',
  'schema-invalid': 'does not match its evidence schema',
  'evidence-missing': 'a required evidence document is missing',
  'metric-not-reproduced': 'a claimed number differs from the one recomputed from the predictions the pack ships',
  'predictions-invalid': 'the predictions cannot be read as their descriptor declares',
  'signoff-signature-invalid': 'a sign-off whose signature does not verify (forged or altered)',
  'signoff-other-pack': 'a sign-off signed for another pack (copied in)',
  'signoff-statement-invalid': 'a sign-off whose signed statement is malformed',
  'signoff-envelope-invalid': 'a sign-off file that is not a valid envelope',
  'signoff-not-json': 'a sign-off file that is not valid JSON'
}

export function plainWords(f: Finding): string {
  return PLAIN[f.code] ?? f.message
}

export function integritySection(report: VerifyReport, signoffFindings: readonly Finding[]): IntegritySection {
  const findings = [...report.findings, ...signoffFindings]
  const counts = { error: 0, warning: 0, info: 0 }
  for (const f of findings) counts[f.severity]++
  const status: VerifyStatus = report.status === 'incomplete' ? 'incomplete' : counts.error > 0 ? 'failed' : 'verified'
  const byPath = new Map<string, { first: Finding; errors: number }>()
  for (const f of findings) {
    if (f.severity !== 'error') continue
    const key = f.path ?? ''
    const g = byPath.get(key)
    if (g) g.errors++
    else byPath.set(key, { first: f, errors: 1 })
  }
  const files: FailingFile[] = [...byPath.entries()].slice(0, MAX_FAILING_LISTED).map(([path, g]) => ({ path, code: g.first.code, plain: plainWords(g.first), errors: g.errors }))
  return {
    status,
    counts,
    stats: report.stats,
    failing: { total: byPath.size, files },
    findings,
    traceability: report.traceability
  }
}
