/**
 * Every error the host can return, as a sentence a person can act on. The host's own message
 * follows when it is written for people; the code is shown apart, in small print, for support.
 * Messages of contract violations (invalid-argument: "pack:open: args[0]: …") are internal: they
 * never lead, they only go with the code.
 */
import { NOT_A_PACK_ERROR_CODES } from '../../../shared/contract'
import type { ApiError } from './api'

export interface ErrorWords {
  /** The sentence shown first. */
  readonly headline: string
  /** The host's one line, when it adds something a person can use. */
  readonly detail?: string
  readonly code: string
}

/** Codes whose host message is internal (validation of a call, unexpected failures). */
const INTERNAL = new Set(['invalid-argument', 'forbidden', 'internal', 'unknown-pack'])

const HEADLINES: Readonly<Record<string, string>> = {
  'not-a-pack': 'This is not an Assurance Pack',
  'not-an-archive': 'This is not an Assurance Pack',
  'empty-file': 'This is not an Assurance Pack',
  'not-found': 'Nothing is there: check the path.',
  'relative-path': 'Type the full path of the pack.',
  unreadable: 'Vouch cannot read this.',
  'not-a-folder': 'This is a file, not a folder.',
  cancelled: 'Cancelled.',
  unsupported: 'This cannot be done here.',
  'wrong-passphrase': 'The passphrase is not right for this key.',
  'weak-passphrase': 'The passphrase is too short.',
  'bad-name': 'The name or role is not allowed.',
  'invalid-trust': 'The trust file was not saved: a line does not parse.',
  'trust-file-invalid': 'The trust file has a line that does not parse, so no sign-off can be trusted.',
  'approval-refused': 'Not signed: this approval would not count.',
  'invalid-checklist': 'The checklist answers are not complete.',
  'invalid-key': 'This is not a usable key.',
  'write-failed': 'Nothing was written: the pack could not be changed.',
  'same-pack': 'A release cannot be its own previous release.',
  'fonts-missing': 'The PDF could not be made: its fonts are missing from this build.',
  'invalid-argument': 'Vouch could not accept this request. Nothing was changed.',
  forbidden: 'This window may not talk to Vouch. Reopen the address vouch serve printed.',
  'unknown-pack': 'This pack is no longer open: open it again.',
  internal: 'Something went wrong inside Vouch. Nothing was changed.'
}

export function describeError(e: ApiError): ErrorWords {
  const headline = HEADLINES[e.code]
  const message = e.message.trim()
  if (headline === undefined) return { headline: message === '' ? 'Something went wrong.' : sentence(message), code: e.code }
  if (INTERNAL.has(e.code) || message === '' || message === 'cancelled') return { headline, code: e.code }
  return { headline, detail: sentence(message), code: e.code }
}

/** The internal text of a contract error, for the small print beside its code (support only). */
export function supportText(e: ApiError): string | undefined {
  return INTERNAL.has(e.code) && e.message.trim() !== '' ? e.message.trim() : undefined
}

/** "not found" -> "Not found." */
function sentence(s: string): string {
  const t = s.charAt(0).toUpperCase() + s.slice(1)
  return /[.!?)]$/.test(t) ? t : `${t}.`
}

/** The location is not an Assurance Pack (the contract's list of codes): said as such, never as a failure. */
export function isNotAPack(code: string): boolean {
  return NOT_A_PACK_ERROR_CODES.includes(code)
}
