/**
 * Finding codes of sign-off verification. Stable kebab-case strings: never rename one (CI gates and
 * attestations refer to them). Documented in docs/pack-format.md "## Sign-offs".
 * Errors: an envelope under signoffs/ that is malformed, does not verify, or is not about this pack.
 * Warnings: a valid sign-off that does not count towards approval (untrusted key, wrong role, ...).
 */
import { findingFactory, type CodeInfo } from '../findings'

export type SignoffCodeInfo = CodeInfo

const table = [
  { code: 'signoff-not-json', severity: 'error', description: 'A file under signoffs/ is not strict JSON (syntax, BOM, invalid UTF-8, duplicate key) or is too large (1 MiB cap).' },
  { code: 'signoff-envelope-invalid', severity: 'error', description: 'A file under signoffs/ is not a DSSE envelope: a field is missing, has the wrong type or is unknown, or there is not exactly one signature.' },
  { code: 'signoff-base64-invalid', severity: 'error', description: 'The payload or signature of an envelope is not valid base64 (standard or URL-safe; bad characters, padding or trailing bits).' },
  { code: 'signoff-payload-type-unknown', severity: 'error', description: 'The envelope payloadType is not application/vnd.in-toto+json.' },
  { code: 'signoff-public-key-invalid', severity: 'error', description: 'The signer public key in the statement is not a valid ed25519 key (wrong length, non-canonical, or of small order).' },
  { code: 'signoff-signature-invalid', severity: 'error', description: 'The ed25519 signature does not verify over the DSSE pre-authentication encoding of the payload (tampered payload, wrong key, malleated S >= L, non-canonical R, wrong length).' },
  { code: 'signoff-statement-invalid', severity: 'error', description: 'The signed payload is not an in-toto Statement v1 with a valid Vouch sign-off predicate (missing, mistyped or unknown field; checklist item unanswered; bad time).' },
  { code: 'signoff-predicate-type-unknown', severity: 'error', description: 'The statement predicateType is not https://vouch.dev/signoff/v1 or https://vouch.dev/signoff/v2.' },
  { code: 'signoff-fingerprint-mismatch', severity: 'error', description: 'The key fingerprint in the predicate is not ed25519:<hex SHA-256> of the public key it carries.' },
  { code: 'signoff-other-pack', severity: 'error', description: 'The sign-off is about another pack: its subject sha256 differs from this pack digest (SHA-256 of tagmanifest-sha256.txt). A spliced sign-off.' },
  { code: 'signoff-subject-name-mismatch', severity: 'error', description: 'The subject digest matches but its name is not <Pack-Name>@<Pack-Version> of this pack.' },
  { code: 'signoff-pack-digest-unavailable', severity: 'error', description: 'The pack digest could not be computed (tagmanifest-sha256.txt missing or unreadable), so no sign-off can be checked against it.' },
  { code: 'signoff-duplicate', severity: 'warning', description: 'The same signature appears in more than one file under signoffs/; it is counted once.' },
  { code: 'signoff-key-untrusted', severity: 'warning', description: 'A valid sign-off from a key that is not in the trust file; it does not count towards approval.' },
  { code: 'signoff-key-revoked', severity: 'warning', description: 'A valid sign-off from a key the trust file revokes; it does not count, whatever its date.' },
  { code: 'signoff-role-not-allowed', severity: 'warning', description: 'A valid sign-off in a role the trust file does not grant to that key; it does not count.' },
  { code: 'signoff-key-not-valid-at-signing', severity: 'warning', description: 'The signing time is before valid-after or not before valid-before of the key in the trust file (expired or not yet valid key); it does not count.' },
  { code: 'signoff-signed-in-future', severity: 'warning', description: 'The signing time is more than 5 minutes in the future; the sign-off does not count.' },
  { code: 'signoff-checklist-not-met', severity: 'warning', description: 'An approving sign-off with a checklist item answered "no" or a required item missing; it does not count as approval.' },
  { code: 'signoff-blockers-not-acknowledged', severity: 'warning', description: 'An approval while the release diff against the previous release is Blocked that does not acknowledge, in its signed statement, that previous release and every one of its blocking reasons; it does not count as approval.' },
  { code: 'signoff-rejected', severity: 'warning', description: 'A trusted signer in a required role rejected the pack: it is not Approved.' },
  { code: 'signoff-no-trust-file', severity: 'info', description: 'No trust file was given: sign-offs are checked cryptographically but none is trusted, so the pack cannot be Approved.' }
] as const satisfies readonly SignoffCodeInfo[]

export type SignoffCode = (typeof table)[number]['code']

export const SIGNOFF_CODES: readonly SignoffCodeInfo[] = table

export const signoffFinding = findingFactory(table).make
