/**
 * Every check of the verifier over the result of one scan. Pure: data in, report out, so it is
 * tested without any container and gives the same verdict whatever container the bytes came from.
 */
import type { Finding } from '../findings'
import { checkBagInfoProfile, checkBagitTxt, parseBagInfo, parseOxum, bagInfoValue, type BagInfo } from '../format/bagit'
import { formatFinding } from '../format/codes'
import { EVIDENCE_PATHS, type Evidence } from '../format/evidence'
import { parseEvidence, MAX_EVIDENCE_BYTES } from '../format/evidence-parse'
import { PAYLOAD_MANIFEST, TAG_MANIFEST, parseManifest, type ManifestEntry } from '../format/manifest'
import { sortByPackPath } from '../format/path-order'
import { checkReferences } from '../format/references'
import { coverageFindings, riskCoverage } from '../coverage/coverage'
import { decodeTagText } from '../format/tag-text'
import type { ContainerKind, ScannedFile } from '../io/reader'
import type { FileRecord, SignoffFile, VerifyReport, VerifyStatus } from './report'
import { checkTraceability } from './traceability'

export const REQUIRED_TAG_FILES = ['bagit.txt', 'bag-info.txt', PAYLOAD_MANIFEST, TAG_MANIFEST] as const
/** Tag files the tag manifest must cover (the pack digest binds them). */
export const TAG_MANIFEST_MUST_COVER = ['bagit.txt', 'bag-info.txt', PAYLOAD_MANIFEST] as const
export const MAX_TAG_FILE_BYTES = 256 * 1024 * 1024
export const MAX_SIGNOFF_BYTES = 1024 * 1024

const EVIDENCE_SET = new Set<string>(Object.values(EVIDENCE_PATHS))
const isManifestName = (p: string): boolean => /^(tag)?manifest-[^/]+\.txt$/.test(p)

/** Which files the scan must hand back whole (tag files, evidence JSON, sign-offs), with size caps. */
export function keepForVerify(path: string, size: number): boolean {
  if (path === 'bagit.txt' || path === 'bag-info.txt' || path === PAYLOAD_MANIFEST || path === TAG_MANIFEST) return size <= MAX_TAG_FILE_BYTES
  if (EVIDENCE_SET.has(path)) return size <= MAX_EVIDENCE_BYTES
  if (path.startsWith('signoffs/')) return size <= MAX_SIGNOFF_BYTES
  return false
}

export interface CheckInput {
  readonly kind: ContainerKind
  readonly location: string
  readonly files: readonly ScannedFile[]
  /** Findings the reader reported (container problems). */
  readonly readerFindings: readonly Finding[]
  readonly durationMs: number
  readonly cancelled?: boolean
}

