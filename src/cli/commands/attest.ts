/**
 * `vouch attest <pack> --out <file.pdf> [--against <previous pack>] [--trust <file>] [--now]`:
 * verifies the pack (and the previous one), assesses its sign-offs, and writes the PDF
 * attestation atomically (temp file, fsync, rename). The PDF is written even when verification
 * fails (a record of the failure is worth filing), and the exit code then says so.
 */
import { open, readFile, rename, unlink } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type CliIO, type Command } from '../command'
import { VOUCH_VERSION } from '../main'
import { formatBytes } from '../format/units'
import { safeText } from '../format/findings'
import { attestationInput, renderAttestation } from '../../core/attest'
import { loadFonts } from '../../core/attest/node-fonts'
import { diffPacks } from '../../core/diff'
import { PackReadError } from '../../core/io/reader'
import { assessSignoffs, parseTrustFile, TrustFileError } from '../../core/signoff'
import type { VerifyReport } from '../../core/verify/report'
import { verifyPack } from '../../core/verify/verify'

export const attestSpec: CommandSpec = {
  name: 'attest',
  synopsis: '<pack> --out <file.pdf> [--against <previous pack>] [--trust <file>] [--now]',
  description:
    'Write a PDF attestation of a pack: what was verified, the evaluation in brief, the diff against\n' +
    'the previous release, every sign-off and the approval verdict, with the sign-off envelopes and the\n' +
    'verification record attached. The same inputs give a byte-identical PDF.',
  positionals: ['pack'],
  flags: [
    { name: 'out', short: 'o', kind: 'string', placeholder: '<file.pdf>', description: 'where to write the PDF (required)' },
    { name: 'against', kind: 'string', placeholder: '<previous pack>', description: 'the previous release, to report the diff against' },
    { name: 'trust', kind: 'string', placeholder: '<file>', description: 'trust file (allowed signers) to check the sign-offs and approval against' },
    { name: 'now', kind: 'boolean', description: 'date the attestation now (default: the latest sign-off, else the pack’s Bagging-Date)' }
  ],
  examples: [
    'vouch attest credit-default-1.1.0.zip --out attestation.pdf --trust allowed_signers',
    'vouch attest new.zip --against old.zip --trust allowed_signers -o release-1.1.0.pdf'
  ],
  notes:
    'exit codes: 0 written and the pack verified, 1 written but the pack failed verification,\n' +
    '2 usage error, 3 a pack could not be read, 4 nothing written (trust file invalid, write refused, ...)'
}

async function verifyOrExplain(location: string, io: CliIO): Promise<VerifyReport | undefined> {
  try {
    return await verifyPack(location)
  } catch (e) {
    if (e instanceof PackReadError) {
      io.err(`vouch attest: cannot read ${safeText(e.path || location)}: ${safeText(e.message)} [${e.code}]\n`)
      return undefined
    }
    throw e
  }
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

  const report = await verifyOrExplain(location, io)
  if (!report) return EXIT.unreadable
  let previous: VerifyReport | undefined
  if (againstArg) {
    previous = await verifyOrExplain(resolve(io.cwd, againstArg), io)
    if (!previous) return EXIT.unreadable
  }
  const assessment = assessSignoffs(report, trustFile, undefined)
  const fonts = await loadFonts()
  const input = attestationInput({
    report,
    previous,
    diff: previous ? diffPacks(previous, report) : undefined,
    assessment,
    trust: trust ? { name: trust.name, bytes: trust.bytes } : undefined
  })
  const bytes = await renderAttestation(input, { vouchVersion: VOUCH_VERSION, fonts, exportDate: flagBool(args, 'now') ? new Date() : undefined })
  try {
    await writeAtomically(out, bytes)
  } catch (e) {
    io.err(`vouch attest: cannot write ${safeText(out)}: ${safeText((e as NodeJS.ErrnoException).code ?? String(e))}; nothing was written\n`)
    return EXIT.error
  }

  const verified = report.ok && report.status === 'verified'
  const approval = trustFile ? (assessment.approved ? 'approved' : `not approved (${safeText(assessment.reasons[0] ?? assessment.status)})`) : 'not assessed (no --trust)'
  io.out(`wrote ${safeText(out)} (${formatBytes(bytes.length)})\n`)
  io.out(`  pack      ${safeText(report.pack.name ?? '?')} ${safeText(report.pack.version ?? '')}  sha256:${report.pack.digest ?? '?'}\n`)
  io.out(`  verified  ${verified ? 'yes' : `NO (${report.status})`}\n`)
  io.out(`  approval  ${approval}\n`)
  if (!verified) io.err('vouch attest: the pack failed verification; the attestation records the failure\n')
  return verified ? EXIT.ok : EXIT.failed
}
