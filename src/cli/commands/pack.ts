/**
 * `vouch pack <dir> -o <file>`: a deterministic archive of a built pack (sorted entries, fixed
 * times, fixed modes, the store rule decided from content: docs/pack-format.md section 10), so
 * packing twice gives identical bytes, compressed on every core. The folder is verified first (an
 * archive of a broken pack would only move the problem downstream); the archive is written to a
 * temporary name beside the target and renamed, so a failure never leaves a half-written file.
 */
import { stat } from 'node:fs/promises'
import { relative, resolve, isAbsolute } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { writeArchiveFromFolder, type ArchiveKind } from '../../core/io/archive-write'
import { PackPass } from '../../core/io/pack-pass'
import { CancelledError, PackReadError } from '../../core/io/reader'
import { PackWriteError } from '../../core/io/write-error'
import type { VerifyReport } from '../../core/verify/report'
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

/** The integrity verdict includes the sign-off envelopes: a pack with a forged one is not packed either. */
function intact(r: VerifyReport): boolean {
  return assessReports(r).integrity.status === 'verified'
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

  // The folder is verified while it is packed (both use every core; the archive is only moved into
  // place once the verification passed): a pack that does not verify leaves nothing behind.
  // A zip shares one walk of the folder and one read of each file with the verification: the packer
  // hashes what it reads, the verifier checks those digests against the manifest (pack-pass.ts).
  const stop = new AbortController()
  const pass = kind === 'zip' && !flagBool(args, 'no-verify') ? new PackPass() : undefined
  const verifying = flagBool(args, 'no-verify')
    ? Promise.resolve(undefined)
    : verifyPack(dir, pass ? { pass } : {}).then(
        (r) => {
          if (!intact(r)) stop.abort()
          return r
        },
        (e: unknown) => {
          stop.abort()
          throw e
        }
      )
  // Written to a temp file beside `out`, fsynced, then moved into place (no-clobber unless --force).
  // However the verification ended, the packer never waits for its listing.
  void verifying.finally(() => pass?.close()).catch(() => undefined)
  const writing = writeArchiveFromFolder(dir, out, kind, {
    ...(pass ? { pass } : {}),
    overwrite: flagBool(args, 'force'),
    signal: stop.signal,
    beforePublish: async () => {
      const r = await verifying
      if (r && !intact(r)) throw new CancelledError()
    }
  })
  const [verified, written] = await Promise.allSettled([verifying, writing])
  if (verified.status === 'rejected') {
    const e = verified.reason
    if (e instanceof PackReadError) {
      io.err(`vouch pack: ${readErrorLine(e, dir)}\n`)
      return EXIT.unreadable
    }
    throw e
  }
  const report = verified.value
  if (report && !intact(report)) {
    io.out(formatAssessmentText(assessReports(report), style))
    io.err(`vouch pack: ${safeText(dir)} does not verify; nothing was written (fix it, or pass --no-verify)\n`)
    return EXIT.failed
  }
  if (written.status === 'rejected') {
    const e = written.reason
    if (e instanceof PackReadError) {
      io.err(`vouch pack: ${readErrorLine(e, dir)}\n`)
      return EXIT.unreadable
    }
    if (e instanceof PackWriteError) {
      io.err(`vouch pack: could not write ${safeText(out)}: ${safeText(e.message)} [${e.code}]; nothing was written\n`)
      return EXIT.error
    }
    throw e
  }
  const digest = report?.pack.digest
  const size = (await stat(out)).size
  io.out(`${style.green(style.bold('PACKED'))}  ${safeText(out)}  (${kind}, ${formatBytes(size)})\n`)
  if (digest !== undefined) io.out(`  ${style.dim('pack digest')}  sha256:${digest}\n`)
  return EXIT.ok
}
