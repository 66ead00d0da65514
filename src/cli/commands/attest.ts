/**
 * `vouch attest <pack> --out <file.pdf> [--against <previous>] [--trust <file>] [--require-approval] [--require-reproducible] [--require-coverage] [--now]`:
 * assesses the pack exactly as `vouch verify` would with the same options (src/core/assess) and
 * writes the PDF attestation of that assessment atomically (temp file, fsync, rename). The PDF is
 * written whatever the status (a record of a failure is worth filing); the exit code is the status's.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command, type ExitCode } from '../command'
import { VOUCH_VERSION } from '../main'
import { assessmentRows, formatRows, statusWords } from '../format/assessment-text'
import { safeText } from '../format/findings'
import { makeStyle } from '../format/style'
import { formatBytes } from '../format/units'
import { exitCodeOf } from '../../core/assess'
import { AssessReadError, assessPackWithReports } from '../../core/assess/assess-pack'
import { readErrorLine } from '../format/read-error'
import { attestationInput, renderAttestation } from '../../core/attest'
import { loadFonts } from '../../core/attest/node-fonts'
import { curvesForAttestation } from '../../core/curves/attest-node'
import { parseTrustFile, TrustFileError } from '../../core/signoff'

export const attestSpec: CommandSpec = {
  name: 'attest',
  synopsis: '<pack> --out <file.pdf> [--against <previous pack>] [--trust <file>] [--require-approval] [--require-reproducible] [--require-coverage] [--now]',
  description:
    'Write a PDF attestation of a pack: what was verified, the evaluation in brief, the diff against\n' +
    'the previous release, every sign-off and the approval verdict, with the sign-off envelopes and the\n' +
    'verification record attached. The same inputs give a byte-identical PDF.',
  positionals: ['pack'],
  flags: [
    { name: 'out', short: 'o', kind: 'string', placeholder: '<file.pdf>', description: 'where to write the PDF (required)' },
    { name: 'against', kind: 'string', placeholder: '<previous pack>', description: 'the previous release, to report the diff against' },
    { name: 'trust', kind: 'string', placeholder: '<file>', description: 'trust file (allowed signers) to check the sign-offs and approval against' },
    { name: 'require-approval', kind: 'boolean', description: 'the overall status (and exit code) require approval, as vouch verify --require-approval' },
    { name: 'require-reproducible', kind: 'boolean', description: 'the overall status (and exit code) require every claim to be recomputed and reproduced, as vouch verify --require-reproducible' },
    { name: 'require-coverage', kind: 'boolean', description: 'the overall status (and exit code) require risk coverage, as vouch verify --require-coverage' },
    { name: 'now', kind: 'boolean', description: 'date the attestation now (default: the latest sign-off, else the pack’s Bagging-Date)' }
  ],
  examples: [
    'vouch attest credit-default-1.1.0.zip --out attestation.pdf --trust allowed_signers',
    'vouch attest new.zip --against old.zip --trust allowed_signers -o release-1.1.0.pdf'
  ],
  notes:
    'exit codes: the PDF is written, then the exit code is the overall status\'s (as vouch verify with the same\n' +
    'options: 0 verified or approved, 1 failed, rejected, or not approved, not reproducible or not covered when required);\n' +
    '2 usage error, 3 a pack could not be read (nothing written), 4 nothing written (trust file invalid, write refused, ...)'
}

/** Temp file beside the target, fsync, rename: a reader never sees half a PDF. */
async function writeAtomically(path: string, bytes: Uint8Array): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.vouch-tmp-${process.pid}`)
  try {
    const fh = await open(tmp, 'wx', 0o644)
    try {
      await fh.writeFile(bytes)
      await fh.sync()
    } finally {
      await fh.close()
    }
    await rename(tmp, path)
  } catch (e) {
    await unlink(tmp).catch(() => undefined)
    throw e
  }
}

export const attest: Command = async (argv, io) => {
  const args = parseArgs(attestSpec, argv)
  if (args.help) {
    io.out(helpText(attestSpec))
    return EXIT.ok
  }
  const outArg = flagString(args, 'out')
  if (!outArg) throw new UsageError('missing --out <file.pdf>')
  const out = resolve(io.cwd, outArg)
  const location = resolve(io.cwd, args.positionals[0] as string)
  const againstArg = flagString(args, 'against')
  const trustArg = flagString(args, 'trust')

  let trust: { name: string; bytes: Uint8Array; text: string } | undefined
  if (trustArg) {
    const path = resolve(io.cwd, trustArg)
    try {
      const bytes = new Uint8Array(await readFile(path))
      trust = { name: path, bytes, text: new TextDecoder().decode(bytes) }
    } catch (e) {
      io.err(`vouch attest: cannot read the trust file ${safeText(path)}: ${safeText((e as NodeJS.ErrnoException).code ?? String(e))}\n`)
      return EXIT.error
    }
  }
  let trustFile
  try {
    trustFile = trust ? parseTrustFile(trust.text) : undefined
  } catch (e) {
    if (e instanceof TrustFileError) {
      io.err(`vouch attest: the trust file ${safeText(trust?.name ?? '')} is invalid: ${safeText(e.message)}\n`)
      return EXIT.error
    }
    throw e
  }

  // The same verdict as `vouch verify` with the same options (the PDF prints that command).
  let assessed
  try {
    assessed = await assessPackWithReports(location, {
      ...(trustFile ? { trust: trustFile } : {}),
      ...(againstArg ? { against: resolve(io.cwd, againstArg) } : {}),
      require: { approval: flagBool(args, 'require-approval'), reproducible: flagBool(args, 'require-reproducible'), coverage: flagBool(args, 'require-coverage') }
    })
  } catch (e) {
    if (e instanceof AssessReadError) {
      const where = e.error.path || (e.which === 'pack' ? location : resolve(io.cwd, againstArg ?? ''))
      io.err(`vouch attest: ${readErrorLine(e.error, where, e.which === 'previous' ? 'the previous release ' : '')}\n`)
      return EXIT.unreadable
    }
    throw e
  }
  const { assessment, report, previous } = assessed
  const fonts = await loadFonts()
  const input = attestationInput({
    report,
    assessment,
    ...(previous ? { previous: previous.report, diff: previous.diff } : {}),
    ...(trust ? { trust: { name: trust.name, bytes: trust.bytes } } : {}),
    curves: await curvesForAttestation(report, previous?.report)
  })
  const bytes = await renderAttestation(input, { vouchVersion: VOUCH_VERSION, fonts, exportDate: flagBool(args, 'now') ? new Date() : undefined })
  try {
    await writeAtomically(out, bytes)
  } catch (e) {
    io.err(`vouch attest: cannot write ${safeText(out)}: ${safeText((e as NodeJS.ErrnoException).code ?? String(e))}; nothing was written\n`)
    return EXIT.error
  }

  const style = makeStyle(io)
  const name = `${safeText(assessment.pack.name ?? '?')} ${safeText(assessment.pack.version ?? '')}`.trim()
  io.out(`wrote ${safeText(out)} (${formatBytes(bytes.length)})\n`)
  io.out(`${statusWords(assessment.status, style)}  ${style.bold(name)}  sha256:${assessment.pack.digest ?? '?'}\n`)
  io.out(`${formatRows(assessmentRows(assessment, style, { summaryOnly: true }), style)}\n`)
  if (assessment.status === 'failed') io.err('vouch attest: the pack failed verification; the attestation records the failure\n')
  return exitCodeOf(assessment) as ExitCode
}
