/**
 * The signed statement: an in-toto Statement v1 (in-toto/attestation spec/v1/statement.md) whose
 * one subject is the pack and whose predicate is a Vouch sign-off. The predicate schema is closed:
 * an unknown field anywhere in the statement is an error, not ignored, because a verifier that
 * skips what it does not understand can be shown a different meaning than the signer intended.
 * Extending the predicate means a new predicateType: v2 is v1 plus `acknowledges` (the release-gate
 * blockers an approver saw). Vouch writes v1 when there is nothing to acknowledge, so every plain
 * sign-off stays readable by older verifiers, and v2 otherwise (an older verifier refuses it: fail closed).
 */
import { ACK_LIMITS, CHECKLIST_ID, LIMITS, isAnswer, type ChecklistEntry } from './checklist'
import { NAME_RE, ROLE_RE } from './keys'

export const PAYLOAD_TYPE = 'application/vnd.in-toto+json'
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1'
export const PREDICATE_TYPE = 'https://vouch.dev/signoff/v1'
export const PREDICATE_TYPE_V2 = 'https://vouch.dev/signoff/v2'
export const PREDICATE_TYPES = [PREDICATE_TYPE, PREDICATE_TYPE_V2] as const
export type PredicateType = (typeof PREDICATE_TYPES)[number]

export type Decision = 'approve' | 'reject'

export interface SignoffPredicate {
  readonly role: string
  readonly decision: Decision
  readonly signer: {
    readonly name: string
    /** `ed25519:` + hex SHA-256 of publicKey. */
    readonly keyFingerprint: string
    /** Standard base64 of the raw 32-byte ed25519 public key. */
    readonly publicKey: string
  }
  readonly checklist: readonly ChecklistEntry[]
  readonly comment: string
  /** RFC 3339 UTC, seconds precision, e.g. "2026-11-26T15:42:44Z". Claimed by the signer. */
  readonly signedAt: string
  /** v2 only: the release-gate blockers against the previous release that this signer saw and accepted. */
  readonly acknowledges?: Acknowledgement
}

/** A signed acknowledgement of the blocking reasons of the release diff against the previous release. */
export interface Acknowledgement {
  /** The previous release the diff compared against: `<Pack-Name>@<Pack-Version>` and its pack digest. */
  readonly previous: { readonly name: string; readonly digest: { readonly sha256: string } }
  /** Every blocking reason of that diff (docs/diff.md verdict codes), with the words the signer was shown. */
  readonly blockers: readonly { readonly code: string; readonly message: string }[]
}

const BLOCKER_CODE = /^[a-z][a-z0-9-]{0,63}$/

export interface SignoffStatement {
  readonly _type: typeof STATEMENT_TYPE
  readonly subject: readonly [{ readonly name: string; readonly digest: { readonly sha256: string } }]
  readonly predicateType: PredicateType
  readonly predicate: SignoffPredicate
}

export const SIGNED_AT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z$/
const SHA256_RE = /^[0-9a-f]{64}$/
const FP_RE = /^ed25519:[0-9a-f]{64}$/

export function parseSignedAt(s: string): number | undefined {
  const m = SIGNED_AT_RE.exec(s)
  if (!m) return undefined
  const t = Date.parse(s)
  if (Number.isNaN(t) || new Date(t).toISOString().replace('.000Z', 'Z') !== s) return undefined
  return t
}

export function formatSignedAt(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

/** Throws a StatementError naming the JSON path when `v` is not a valid sign-off statement. */
export class StatementError extends Error {
  constructor(
    readonly kind: 'invalid' | 'predicate-type',
    message: string
  ) {
    super(message)
    this.name = 'StatementError'
  }
}

type Obj = Record<string, unknown>

function obj(v: unknown, path: string, keys: readonly string[], optional: readonly string[] = []): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new StatementError('invalid', `${path} must be an object`)
  const o = v as Obj
  for (const k of Object.keys(o)) if (!keys.includes(k) && !optional.includes(k)) throw new StatementError('invalid', `unknown field ${path}.${k}`)
  for (const k of keys) if (!(k in o)) throw new StatementError('invalid', `missing field ${path}.${k}`)
  return o
}

function str(v: unknown, path: string, max: number, re?: RegExp): string {
  if (typeof v !== 'string') throw new StatementError('invalid', `${path} must be a string`)
  if (v.length > max) throw new StatementError('invalid', `${path} is longer than ${max} characters`)
  if (re && !re.test(v)) throw new StatementError('invalid', `${path} has the wrong form`)
  return v
}

