/**
 * DSSE envelopes (secure-systems-lab/dsse envelope.md) holding one sign-off statement.
 * Writing is pure given the secret key bytes; checking returns a typed outcome, never throws.
 *
 * The signer's public key travels inside the signed statement so any verifier can tell "valid
 * but untrusted" from "invalid" without a trust file. That means the payload is parsed (with the
 * strict JSON parser: no duplicate keys, bounded depth) before the signature is checked, to find
 * the key; nothing else in it is interpreted until the signature has verified.
 */
import { parseStrictJson, toPlain } from '../format/json-strict'
import { Base64Error, decodeBase64, encodeBase64 } from './base64'
import type { ChecklistEntry } from './checklist'
import type { SignoffCode } from './codes'
import { checkPublicKey, signDetached, verifyStrict } from './ed25519'
import { fingerprint, NAME_RE, ROLE_RE } from './keys'
import { preAuthEncoding } from './pae'
import {
  formatSignedAt,
  PAYLOAD_TYPE,
  PREDICATE_TYPE,
  PREDICATE_TYPE_V2,
  PREDICATE_TYPES,
  STATEMENT_TYPE,
  StatementError,
  validateStatement,
  type Acknowledgement,
  type Decision,
  type SignoffStatement
} from './statement'

export interface DsseEnvelope {
  readonly payloadType: string
  readonly payload: string
  readonly signatures: readonly { readonly keyid?: string; readonly sig: string }[]
}

export const MAX_ENVELOPE_CHARS = 1024 * 1024

export interface PackIdentity {
  readonly name: string
  readonly version: string
  /** Lowercase hex SHA-256 of tagmanifest-sha256.txt (VerifyReport.pack.digest). */
  readonly digest: string
}

export interface CreateSignoffInput {
  readonly pack: PackIdentity
  readonly role: string
  readonly decision: Decision
  readonly checklist: readonly ChecklistEntry[]
  readonly comment?: string
  readonly signerName: string
  /** 64-byte tweetnacl secret key (seed ‖ public key). Never stored by this function. */
  readonly secretKey: Uint8Array
  readonly signedAt: Date
  /** The release-gate blockers this signer acknowledges (written as predicate v2). */
  readonly acknowledges?: Acknowledgement
}

export interface CreatedSignoff {
  /** The envelope file's exact text (UTF-8 JSON, newline-terminated). */
  readonly text: string
  readonly bytes: Uint8Array
  readonly statement: SignoffStatement
  readonly fingerprint: string
  /** Suggested file name under signoffs/ (callers make it unique with uniqueSignoffPath). */
  readonly fileName: string
}

const enc = new TextEncoder()

export function subjectName(pack: { readonly name: string; readonly version: string }): string {
  return `${pack.name}@${pack.version}`
}

/** Builds, signs and serialises a sign-off. Pure: same inputs, same bytes (ed25519 is deterministic). */
export function createSignoffEnvelope(input: CreateSignoffInput): CreatedSignoff {
  if (!/^[0-9a-f]{64}$/.test(input.pack.digest)) throw new Error('pack digest must be 64 lowercase hex digits')
  if (!ROLE_RE.test(input.role)) throw new Error(`invalid role "${input.role}"`)
  if (!NAME_RE.test(input.signerName)) throw new Error(`invalid signer name "${input.signerName}"`)
  const publicKey = input.secretKey.subarray(32, 64)
  const fp = fingerprint(publicKey)
  const statement: SignoffStatement = {
    _type: STATEMENT_TYPE,
    subject: [{ name: subjectName(input.pack), digest: { sha256: input.pack.digest } }],
    predicateType: input.acknowledges ? PREDICATE_TYPE_V2 : PREDICATE_TYPE,
    predicate: {
      role: input.role,
      decision: input.decision,
      signer: { name: input.signerName, keyFingerprint: fp, publicKey: encodeBase64(publicKey) },
      checklist: input.checklist.map((c) => ({ id: c.id, text: c.text, answer: c.answer, note: c.note })),
      comment: input.comment ?? '',
      signedAt: formatSignedAt(input.signedAt),
      ...(input.acknowledges
        ? {
            acknowledges: {
              previous: { name: input.acknowledges.previous.name, digest: { sha256: input.acknowledges.previous.digest.sha256 } },
              blockers: input.acknowledges.blockers.map((b) => ({ code: b.code, message: b.message }))
            }
          }
        : {})
    }
  }
  const payloadText = JSON.stringify(statement)
  // Never write what we would refuse to read (e.g. a lone surrogate in a note): same strict parser, same schema.
  try {
    validateStatement(toPlain(parseStrictJson(payloadText)))
  } catch (e) {
    throw new Error(`cannot sign: ${e instanceof Error ? e.message : String(e)}`)
  }
  const payload = enc.encode(payloadText)
  const sig = signDetached(preAuthEncoding(PAYLOAD_TYPE, payload), input.secretKey)
  const envelope: DsseEnvelope = { payloadType: PAYLOAD_TYPE, payload: encodeBase64(payload), signatures: [{ keyid: fp, sig: encodeBase64(sig) }] }
  const text = `${JSON.stringify(envelope, null, 2)}\n`
  const stamp = statement.predicate.signedAt.replace(/:/g, '-')
  const fileName = `${stamp}-${input.role}-${fp.slice('ed25519:'.length, 'ed25519:'.length + 8)}.json`
  return { text, bytes: enc.encode(text), statement, fingerprint: fp, fileName }
}

export type EnvelopeCheck =
  | {
      readonly ok: true
      readonly statement: SignoffStatement
      readonly publicKey: Uint8Array
      readonly fingerprint: string
      /** Standard base64 of the signature: identifies duplicates (never used for trust). */
      readonly signature: string
    }
  | { readonly ok: false; readonly code: SignoffCode; readonly message: string }

