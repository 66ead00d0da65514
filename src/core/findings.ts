/**
 * Findings: the one typed shape every check in Vouch reports through.
 * Codes are stable strings (documented in docs/pack-format.md and docs/cli.md); never rename one.
 * Each domain keeps its own code list (format/codes.ts, signoff/codes.ts, ...) and they are joined here.
 */
export type Severity = 'error' | 'warning' | 'info'

export interface Finding {
  /** Stable machine code, e.g. "hash-mismatch". kebab-case. */
  readonly code: string
  readonly severity: Severity
  /** Path inside the pack (e.g. "data/evaluation/metrics.json"), or the archive entry name. */
  readonly path?: string
  readonly expected?: string
  readonly actual?: string
  /** JSON pointer (RFC 6901) of the field concerned inside the file at `path`, e.g. "/metrics/0/value". */
  readonly pointer?: string
  /** One line, for people. No stack traces. */
  readonly message: string
}

export function finding(
  code: string,
  severity: Severity,
  message: string,
  extra: { path?: string; expected?: string; actual?: string; pointer?: string } = {}
): Finding {
  return { code, severity, message, ...extra }
}

export function assertNever(x: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(x)}`)
}

/** One registered finding code: its stable string, severity and the line docs/ print for it. */
export interface CodeInfo {
  readonly code: string
  readonly severity: Severity
  readonly description: string
}

export type FindingExtra = { path?: string; expected?: string; actual?: string; pointer?: string }

/**
 * A domain's code table turned into a finding constructor that always uses the registered
 * severity, so a code can never be reported as an error in one place and a warning in another.
 */
export function findingFactory<C extends string>(
  table: readonly { readonly code: C; readonly severity: Severity }[]
): { readonly severityOf: (code: C) => Severity; readonly make: (code: C, message: string, extra?: FindingExtra) => Finding } {
  const severities = new Map<string, Severity>(table.map((c) => [c.code, c.severity]))
  const severityOf = (code: C): Severity => severities.get(code) ?? 'error'
  return { severityOf, make: (code, message, extra = {}) => finding(code, severityOf(code), message, extra) }
}