/** Validates a parsed payload; returns it typed. */
export function validateStatement(v: unknown): SignoffStatement {
  const top = obj(v, 'statement', ['_type', 'subject', 'predicateType', 'predicate'])
  if (top._type !== STATEMENT_TYPE) throw new StatementError('invalid', `_type is not ${STATEMENT_TYPE}`)
  const v2 = top.predicateType === PREDICATE_TYPE_V2
  if (top.predicateType !== PREDICATE_TYPE && !v2) throw new StatementError('predicate-type', `predicateType "${String(top.predicateType)}" is not ${PREDICATE_TYPES.join(' or ')}`)
  if (!Array.isArray(top.subject) || top.subject.length !== 1) throw new StatementError('invalid', 'subject must list exactly one pack')
  const subj = obj(top.subject[0], 'subject[0]', ['name', 'digest'])
  str(subj.name, 'subject[0].name', 300)
  const digest = obj(subj.digest, 'subject[0].digest', ['sha256'])
  str(digest.sha256, 'subject[0].digest.sha256', 64, SHA256_RE)
  const p = obj(top.predicate, 'predicate', ['role', 'decision', 'signer', 'checklist', 'comment', 'signedAt'], v2 ? ['acknowledges'] : [])
  str(p.role, 'predicate.role', 32, ROLE_RE)
  if (p.decision !== 'approve' && p.decision !== 'reject') throw new StatementError('invalid', 'predicate.decision must be approve or reject')
  const signer = obj(p.signer, 'predicate.signer', ['name', 'keyFingerprint', 'publicKey'])
  str(signer.name, 'predicate.signer.name', 128, NAME_RE)
  str(signer.keyFingerprint, 'predicate.signer.keyFingerprint', 80, FP_RE)
  str(signer.publicKey, 'predicate.signer.publicKey', 64)
  if (!Array.isArray(p.checklist) || p.checklist.length === 0 || p.checklist.length > LIMITS.items) throw new StatementError('invalid', `predicate.checklist must hold 1 to ${LIMITS.items} items`)
  const ids = new Set<string>()
  p.checklist.forEach((raw, i) => {
    const at = `predicate.checklist[${i}]`
    const it = obj(raw, at, ['id', 'text', 'answer', 'note'])
    const id = str(it.id, `${at}.id`, 64, CHECKLIST_ID)
    if (ids.has(id)) throw new StatementError('invalid', `${at}.id "${id}" is repeated`)
    ids.add(id)
    str(it.text, `${at}.text`, LIMITS.text)
    if (!isAnswer(it.answer)) throw new StatementError('invalid', `${at}.answer must be yes, no or n/a`)
    str(it.note, `${at}.note`, LIMITS.note)
  })
  str(p.comment, 'predicate.comment', LIMITS.comment)
  const at = str(p.signedAt, 'predicate.signedAt', 20)
  if (parseSignedAt(at) === undefined) throw new StatementError('invalid', 'predicate.signedAt must be RFC 3339 UTC like 2026-11-26T15:42:44Z')
  if (p.acknowledges !== undefined) validateAcknowledgement(p.acknowledges, 'predicate.acknowledges')
  return v as SignoffStatement
}

function validateAcknowledgement(v: unknown, at: string): void {
  const a = obj(v, at, ['previous', 'blockers'])
  const prev = obj(a.previous, `${at}.previous`, ['name', 'digest'])
  if (str(prev.name, `${at}.previous.name`, ACK_LIMITS.name) === '') throw new StatementError('invalid', `${at}.previous.name is empty`)
  str(obj(prev.digest, `${at}.previous.digest`, ['sha256']).sha256, `${at}.previous.digest.sha256`, 64, SHA256_RE)
  if (!Array.isArray(a.blockers) || a.blockers.length === 0 || a.blockers.length > ACK_LIMITS.blockers) throw new StatementError('invalid', `${at}.blockers must hold 1 to ${ACK_LIMITS.blockers} items`)
  a.blockers.forEach((raw, i) => {
    const b = obj(raw, `${at}.blockers[${i}]`, ['code', 'message'])
    str(b.code, `${at}.blockers[${i}].code`, ACK_LIMITS.code, BLOCKER_CODE)
    str(b.message, `${at}.blockers[${i}].message`, ACK_LIMITS.message)
  })
}
