/**
 * `vouch signoff checklist [--out <file>]`: print the checklist as a JSON answers file to fill in.
 * Also the `vouch verify` extension for sign-offs: every envelope under signoffs/ is checked on
 * every verify (a bad one is an error); `--trust <file>` adds trust and the approval verdict, and
 * `--require-approval` fails the run unless the pack is Approved.
 */
import { open, readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { safeText } from '../format/findings'
import { assessSignoffs, type SignoffAssessment } from '../../core/signoff/assess'
import { blankAnswers } from '../../core/signoff/checklist'
import { shortFingerprint } from '../../core/signoff/keys'
import { parseTrustFile, TrustFileError, type TrustFile } from '../../core/signoff/trust'
import type { VerifyExtension } from './verify-extensions'

const checklistSpec: CommandSpec = {
  name: 'signoff checklist',
  synopsis: '[--out <file>]',
  description: 'Print the sign-off checklist as a JSON answers file. Fill in every "answer" (yes, no or n/a;\n"no" and "n/a" need a note), optionally add your team\'s items, then pass it to vouch sign --checklist.',
  positionals: [],
  flags: [{ name: 'out', short: 'o', kind: 'string', placeholder: '<file>', description: 'write to this file (never overwrites) instead of stdout' }],
  examples: ['vouch signoff checklist > answers.json', 'vouch signoff checklist --out answers.json']
}

export const signoff: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out('usage: vouch signoff checklist [--out <file>]\n\nSee also: vouch sign, vouch key, vouch verify --trust. Docs: docs/cli.md\n')
    return sub === undefined ? EXIT.usage : EXIT.ok
  }
  if (sub !== 'checklist') throw new UsageError(`unknown sub-command '${sub}' (checklist)`)
  const args = parseArgs(checklistSpec, rest)
  if (args.help) {
    io.out(helpText(checklistSpec))
    return EXIT.ok
  }
  const text = `${JSON.stringify(blankAnswers(), null, 2)}\n`
  const out = flagString(args, 'out')
  if (!out) {
    io.out(text)
    return EXIT.ok
  }
  const path = resolve(io.cwd, out)
  try {
    const fh = await open(path, 'wx')
    await fh.writeFile(text)
    await fh.close()
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    io.err(`vouch signoff checklist: ${path}: ${code === 'EEXIST' ? 'already exists (not overwritten)' : `cannot write (${code ?? 'error'})`}\n`)
    return EXIT.error
  }
  io.err(`Wrote ${path}\n`)
  return EXIT.ok
}

/** Reads and parses a trust file; a bad file is an error naming every bad line (fail closed). */
export async function loadTrustFile(cwd: string, file: string): Promise<TrustFile> {
  const path = resolve(cwd, file)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    throw new UsageError(`cannot read trust file ${path} (${(e as NodeJS.ErrnoException).code ?? 'error'})`)
  }
  try {
    return parseTrustFile(text)
  } catch (e) {
    if (e instanceof TrustFileError) throw new UsageError(`trust file ${path} refused: ${e.message}`)
    throw e
  }
}

const STATUS_WORD: Record<SignoffAssessment['status'], string> = { approved: 'APPROVED', 'not-approved': 'NOT APPROVED', rejected: 'REJECTED' }

/** Summary rows ("label\tvalue") for the text output of verify and sign. */
export function assessmentLines(a: SignoffAssessment): string[] {
  const lines: string[] = []
  lines.push(`Sign-offs\t${a.signoffs.length} (${a.counts.validTrusted} valid-trusted, ${a.counts.validUntrusted} valid-untrusted, ${a.counts.invalid} invalid, ${a.counts.otherPack} other-pack)`)
  for (const s of a.signoffs) {
    const who = s.signoff ? `${s.signoff.role} ${s.signoff.decision} by ${s.trustedAs?.name ?? s.signoff.signerName} (${shortFingerprint(s.signoff.fingerprint)}) at ${s.signoff.signedAt}` : ''
    const why = s.problem ? ` — ${safeText(s.problem.message)} [${s.problem.code}]` : ''
    // Empty label: long paths would otherwise widen the whole summary table.
    lines.push(`\t${s.status}${who ? `: ${who}` : ''}${why}  ${safeText(s.path)}`)
  }
  lines.push(`Approval\t${a.trustFile ? STATUS_WORD[a.status] : 'NOT APPROVED (no --trust file)'} (required: ${a.requiredRoles.join(', ')})`)
  for (const r of a.reasons) lines.push(`\t${safeText(r)}`)
  return lines
}

export const signoffVerifyExtension: VerifyExtension = {
  name: 'signoffs',
  flags: [
    { name: 'trust', kind: 'string', placeholder: '<file>', description: 'trust file (allowed signers and roles): report sign-offs and approval' },
    { name: 'require-approval', kind: 'boolean', description: 'exit 1 unless the pack is Approved (needs --trust)' }
  ],
  // Always on: an envelope under signoffs/ that does not verify is an error whether or not a trust file is given.
  active: () => true,
  run: async (report, args, io) => {
    const trustPath = flagString(args, 'trust')
    const require = flagBool(args, 'require-approval')
    const trust = trustPath ? await loadTrustFile(io.cwd, trustPath) : undefined
    const a = assessSignoffs(report, trust)
    if (!trust) {
      // Without a trust file nothing can be Approved, and only the hard errors matter.
      const gate = require ? { ok: false, reason: 'not Approved: --require-approval needs a --trust file' } : undefined
      if (report.signoffs.length === 0) return { gate }
      return { findings: a.findings.filter((f) => f.severity === 'error'), lines: assessmentLines(a), json: a, gate }
    }
    return {
      findings: a.findings,
      lines: assessmentLines(a),
      json: a,
      gate: require ? { ok: a.approved, reason: `not Approved: ${a.reasons.join('; ') || a.status}` } : undefined
    }
  }
}
