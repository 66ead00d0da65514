/**
 * `vouch build <dir>`: validates data/ against the schemas, then writes bagit.txt, bag-info.txt
 * and both manifests. Same inputs, byte-identical tag files. Any error finding: nothing written.
 */
import { stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import { helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, type Command } from '../command'
import { buildPack } from '../../core/build/build'
import { PackWriteError } from '../../core/build/types'
import { countFindings, describeCounts, formatFindings, safeText } from '../format/findings'
import { makeStyle } from '../format/style'
import { formatBytes, plural } from '../format/units'

export const BUILD_SPEC: CommandSpec = {
  name: 'build',
  synopsis: '<dir>',
  description:
    'Validate <dir>/data against the Assurance Pack schemas, then write bagit.txt, bag-info.txt\n' +
    '(from data/pack.json and data/traceability.json), manifest-sha256.txt and tagmanifest-sha256.txt.\n' +
    'When any error is found nothing is written. Building the same data twice gives identical tag files.',
  positionals: ['dir'],
  flags: [],
  examples: ['vouch build my-model-1.0.0 && vouch verify my-model-1.0.0'],
  notes: 'exit codes: 0 built, 1 data/ has errors (nothing written), 2 usage error, 3 <dir> not found, 4 could not write'
}

export const build: Command = async (argv, io) => {
  const args = parseArgs(BUILD_SPEC, argv)
  if (args.help) {
    io.out(helpText(BUILD_SPEC))
    return EXIT.ok
  }
  const dir = resolve(io.cwd, args.positionals[0] as string)
  const style = makeStyle(io)
  const st = await stat(dir).catch(() => undefined)
  if (!st?.isDirectory()) {
    io.err(`vouch build: ${safeText(dir)} is not a folder${st ? '' : ' (not found)'}\n`)
    return EXIT.unreadable
  }
  try {
    const r = await buildPack(dir)
    const counts = countFindings(r.findings)
    if (!r.ok) {
      io.out(`${style.red(style.bold('NOT BUILT'))}  ${safeText(dir)}  ${style.dim('—')} ${describeCounts(counts)}; nothing was written\n\n`)
      io.out(formatFindings(r.findings, style))
      return EXIT.failed
    }
    io.out(`${style.green(style.bold('BUILT'))}  ${safeText(dir)}  ${style.dim('—')} ${describeCounts(counts)}\n`)
    io.out(`  ${style.dim('pack digest')}  sha256:${r.digest ?? '?'}\n`)
    io.out(`  ${style.dim('payload    ')}  ${plural(r.payloadFiles, 'file')}, ${formatBytes(r.payloadBytes)}\n`)
    io.out(`  ${style.dim('wrote      ')}  ${r.written.join(', ')}\n`)
    if (r.findings.length > 0) io.out(`\n${formatFindings(r.findings, style)}`)
    return EXIT.ok
  } catch (e) {
    if (e instanceof PackWriteError) {
      io.err(`vouch build: ${safeText(e.message)} (${safeText(e.path)}) [${e.code}]\n`)
      return EXIT.error
    }
    throw e
  }
}
