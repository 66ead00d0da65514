/**
 * `vouch verify <pack> [--trust <file>] [--against <previous>] [--require-approval] [--require-reproducible] [--require-coverage] [--json]`:
 * assesses a pack (src/core/assess) and prints the assessment as text or one JSON object.
 * The exit code is the assessment's (docs/verdict.md): 0 verified/approved, 1 failed, rejected or a
 * requirement not met, 2 usage, 3 unreadable or not finished.
 */
import { resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, type CliIO, type Command, type ExitCode } from '../command'
import { exitCodeOf } from '../../core/assess'
import { AssessReadError, assessPack } from '../../core/assess/assess-pack'
import { CancelledError, type ScanProgress } from '../../core/io/reader'
import { unreadableJson, verifyJson } from '../format/assessment-json'
import { formatAssessmentText } from '../format/assessment-text'
import { readErrorLine } from '../format/read-error'
import { safeJson } from '../../core/text/safe-text'
import { makeStyle } from '../format/style'
import { formatBytes } from '../format/units'
import { loadTrustFile } from './signoff'

export const verifySpec: CommandSpec = {
  name: 'verify',
  synopsis: '<pack> [--trust <file>] [--against <previous pack>] [--require-approval] [--require-reproducible] [--require-coverage] [--json]',
  description:
    'Verify a pack (folder, .zip, .tar, .tar.gz/.tgz): completeness, every hash, the tag manifest,\n' +
    'the evidence schemas, traceability and every sign-off envelope, then give one status: with a\n' +
    'trust file, the approval; with the previous release, the release gate. Reports every finding.',
  positionals: ['pack'],
  flags: [
    { name: 'json', kind: 'boolean', description: 'print one JSON object (vouch.verify-result/v2) instead of text' },
    { name: 'no-progress', kind: 'boolean', description: 'do not show the progress line on a terminal' },
    { name: 'trust', kind: 'string', placeholder: '<file>', description: 'trust file (allowed signers and roles): assess each sign-off and the approval' },
    { name: 'against', kind: 'string', placeholder: '<previous pack>', description: 'the previous release: add the release gate (the diff verdict) an approval must acknowledge when Blocked' },
    { name: 'require-approval', kind: 'boolean', description: 'exit 1 (NOT APPROVED) unless the pack is approved by trusted keys in every required role' },
    { name: 'require-reproducible', kind: 'boolean', description: 'exit 1 (NOT REPRODUCIBLE) unless every claimed metric was recomputed from the predictions the pack ships and reproduced' },
    { name: 'require-coverage', kind: 'boolean', description: 'exit 1 (NOT COVERED) when a high or critical risk or open failure mode is not watched by a monitoring signal' }
  ],
  examples: [
    'vouch verify resources/samples/credit-default-1.1.0',
    'vouch verify release.zip --trust allowed_signers --against previous.zip --require-approval',
    'vouch verify release.zip --require-reproducible',
    'vouch verify release.zip --json | jq .status'
  ],
  notes: 'exit codes (docs/verdict.md): 0 verified or approved, 1 failed, rejected, or not approved or not reproducible or not covered when required, 2 usage error, 3 a pack could not be read or verification did not finish'
}

export const verify: Command = async (argv, io) => {
  const args = parseArgs(verifySpec, argv)
  if (args.help) {
    io.out(helpText(verifySpec))
    return EXIT.ok
  }
  const json = flagBool(args, 'json')
  const location = resolve(io.cwd, args.positionals[0] as string)
  const trustPath = flagString(args, 'trust')
  const against = flagString(args, 'against')
  const trust = trustPath ? await loadTrustFile(io.cwd, trustPath) : undefined
  const progress = !json && io.isTTY && !flagBool(args, 'no-progress') ? progressLine(io) : undefined

  let assessment
  try {
    assessment = await assessPack(location, {
      ...(trust ? { trust } : {}),
      ...(against ? { against: resolve(io.cwd, against) } : {}),
      require: { approval: flagBool(args, 'require-approval'), reproducible: flagBool(args, 'require-reproducible'), coverage: flagBool(args, 'require-coverage') },
      ...(progress ? { onProgress: progress.update } : {})
    })
  } catch (e) {
    progress?.clear()
    if (e instanceof AssessReadError) {
      const where = e.error.path || (e.which === 'pack' ? location : resolve(io.cwd, against ?? ''))
      if (json) io.out(`${safeJson(unreadableJson({ which: e.which, code: e.error.code, path: where, message: e.message }), 2)}\n`)
      io.err(`vouch verify: ${readErrorLine(e.error, where, e.which === 'previous' ? 'the previous release ' : '')}\n`)
      return EXIT.unreadable
    }
    if (e instanceof CancelledError) {
      io.err('vouch verify: cancelled; the pack is NOT verified\n')
      return EXIT.unreadable
    }
    throw e
  }
  progress?.clear()
  if (json) io.out(`${safeJson(verifyJson(assessment), 2)}\n`)
  else io.out(formatAssessmentText(assessment, makeStyle(io)))
  return exitCodeOf(assessment) as ExitCode
}

/** A single self-rewriting line on stderr, at most ~10 updates a second. */
function progressLine(io: CliIO): { update: (p: ScanProgress, which: 'pack' | 'previous') => void; clear: () => void } {
  let last = 0
  let shown = false
  return {
    update: (p, which) => {
      const now = Date.now()
      if (now - last < 100) return
      last = now
      shown = true
      const pct = p.bytesTotal > 0 ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0
      const what = which === 'previous' ? 'verifying the previous release…' : 'verifying…'
      io.err(`\r\u001b[2K${what} ${pct}%  ${p.filesDone}/${p.filesTotal} files  ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`)
    },
    clear: () => {
      if (shown) io.err('\r\u001b[2K')
    }
  }
}