const fail = (code: SignoffCode, message: string): EnvelopeCheck => ({ ok: false, code, message })

/** Checks one envelope file's text: structure, payload type, signature, statement. Never throws. */
export function checkEnvelope(text: string): EnvelopeCheck {
  if (text.length > MAX_ENVELOPE_CHARS) return fail('signoff-not-json', `larger than ${MAX_ENVELOPE_CHARS} characters`)
  let doc: unknown
  try {
    doc = toPlain(parseStrictJson(text))
  } catch (e) {
    return fail('signoff-not-json', `not strict JSON: ${e instanceof Error ? e.message : String(e)}`)
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('signoff-envelope-invalid', 'not a JSON object')
  const env = doc as Record<string, unknown>
  for (const k of Object.keys(env)) if (!['payloadType', 'payload', 'signatures'].includes(k)) return fail('signoff-envelope-invalid', `unknown envelope field "${k}"`)
  if (typeof env.payloadType !== 'string') return fail('signoff-envelope-invalid', 'payloadType missing or not a string')
  if (typeof env.payload !== 'string') return fail('signoff-envelope-invalid', 'payload missing or not a string')
  if (!Array.isArray(env.signatures) || env.signatures.length !== 1) return fail('signoff-envelope-invalid', 'signatures must hold exactly one signature (one signer per file)')
  const s0 = env.signatures[0] as unknown
  if (typeof s0 !== 'object' || s0 === null || Array.isArray(s0)) return fail('signoff-envelope-invalid', 'signatures[0] must be an object')
  const sigObj = s0 as Record<string, unknown>
  for (const k of Object.keys(sigObj)) if (k !== 'sig' && k !== 'keyid') return fail('signoff-envelope-invalid', `unknown signature field "${k}"`)
  if (typeof sigObj.sig !== 'string') return fail('signoff-envelope-invalid', 'signatures[0].sig missing or not a string')
  // keyid is an unauthenticated hint (DSSE): type-checked, never used for a decision.
  if (sigObj.keyid !== undefined && typeof sigObj.keyid !== 'string') return fail('signoff-envelope-invalid', 'signatures[0].keyid must be a string')
  if (env.payloadType !== PAYLOAD_TYPE) return fail('signoff-payload-type-unknown', `payloadType "${env.payloadType}" is not ${PAYLOAD_TYPE}`)

  let payload: Uint8Array
  let sig: Uint8Array
  try {
    payload = decodeBase64(env.payload)
  } catch (e) {
    return fail('signoff-base64-invalid', `payload: ${e instanceof Base64Error ? e.message : 'bad base64'}`)
  }
  try {
    sig = decodeBase64(sigObj.sig)
  } catch (e) {
    return fail('signoff-base64-invalid', `signature: ${e instanceof Base64Error ? e.message : 'bad base64'}`)
  }

  let body: unknown
  try {
    body = toPlain(parseStrictJson(new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(payload)))
  } catch (e) {
    return fail('signoff-statement-invalid', `payload is not strict UTF-8 JSON: ${e instanceof Error ? e.message : String(e)}`)
  }
  const predicateType = (body as { predicateType?: unknown } | null)?.predicateType
  if (!PREDICATE_TYPES.some((t) => t === predicateType)) {
    return fail('signoff-predicate-type-unknown', `predicateType is not ${PREDICATE_TYPES.join(' or ')}`)
  }
  const pkB64 = (body as { predicate?: { signer?: { publicKey?: unknown } } } | null)?.predicate?.signer?.publicKey
  if (typeof pkB64 !== 'string') return fail('signoff-statement-invalid', 'predicate.signer.publicKey missing')
  let publicKey: Uint8Array
  try {
    publicKey = decodeBase64(pkB64)
  } catch (e) {
    return fail('signoff-base64-invalid', `public key: ${e instanceof Base64Error ? e.message : 'bad base64'}`)
  }
  const pkCheck = checkPublicKey(publicKey)
  if (!pkCheck.ok) return fail('signoff-public-key-invalid', `signer public key refused (${pkCheck.reason})`)
  const v = verifyStrict(preAuthEncoding(env.payloadType, payload), sig, publicKey)
  if (!v.ok) return fail('signoff-signature-invalid', `signature does not verify (${v.reason})`)

  let statement: SignoffStatement
  try {
    statement = validateStatement(body)
  } catch (e) {
    if (e instanceof StatementError) return fail(e.kind === 'predicate-type' ? 'signoff-predicate-type-unknown' : 'signoff-statement-invalid', e.message)
    throw e
  }
  const fp = fingerprint(publicKey)
  if (statement.predicate.signer.keyFingerprint !== fp) return fail('signoff-fingerprint-mismatch', `predicate says ${statement.predicate.signer.keyFingerprint}, key is ${fp}`)
  return { ok: true, statement, publicKey, fingerprint: fp, signature: encodeBase64(sig) }
}

/** A safe, unused path under signoffs/ for `fileName` (adds -2, -3, ... when taken). */
export function uniqueSignoffPath(fileName: string, existing: readonly string[]): string {
  const safe = fileName.replace(/[^A-Za-z0-9._-]/g, '-').replace(/^[.-]+/, '')
  const base = safe.replace(/\.json$/, '') || 'signoff'
  const taken = new Set(existing.map((p) => p.toLowerCase()))
  for (let n = 1; ; n++) {
    const candidate = `signoffs/${base}${n === 1 ? '' : `-${n}`}.json`
    if (!taken.has(candidate.toLowerCase())) return candidate
  }
}
