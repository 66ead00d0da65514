/**
 * `vouch sign <pack> --key <path> --role <role> --decision approve|reject --checklist <answers.json>
 *  [--comment <text>] [--against <previous>] [--acknowledge-blockers] [--trust <file>]`: sign off a
 * pack. The one approval rule (src/core/assess/approval-rule.ts) runs on the verified pack before
 * anything is written. The envelope is embedded under signoffs/ without ever risking the original
 * (archives: new file beside it, verified, atomic rename).
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type CliIO, type Command } from '../command'
import { approvalRefusal, ApprovalRefusedError, assessReports, gateSection, prepareSignoff, type SigningIntent } from '../../core/assess'
import { diffPacks } from '../../core/diff'
import { parseStrictJson, toPlain } from '../../core/format/json-strict'
import { PackReadError } from '../../core/io/reader'
import { PackWriteError } from '../../core/io/write-error'
import { ChecklistError, entriesFromAnswers } from '../../core/signoff/checklist'
import { KeyFileError, loadKeyFile } from '../../core/signoff/keys-node'
import { shortFingerprint } from '../../core/signoff/keys'
import { SignError, signPackOnDisk } from '../../core/signoff/sign-node'
import type { VerifyReport } from '../../core/verify/report'
import { verifyPack } from '../../core/verify/verify'
import { assessmentRows, formatRows, statusWords } from '../format/assessment-text'
import { safeText } from '../format/findings'
import { readErrorLine } from '../format/read-error'
import { makeStyle } from '../format/style'
import { readPassphrase } from './key'
import { loadTrustFile } from './signoff'
import { pushNewSignoff, pushTarget, SIGN_PUSH_FLAGS } from './sign-push'

const spec: CommandSpec = {
  name: 'sign',
  synopsis: '<pack> --key <path> --role <role> --decision approve|reject --checklist <answers.json> [--comment <text>] [--against <previous pack>] [--acknowledge-blockers]',
  description:
    'Sign off a pack: a DSSE envelope (in-toto Statement, ed25519) about this exact pack, embedded under\nsignoffs/. The pack must verify first. An approval needs every checklist item answered yes or n/a;\nwhen the diff against the previous release is Blocked it must acknowledge the blocking reasons.\nGet the answers file from: vouch signoff checklist',
  positionals: ['pack'],
  flags: [
    { name: 'key', short: 'k', kind: 'string', placeholder: '<path>', description: 'your encrypted private key file (from vouch key new)' },
    { name: 'role', kind: 'string', placeholder: '<role>', description: 'the role you sign in (default: the role recorded in the key file)' },
    { name: 'decision', kind: 'string', choices: ['approve', 'reject'], placeholder: '<decision>', description: 'approve or reject' },
    { name: 'checklist', kind: 'string', placeholder: '<answers.json>', description: 'the filled-in checklist answers' },
    { name: 'comment', kind: 'string', placeholder: '<text>', description: 'a comment recorded in the signed statement' },
    { name: 'against', kind: 'string', placeholder: '<previous pack>', description: 'the previous release: an approval is checked against the release gate (the diff verdict)' },
    { name: 'acknowledge-blockers', kind: 'boolean', description: 'approve although the gate is Blocked: the blocking reasons are signed into your statement' },
    { name: 'trust', kind: 'string', placeholder: '<file>', description: 'also print the approval status against this trust file' },
    ...SIGN_PUSH_FLAGS
  ],
  examples: ['vouch signoff checklist > answers.json   # fill it in', 'vouch sign release.zip --key ~/.vouch/ana.key --role engineer --decision approve --checklist answers.json'],
  notes:
    'The passphrase is read from VOUCH_PASSPHRASE, else prompted on a terminal.\n' +
    'exit codes: 0 signed, 1 the pack does not verify (not signed), 2 usage error or an approval the rule refuses\n' +
    '(a "no" answer, Blocked gate not acknowledged), 3 a pack unreadable, 4 not signed (wrong passphrase, write\n' +
    'refused, ...); the pack is unchanged on any non-zero exit\n' +
    'With --push: signed locally, then 3 when the push failed (the local sign-off stays; docs/registry.md)'
}

export const sign: Command = async (argv, io) => {
  const args = parseArgs(spec, argv)
  if (args.help) {
    io.out(helpText(spec))
    return EXIT.ok
  }
  const keyPath = flagString(args, 'key')
  const decision = flagString(args, 'decision') as 'approve' | 'reject' | undefined
  const checklistPath = flagString(args, 'checklist')
  if (!keyPath || !decision || !checklistPath) throw new UsageError('--key, --decision and --checklist are required')
  const location = resolve(io.cwd, args.positionals[0] as string)
  const trust = flagString(args, 'trust') ? await loadTrustFile(io.cwd, flagString(args, 'trust') as string) : undefined
  const pushRef = pushTarget(args)

  const answersFile = resolve(io.cwd, checklistPath)
  let parsed: { entries: ReturnType<typeof entriesFromAnswers>['entries']; comment?: string }
  try {
    parsed = entriesFromAnswers(toPlain(parseStrictJson(await readFile(answersFile, 'utf8'))))
  } catch (e) {
    const msg = e instanceof ChecklistError || e instanceof Error ? e.message : String(e)
    throw new UsageError(`checklist ${answersFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : msg}`)
  }
  const intent: SigningIntent = { decision, checklist: parsed.entries, acknowledgeBlockers: flagBool(args, 'acknowledge-blockers') }
  // The checklist part of the rule needs no pack: refuse before asking for a passphrase.
  const early = approvalRefusal(intent, null)
  if (early) throw new UsageError(`${early.message} [${early.code}]`)
  const againstArg = flagString(args, 'against')
  let previous: VerifyReport | undefined
  if (againstArg) {
    const prevPath = resolve(io.cwd, againstArg)
    try {
      previous = await verifyPack(prevPath)
    } catch (e) {
      if (e instanceof PackReadError) {
        io.err(`vouch sign: ${readErrorLine(e, prevPath, 'the previous release ')}; the pack was not changed\n`)
        return EXIT.unreadable
      }
      throw e
    }
  }

  try {
    // scrypt (about half a second by design) runs while the pack is read and copied.
    const keyReady = loadKeyFile(resolve(io.cwd, keyPath), await readPassphrase(io, keyPath, false))
    const r = await signPackOnDisk(location, keyReady, parsed.entries, {
      ...(flagString(args, 'role') !== undefined ? { role: flagString(args, 'role') } : {}),
      decision,
      comment: flagString(args, 'comment') ?? parsed.comment,
      // The checklist part ran above; the gate part runs on the very report being signed, before
      // anything is written (only with --against: without it an archive is signed from its tag files).
      ...(previous ? { prepare: (before: VerifyReport) => prepareSignoff(intent, gateSection(previous, diffPacks(previous, before))) } : {})
    })
    const k = await keyReady
    const role = flagString(args, 'role') ?? k.role
    const pack = `${safeText(r.report.pack.name ?? '')}@${safeText(r.report.pack.version ?? '')}`
    io.out(`Signed ${pack} as ${safeText(role)} (${decision}) with ${safeText(k.name)} ${shortFingerprint(r.created.fingerprint)}\n  wrote ${safeText(r.path)}\n`)
    // Through a symbolic link: say which file changed (the link itself did not).
    if (r.written !== location) io.out(`  signed ${safeText(r.written)} (${safeText(args.positionals[0] as string)} links to it)\n`)
    const ack = r.created.statement.predicate.acknowledges
    if (ack) io.out(`  acknowledged the blockers against ${safeText(ack.previous.name)}: ${ack.blockers.map((b) => safeText(b.message)).join('; ')}\n`)
    notes(io, intent, r.report, previous, ack !== undefined)
    if (trust) {
      const a = assessReports(r.report, { trust, ...(previous ? { previous: { report: previous } } : {}) })
      const style = makeStyle(io)
      io.out(`${formatRows([['status', statusWords(a.status, style)], ...assessmentRows(a, style, { summaryOnly: true })], style)}\n`)
    }
    if (pushRef) return await pushNewSignoff(io, args, pushRef, r.created.statement.subject[0].digest.sha256, { path: r.path, text: r.created.text })
    return EXIT.ok
  } catch (e) {
    if (e instanceof ApprovalRefusedError) {
      io.err(`vouch sign: not signed: ${safeText(e.message)} [${e.code}]; the pack was not changed\n`)
      return EXIT.usage
    }
    if (e instanceof KeyFileError) {
      io.err(`vouch sign: ${safeText(e.message)} [${e.code}]; the pack was not changed\n`)
      return EXIT.error
    }
    if (e instanceof PackReadError) {
      io.err(`vouch sign: ${readErrorLine(e, location)}\n`)
      return EXIT.unreadable
    }
    if (e instanceof SignError) {
      // not-embedded: the write went through but reading it back disagrees; say so, do not claim "unchanged".
      const tail = e.code === 'not-embedded' ? 'check the pack with vouch verify' : 'the pack was not changed'
      io.err(`vouch sign: ${safeText(e.message)} [${e.code}]; ${tail}\n`)
      return e.code === 'pack-not-verified' ? EXIT.failed : EXIT.error
    }
    if (e instanceof PackWriteError) {
      io.err(`vouch sign: could not write ${safeText(e.path)}: ${safeText(e.message)} [${e.code}]; the original is unchanged\n`)
      return EXIT.error
    }
    throw e
  }
}

/** What the signer should know: an approval not checked against the previous release, a moot flag. */
function notes(io: CliIO, intent: SigningIntent, report: VerifyReport, previous: VerifyReport | undefined, acknowledged: boolean): void {
  if (intent.decision === 'approve' && !previous && report.pack.previousVersion !== undefined) {
    io.err(
      `vouch sign: note: this pack names ${safeText(report.pack.previousVersion)} as its previous release, but no --against was given: if the diff against it is Blocked, this approval will not count there\n`
    )
  }
  if (intent.acknowledgeBlockers === true && !acknowledged) io.err('vouch sign: note: nothing to acknowledge (no --against, or the release gate is not Blocked); nothing was added\n')
}
