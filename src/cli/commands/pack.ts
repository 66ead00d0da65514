/**
 * `vouch pack <dir> -o <file>`: a deterministic archive of a built pack (sorted entries, fixed
 * times, fixed modes), so packing twice gives identical bytes. The folder is verified first (an
 * archive of a broken pack would only move the problem downstream); the archive is written to a
 * temporary name beside the target and renamed, so a failure never leaves a half-written file.
 */
import { randomBytes } from 'node:crypto'
import { rename, stat, unlink } from 'node:fs/promises'
import { basename, dirname, join, relative, resolve, isAbsolute } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { writeArchiveFromFolder, type ArchiveKind } from '../../core/io/archive-write'
import { PackReadError } from '../../core/io/reader'
import { verifyPack } from '../../core/verify/verify'
import { assessReports } from '../../core/assess'
import { formatAssessmentText } from '../format/assessment-text'
import { safeText } from '../format/findings'
import { readErrorLine } from '../format/read-error'
import { makeStyle } from '../format/style'
import { formatBytes } from '../format/units'

export const PACK_SPEC: CommandSpec = {
  name: 'pack',
  synopsis: '<dir> -o <file.zip|file.tar.gz|file.tgz|file.tar> [--force] [--no-verify]',
  description:
    'Write a deterministic archive of the pack folder <dir> (the bag at the archive root). The kind\n' +
    'follows the extension of -o. The folder is verified first; nothing is written if it fails.',
  positionals: ['dir'],
  flags: [
    { name: 'output', short: 'o', kind: 'string', placeholder: '<file>', description: 'archive to write (.zip, .tar.gz, .tgz or .tar); required' },
    { name: 'force', short: 'f', kind: 'boolean', description: 'replace <file> if it exists (otherwise refused, exit 4)' },
    { name: 'no-verify', kind: 'boolean', description: 'skip verifying the folder before archiving it' }
  ],
  examples: ['vouch pack credit-default-1.1.0 -o credit-default-1.1.0.zip', 'vouch pack build/pack -o release.tar.gz --force'],
  notes: 'exit codes: 0 written, 1 the folder does not verify (nothing written), 2 usage error, 3 <dir> unreadable, 4 could not write'
}

export function archiveKindOf(file: string): ArchiveKind {
  const lower = file.toLowerCase()
  if (lower.endsWith('.zip')) return 'zip'
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz'
  if (lower.endsWith('.tar')) return 'tar'
  throw new UsageError(`cannot tell the archive kind of '${file}': use .zip, .tar.gz, .tgz or .tar`)
}

function isInside(parent: string, child: string): boolean {
  const rel = relative(parent, child)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

export const pack: Command = async (argv, io) => {
  const args = parseArgs(PACK_SPEC, argv)
  if (args.help) {
    io.out(helpText(PACK_SPEC))
    return EXIT.ok
  }
  const outArg = flagString(args, 'output')
  if (outArg === undefined) throw new UsageError('missing -o <file>')
  const kind = archiveKindOf(outArg)
  const dir = resolve(io.cwd, args.positionals[0] as string)
  const out = resolve(io.cwd, outArg)
  if (isInside(dir, out)) throw new UsageError(`the archive ${safeText(out)} would be inside the pack folder it archives`)
  const style = makeStyle(io)

  const st = await stat(dir).catch(() => undefined)
  if (!st?.isDirectory()) {
    io.err(`vouch pack: ${safeText(dir)} is not a folder${st ? '' : ' (not found)'}\n`)
    return EXIT.unreadable
  }
  if (!flagBool(args, 'force') && (await stat(out).catch(() => undefined))) {
    io.err(`vouch pack: ${safeText(out)} exists; use --force to replace it. Nothing was written.\n`)
    return EXIT.error
  }

  let digest: string | undefined
  if (!flagBool(args, 'no-verify')) {
    try {
      const report = await verifyPack(dir)
      // The integrity verdict includes the sign-off envelopes: a forged one is not packed either.
      const assessment = assessReports(report)
      if (assessment.integrity.status !== 'verified') {
        io.out(formatAssessmentText(assessment, style))
        io.err(`vouch pack: ${safeText(dir)} does not verify; nothing was written (fix it, or pass --no-verify)\n`)
        return EXIT.failed
      }
      digest = report.pack.digest
    } catch (e) {
      if (e instanceof PackReadError) {
        io.err(`vouch pack: ${readErrorLine(e, dir)}\n`)
        return EXIT.unreadable
      }
      throw e
    }
  }

  const tmp = join(dirname(out), `.${basename(out)}.partial-${randomBytes(4).toString('hex')}`)
  try {
    await writeArchiveFromFolder(dir, tmp, kind)
    await rename(tmp, out)
  } catch (e) {
    await unlink(tmp).catch(() => undefined)
    if (e instanceof PackReadError) {
      io.err(`vouch pack: ${readErrorLine(e, dir)}\n`)
      return EXIT.unreadable
    }
    const msg = e instanceof Error ? e.message : String(e)
    io.err(`vouch pack: could not write ${safeText(out)}: ${safeText(msg)}; nothing was written\n`)
    return EXIT.error
  }
  const size = (await stat(out)).size
  io.out(`${style.green(style.bold('PACKED'))}  ${safeText(out)}  (${kind}, ${formatBytes(size)})\n`)
  if (digest !== undefined) io.out(`  ${style.dim('pack digest')}  sha256:${digest}\n`)
  return EXIT.ok
}
