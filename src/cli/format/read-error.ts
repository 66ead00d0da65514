/**
 * One line for a pack that could not be read. "Not an Assurance Pack" (no bagit.txt, not a valid
 * zip, an empty file) is said in core's words, which already name the location, the same words
 * the app shows; anything else is "cannot read <where>: <why>". Both end with the code.
 */
import { NOT_A_PACK_CODES, type PackReadErrorCode } from '../../core/io/codes'
import type { PackReadError } from '../../core/io/reader'
import { safeText } from './findings'

export function isNotAPack(code: string): boolean {
  return NOT_A_PACK_CODES.includes(code as PackReadErrorCode)
}

/** `what` names the pack when it is not the main one ("the previous release ", "the old pack "). */
export function readErrorLine(e: Pick<PackReadError, 'code' | 'message' | 'path'>, fallback: string, what = ''): string {
  if (isNotAPack(e.code)) return `${what ? `${what.trim()}: ` : ''}${safeText(e.message)} [${e.code}]`
  return `cannot read ${what}${safeText(e.path || fallback)}: ${safeText(e.message)} [${e.code}]`
}
