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
