/**
 * `vouch verify <pack> [--json]`: verifies a folder, .zip, .tar or .tar.gz pack and prints a
 * summary then every finding (or one JSON object). Exit 0 verified, 1 failed, 2 usage, 3 unreadable.
 */
import { resolve } from 'node:path'
import { flagBool, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, type CliIO, type Command, type ExitCode } from '../command'
import { finding, type Finding } from '../../core/findings'
import { CancelledError, PackReadError, type ScanProgress } from '../../core/io/reader'
import { verifyPack } from '../../core/verify/verify'
import { safeJson, safeText } from '../../core/text/safe-text'
import { makeStyle } from '../format/style'
import { formatBytes } from '../format/units'
import { formatVerifyText, unreadableJson, verifyJson } from '../format/verify-report'
import { VERIFY_EXTENSIONS, type VerifyExtensionResult } from './verify-extensions'

/** Built on each call so extensions registered in verify-extensions.ts contribute their flags. */
export const verifySpec = (): CommandSpec => ({
  name: 'verify',
  synopsis: ['<pack> [--json]', ...VERIFY_EXTENSIONS.flatMap((e) => e.flags.map((f) => `[--${f.name}${f.kind === 'string' ? ` ${f.placeholder ?? '<value>'}` : ''}]`))].join(' '),
  description:
    'Verify a pack (folder, .zip, .tar, .tar.gz/.tgz): completeness, every hash, the tag manifest,\n' +
    'the evidence schemas and traceability. Reports every finding, not just the first.',
  positionals: ['pack'],
  flags: [
    { name: 'json', kind: 'boolean', description: 'print one JSON object (vouch.verify-result/v1) instead of text' },
    { name: 'no-progress', kind: 'boolean', description: 'do not show the progress line on a terminal' },
    ...VERIFY_EXTENSIONS.flatMap((e) => e.flags)
  ],
  examples: ['vouch verify resources/samples/credit-default-1.1.0', 'vouch verify release.zip --json | jq .findings'],
  notes: 'exit codes: 0 verified, 1 verification failed, 2 usage error, 3 pack could not be read, 4 other error'
})

export const verify: Command = async (argv, io) => {
  const spec = verifySpec()
  const args = parseArgs(spec, argv)
  if (args.help) {
    io.out(helpText(spec))
    return EXIT.ok
  }
  const json = flagBool(args, 'json')
  const location = resolve(io.cwd, args.positionals[0] as string)
  const style = makeStyle(io)
  const progress = !json && io.isTTY && !flagBool(args, 'no-progress') ? progressLine(io) : undefined

  let report
  try {
    report = await verifyPack(location, { onProgress: progress?.update })
  } catch (e) {
    progress?.clear()
    if (e instanceof PackReadError) {
      const error = { code: e.code, path: e.path, message: e.message }
      if (json) io.out(`${safeJson(unreadableJson(location, error), 2)}\n`)
      io.err(`vouch verify: cannot read ${safeText(e.path || location)}: ${safeText(e.message)} [${e.code}]\n`)
      return EXIT.unreadable
    }
    if (e instanceof CancelledError) {
      io.err('vouch verify: cancelled; the pack is NOT verified\n')
      return EXIT.failed
    }
    throw e
  }
  progress?.clear()

  const extFindings: Finding[] = []
  const extLines: string[] = []
  const extJson: Record<string, unknown> = {}
  let gateOk = true
  for (const ext of VERIFY_EXTENSIONS) {
    if (!ext.active(args)) continue
    const r: VerifyExtensionResult = await ext.run(report, args, io)
    extFindings.push(...(r.findings ?? []))
    extLines.push(...(r.lines ?? []))
    if (r.json !== undefined) extJson[ext.name] = r.json
    if (r.gate && !r.gate.ok) {
      gateOk = false
      extFindings.push(finding('gate-failed', 'error', r.gate.reason))
    }
  }
  const ok = report.ok && gateOk && !extFindings.some((f) => f.severity === 'error')

  if (json) {
    io.out(`${safeJson(verifyJson(report, { findings: extFindings, ok, extensions: extJson }), 2)}\n`)
  } else {
    io.out(formatVerifyText(report, style, { findings: extFindings, ok, extraLines: extLines }))
  }
  return exitFor(report.status, ok)
}

/** incomplete (could not finish reading) is treated as unreadable: the pack is not verified either way. */
export function exitFor(status: 'verified' | 'failed' | 'incomplete', ok: boolean): ExitCode {
  if (status === 'incomplete') return EXIT.unreadable
  return status === 'verified' && ok ? EXIT.ok : EXIT.failed
}

/** A single self-rewriting line on stderr, at most ~10 updates a second. */
function progressLine(io: CliIO): { update: (p: ScanProgress) => void; clear: () => void } {
  let last = 0
  let shown = false
  return {
    update: (p) => {
      const now = Date.now()
      if (now - last < 100) return
      last = now
      shown = true
      const pct = p.bytesTotal > 0 ? Math.floor((100 * p.bytesDone) / p.bytesTotal) : 0
      io.err(`\r\u001b[2Kverifying… ${pct}%  ${p.filesDone}/${p.filesTotal} files  ${formatBytes(p.bytesDone)} of ${formatBytes(p.bytesTotal)}`)
    },
    clear: () => {
      if (shown) io.err('\r\u001b[2K')
    }
  }
}
