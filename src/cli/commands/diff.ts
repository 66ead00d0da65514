/**
 * `vouch diff <old> <new> [--json | --markdown] [--fail-on regression|critical|never]`: verifies
 * both packs, diffs them (src/core/diff) and prints a terminal report, the JSON diff, or a Markdown
 * pull-request comment. Exit codes (docs/cli.md): 0 no gate condition; 1 a pack failed verification
 * or the --fail-on condition holds; 2 usage; 3 a pack could not be read.
 */
import { resolve } from 'node:path'
import { diffPacks, failOn, type FailOn, type PackDiff } from '../../core/diff'
import { PackReadError } from '../../core/io/reader'
import { safeJson } from '../../core/text/safe-text'
import type { VerifyReport } from '../../core/verify/report'
import { verifyPack } from '../../core/verify/verify'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command, type ExitCode } from '../command'
import { formatDiffMarkdown } from '../diff-markdown'
import { formatDiffText } from '../diff-text'
import { readErrorLine } from '../format/read-error'
import { makeStyle } from '../format/style'

export const DEFAULT_FAIL_ON: FailOn = 'regression'

export const diffSpec: CommandSpec = {
  name: 'diff',
  synopsis: '<old> <new> [--json | --markdown] [--fail-on regression|critical|never]',
  description:
    'Compare two releases of a pack (any mix of folder, .zip, .tar, .tar.gz). Both are verified\n' +
    'first; then metrics, slices, failure modes, risks, monitoring, guardrails, traceability and\n' +
    'files are compared and a verdict is given: acceptable, review or blocked (docs/diff.md).',
  positionals: ['old', 'new'],
  flags: [
    { name: 'json', kind: 'boolean', description: 'print the diff as one JSON object (vouch.diff/v1)' },
    { name: 'markdown', kind: 'boolean', description: 'print Markdown for a pull-request comment' },
    {
      name: 'fail-on',
      kind: 'string',
      choices: ['regression', 'critical', 'never'],
      placeholder: '<level>',
      description: `exit 1 when this holds (default ${DEFAULT_FAIL_ON})`
    },
    { name: 'abs-tol', kind: 'string', placeholder: '<n>', description: 'absolute tolerance (default 0.005)' },
    { name: 'rel-tol', kind: 'string', placeholder: '<n>', description: 'relative tolerance, 0.005 = 0.5% (default 0.005)' },
    { name: 'min-samples', kind: 'string', placeholder: '<n>', description: 'slices with fewer samples are low-confidence (default 100)' }
  ],
  examples: [
    'vouch diff resources/samples/credit-default-1.0.0 resources/samples/credit-default-1.1.0',
    'vouch diff old.zip new.tar.gz --markdown > comment.md',
    'vouch diff old new --json --fail-on critical | jq .verdict'
  ],
  notes:
    'fail-on: regression = any regression, new or reopened failure mode, more severe failure mode, or\n' +
    'anything critical; critical = the verdict is blocked; never = report only.\n' +
    'A pack that fails verification always exits 1, whatever --fail-on says.\n' +
    'exit codes: 0 ok, 1 verification failed or --fail-on holds, 2 usage error, 3 a pack could not be read, 4 other error'
}

function nonNegative(v: string | undefined, flag: string): number | undefined {
  if (v === undefined) return undefined
  if (!/^\d+(\.\d+)?([eE][+-]?\d+)?$/.test(v) || !Number.isFinite(Number(v))) {
    throw new UsageError(`option '--${flag}' needs a number >= 0 (got '${v}')`)
  }
  return Number(v)
}

export type Verifier = (location: string) => Promise<VerifyReport>

/** The command over an injectable verifier (tests feed reports without building packs). */
export function makeDiffCommand(verifier: Verifier): Command {
  return async (argv, io): Promise<ExitCode> => {
    const args = parseArgs(diffSpec, argv)
    if (args.help) {
      io.out(helpText(diffSpec))
      return EXIT.ok
    }
    const json = flagBool(args, 'json')
    const markdown = flagBool(args, 'markdown')
    if (json && markdown) throw new UsageError("choose one of '--json' and '--markdown'")
    const on = (flagString(args, 'fail-on') ?? DEFAULT_FAIL_ON) as FailOn
    const absolute = nonNegative(flagString(args, 'abs-tol'), 'abs-tol')
    const relative = nonNegative(flagString(args, 'rel-tol'), 'rel-tol')
    const minSampleSize = nonNegative(flagString(args, 'min-samples'), 'min-samples')
    const [oldArg, newArg] = args.positionals as readonly [string, string]
    const locations = [resolve(io.cwd, oldArg), resolve(io.cwd, newArg)] as const

    // Both packs are read even when the first cannot be, so one run reports both problems.
    const results = await Promise.allSettled(locations.map((l) => verifier(l)))
    const unreadable: { side: string; code: string; path: string; message: string }[] = []
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return
      if (!(r.reason instanceof PackReadError)) throw r.reason
      unreadable.push({ side: i === 0 ? 'old' : 'new', code: r.reason.code, path: r.reason.path || (locations[i] as string), message: r.reason.message })
    })
    if (unreadable.length) {
      for (const u of unreadable) io.err(`vouch diff: ${readErrorLine(u, u.path, `the ${u.side} pack `)}\n`)
      if (json) io.out(`${safeJson({ schema: 'vouch.diff/v1', ok: false, error: unreadable }, 2)}\n`)
      return EXIT.unreadable
    }
    const [oldR, newR] = results.map((r) => (r as PromiseFulfilledResult<VerifyReport>).value) as [VerifyReport, VerifyReport]

    let d: PackDiff
    try {
      d = diffPacks(oldR, newR, { tolerance: { ...(absolute !== undefined && { absolute }), ...(relative !== undefined && { relative }) }, minSampleSize })
    } catch (e) {
      if (e instanceof RangeError) throw new UsageError(e.message)
      throw e
    }
    const gate = failOn(d, on)
    if (json) io.out(`${safeJson({ ...d, gate: { failOn: on, holds: gate } }, 2)}\n`)
    else if (markdown) io.out(formatDiffMarkdown(d))
    else io.out(formatDiffText(d, makeStyle(io)))

    // Same rule as `vouch verify`: a pack that could not be read to the end is not verified (3).
    if (oldR.status === 'incomplete' || newR.status === 'incomplete') return EXIT.unreadable
    if (oldR.status !== 'verified' || newR.status !== 'verified') return EXIT.failed
    return gate ? EXIT.failed : EXIT.ok
  }
}

export const diff: Command = makeDiffCommand((location) => verifyPack(location))
