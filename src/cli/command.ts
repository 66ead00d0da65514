/**
 * What every `vouch` sub-command is: a function of its arguments and an output sink, returning a
 * stable exit code (docs/cli.md). Commands never print stack traces and never call process.exit.
 */
export const EXIT = {
  /** Success: verified, no gate condition holds. */
  ok: 0,
  /** Verification failed, or a --fail-on / --require-approval gate holds. */
  failed: 1,
  /** Bad command line. */
  usage: 2,
  /** A pack could not be read at all (not found, not an archive, unreadable). */
  unreadable: 3,
  /** The operation could not be completed (write refused, wrong passphrase, ...); nothing was changed. */
  error: 4
} as const
export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

export interface CliIO {
  readonly out: (text: string) => void
  readonly err: (text: string) => void
  /** True when stdout is a terminal (colour allowed). */
  readonly isTTY: boolean
  readonly env: Readonly<Record<string, string | undefined>>
  readonly cwd: string
  /** Reads a line without echo (passphrases). Undefined when stdin is not a TTY. */
  readonly promptSecret?: (question: string) => Promise<string>
}

export type Command = (argv: readonly string[], io: CliIO) => Promise<ExitCode>

/** A command-line mistake: printed as one line plus a hint, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UsageError'
  }
}