export function checkPack(inp: CheckInput): VerifyReport {
  if (inp.cancelled) return incompleteReport(inp)
  const findings: Finding[] = [...inp.readerFindings]
  const files = inp.files
  // Each path's first file, by index. Map operations on 100,000 paths are most of this function's
  // time, so each file costs as few as possible: `isFirst` and `listed` answer the rest by index.
  const byPath = new Map<string, number>()
  // Backwards, so that a path's first file is the one that stays.
  for (let i = files.length - 1; i >= 0; i--) byPath.set((files[i] as ScannedFile).entry.path, i)
  const first = byPath.size === files.length ? undefined : files.map((f) => byPath.get(f.entry.path) as number)
  const isFirst = (i: number): boolean => first === undefined || first[i] === i
  const fileAt = (p: string): ScannedFile | undefined => {
    const j = byPath.get(p)
    return j === undefined ? undefined : files[j]
  }
  /** Files (by first index) a manifest lists. */
  const listed = new Uint8Array(files.length)
  const refusedPaths = new Set(inp.readerFindings.map((f) => f.path).filter((p): p is string => p !== undefined))

  // 1. Required tag files, decoded.
  const text = new Map<string, string>()
  for (const p of REQUIRED_TAG_FILES) {
    const f = fileAt(p)
    if (!f) {
      findings.push(formatFinding('tag-file-missing', `${p} is missing: ${tagWhy(p)}`, { path: p }))
      continue
    }
    if (!f.content) continue // too large to load: the reader reported it
    const t = decodeTagText(f.content, p, findings)
    if (t !== undefined) text.set(p, t)
  }
  const bagitTxt = text.get('bagit.txt')
  if (bagitTxt !== undefined) checkBagitTxt(bagitTxt, findings)
  let bagInfo: BagInfo | undefined
  const bagInfoText = text.get('bag-info.txt')
  if (bagInfoText !== undefined) {
    bagInfo = parseBagInfo(bagInfoText, findings)
    checkBagInfoProfile(bagInfo, findings)
  }
  const payload = text.has(PAYLOAD_MANIFEST) ? parseManifest(text.get(PAYLOAD_MANIFEST) ?? '', PAYLOAD_MANIFEST, 'payload', findings) : undefined
  const tags = text.has(TAG_MANIFEST) ? parseManifest(text.get(TAG_MANIFEST) ?? '', TAG_MANIFEST, 'tag', findings) : undefined

  if (byPath.has('fetch.txt')) findings.push(formatFinding('fetch-not-allowed', 'fetch.txt is present: an Assurance Pack carries all its payload and never fetches', { path: 'fetch.txt' }))
  for (let i = 0; i < files.length; i++) {
    const p = (files[i] as ScannedFile).entry.path
    if (isFirst(i) && !p.includes('/') && isManifestName(p) && p !== PAYLOAD_MANIFEST && p !== TAG_MANIFEST) {
      findings.push(formatFinding('manifest-ignored', `${p} is not checked: Assurance Packs are verified with SHA-256 manifests only`, { path: p }))
    }
  }

  // 2. Completeness and validity.
  const records = new Map<string, FileRecord>()
  const checkEntries = (entries: readonly ManifestEntry[], manifest: string): void => {
    for (const e of entries) {
      const j = byPath.get(e.path)
      const f = j === undefined ? undefined : files[j]
      if (j === undefined || !f) {
        const refused = refusedPaths.has(e.path)
        findings.push(formatFinding('file-missing', `${e.path} is listed in ${manifest} (line ${e.line}) but ${refused ? 'was refused by the reader (see the finding for it)' : 'is not in the pack'}`, { path: e.path, expected: e.sha256 }))
        records.set(e.path, { path: e.path, size: 0, expected: e.sha256, status: refused ? 'refused' : 'missing' })
        continue
      }
      listed[j] = 1
      const ok = f.sha256 === e.sha256
      if (!ok) findings.push(formatFinding('hash-mismatch', `${e.path}: SHA-256 differs from ${manifest} (line ${e.line})`, { path: e.path, expected: e.sha256, actual: f.sha256 }))
      const isTag = !e.path.startsWith('data/')
      records.set(e.path, { path: e.path, size: f.bytesRead, sha256: f.sha256, expected: e.sha256, status: ok ? (isTag ? 'tag' : 'ok') : 'mismatch' })
    }
  }
  if (payload) checkEntries(payload, PAYLOAD_MANIFEST)
  if (tags) {
    checkEntries(tags, TAG_MANIFEST)
    const covered = new Set(tags.map((e) => e.path))
    for (const p of TAG_MANIFEST_MUST_COVER) {
      if (!covered.has(p)) findings.push(formatFinding('tagmanifest-incomplete', `${TAG_MANIFEST} does not list ${p}, so the pack digest does not protect it`, { path: TAG_MANIFEST, expected: p }))
    }
  }
  const tagListed = new Set(tags?.map((e) => e.path) ?? [])
  let octets = 0
  let streams = 0
  const signoffs: SignoffFile[] = []
  const dec = new TextDecoder('utf-8')
  for (let i = 0; i < files.length; i++) {
    const f = files[i] as ScannedFile
    const p = f.entry.path
    // Listed in a manifest; a path's later file (a duplicate) asks the records themselves.
    if (isFirst(i) ? listed[i] === 1 : records.has(p)) {
      if (p.startsWith('data/')) {
        octets += f.bytesRead
        streams++
      }
      continue
    }
    if (p.startsWith('data/')) {
      octets += f.bytesRead
      streams++
      if (payload) findings.push(formatFinding('file-unexpected', `${p} is in data/ but not listed in ${PAYLOAD_MANIFEST}`, { path: p, actual: f.sha256 }))
      records.set(p, { path: p, size: f.bytesRead, sha256: f.sha256, status: 'unexpected' })
    } else if (p.startsWith('signoffs/')) {
      records.set(p, { path: p, size: f.bytesRead, sha256: f.sha256, status: 'signoff' })
      if (f.content) signoffs.push({ path: p, text: dec.decode(f.content) })
    } else {
      records.set(p, { path: p, size: f.bytesRead, sha256: f.sha256, status: 'tag' })
      if (tags && p !== TAG_MANIFEST && !tagListed.has(p)) {
        findings.push(formatFinding('tag-file-unlisted', `${p} is not listed in ${TAG_MANIFEST}: nothing protects it and Vouch ignores it`, { path: p }))
      }
    }
  }
  for (const p of refusedPaths) {
    if (!records.has(p) && !byPath.has(p) && /^(data|signoffs)\//.test(p)) records.set(p, { path: p, size: 0, status: 'refused' })
  }
  const oxumText = bagInfo ? bagInfoValue(bagInfo, 'Payload-Oxum') : undefined
  const oxum = parseOxum(oxumText)
  if (oxum && (oxum.octets !== octets || oxum.files !== streams)) {
    findings.push(formatFinding('payload-oxum-mismatch', `bag-info.txt Payload-Oxum ${oxumText} does not match the payload present (${octets}.${streams})`, { path: 'bag-info.txt', expected: oxumText, actual: `${octets}.${streams}` }))
  }

  // 3. Evidence: schemas, references, traceability.
  const contents = new Map<string, Uint8Array>()
  const present = new Set<string>()
  for (const p of EVIDENCE_SET) {
    const f = fileAt(p)
    if (!f) continue
    present.add(p)
    if (f.content) contents.set(p, f.content)
  }
  const parsed = parseEvidence(contents, present)
  // The reader already said content-too-large for an evidence file it would not load: one finding is enough.
  findings.push(...parsed.findings.filter((f) => !(f.code === 'evidence-too-large' && inp.readerFindings.some((r) => r.code === 'content-too-large' && r.path === f.path))))
  const evidence: Evidence = parsed.evidence
  const payloadPresent = { has: (p: string): boolean => p.startsWith('data/') && byPath.has(p) }
  const refs = checkReferences(evidence, payloadPresent)
  findings.push(...refs)
  const trace = checkTraceability({
    node: parsed.nodes.traceability,
    present: present.has(EVIDENCE_PATHS.traceability),
    bagInfo,
    pack: evidence.pack,
    undeclaredDatasets: refs.filter((f) => f.code === 'reference-unresolved' && f.pointer?.endsWith('/dataset')).length,
    prior: parsed.findings
  })
  findings.push(...trace.findings)
  const coverage = riskCoverage(evidence)
  findings.push(...coverageFindings(coverage))

  const status: VerifyStatus = findings.some((f) => f.severity === 'error') ? 'failed' : 'verified'
  const digest = fileAt(TAG_MANIFEST)?.sha256
  const previousVersion = evidence.pack?.previousVersion ?? (bagInfo ? bagInfoValue(bagInfo, 'Previous-Version') : undefined)
  const name = evidence.pack?.name ?? (bagInfo ? bagInfoValue(bagInfo, 'Pack-Name') : undefined)
  const version = evidence.pack?.version ?? (bagInfo ? bagInfoValue(bagInfo, 'Pack-Version') : undefined)
  return {
    ok: status === 'verified',
    status,
    container: inp.kind,
    location: inp.location,
    pack: {
      ...(name !== undefined ? { name } : {}),
      ...(version !== undefined ? { version } : {}),
      ...(digest !== undefined ? { digest } : {}),
      ...(previousVersion !== undefined ? { previousVersion } : {})
    },
    bagInfo: bagInfo ?? [],
    evidence,
    traceability: trace.checks,
    files: sortByPackPath([...records.values()], (r) => r.path),
    signoffs: sortByPackPath(signoffs, (s) => s.path),
    findings,
    coverage,
    stats: {
      filesChecked: inp.files.length,
      bytesChecked: inp.files.reduce((n, f) => n + f.bytesRead, 0),
      durationMs: inp.durationMs
    }
  }
}

/** Cancelled: no verdict, only what the reader said so far and why the report is incomplete. */
function incompleteReport(inp: CheckInput): VerifyReport {
  return {
    ok: false,
    status: 'incomplete',
    container: inp.kind,
    location: inp.location,
    pack: {},
    bagInfo: [],
    evidence: {},
    traceability: [],
    files: [],
    signoffs: [],
    findings: [...inp.readerFindings, formatFinding('verify-cancelled', 'Verification was cancelled before it finished: this pack is neither verified nor failed')],
    stats: { filesChecked: 0, bytesChecked: 0, durationMs: inp.durationMs }
  }
}

function tagWhy(p: string): string {
  switch (p) {
    case 'bagit.txt':
      return 'it declares the folder a BagIt bag'
    case 'bag-info.txt':
      return 'it carries the pack name, version, commit, data version and run ID'
    case PAYLOAD_MANIFEST:
      return 'without it no payload file can be checked'
    default:
      return 'the Assurance Pack profile requires it (its SHA-256 is the pack digest)'
  }
}
