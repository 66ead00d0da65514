/**
 * Hook point for checks that run after `vouch verify` has verified a pack, e.g. sign-off
 * verification (`--trust <file>`, `--require-approval`, owned by the sign-off work).
 * An extension declares its own flags and returns extra findings, an optional gate, and a
 * section for the --json object. Add one by appending to VERIFY_EXTENSIONS; verify.ts does the rest.
 */
import type { FlagSpec, ParsedArgs } from '../args'
import type { CliIO } from '../command'
import type { Finding } from '../../core/findings'
import type { VerifyReport } from '../../core/verify/report'
import { signoffVerifyExtension } from './signoff'

export interface VerifyExtensionResult {
  /** Added to the report's findings (an error makes the result not ok: exit 1). */
  readonly findings?: readonly Finding[]
  /** A gate that does not hold fails the run (exit 1) with this reason, e.g. "no approval from a trusted key". */
  readonly gate?: { readonly ok: boolean; readonly reason: string }
  /** Extra summary rows for the text output, each "label\tvalue". */
  readonly lines?: readonly string[]
  /** Put under `extensions[<name>]` in the --json object. */
  readonly json?: unknown
}

export interface VerifyExtension {
  /** Stable key, used in --json `extensions`. */
  readonly name: string
  readonly flags: readonly FlagSpec[]
  /** Runs only when this returns true (typically: one of its flags was given). */
  readonly active: (args: ParsedArgs) => boolean
  readonly run: (report: VerifyReport, args: ParsedArgs, io: CliIO) => Promise<VerifyExtensionResult>
}

export const VERIFY_EXTENSIONS: VerifyExtension[] = [signoffVerifyExtension]
