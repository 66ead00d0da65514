/**
 * `vouch sign <pack> --key <path> --role <role> --decision approve|reject --checklist <answers.json>
 *  [--comment <text>] [--trust <file>]`: sign off a pack. The envelope is embedded under signoffs/
 * without ever risking the original (archives: new file beside it, verified, atomic rename).
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { parseStrictJson, toPlain } from '../../core/format/json-strict'
import { PackReadError } from '../../core/io/reader'
import { PackWriteError } from '../../core/io/write-error'
import { assessSignoffs } from '../../core/signoff/assess'
import { ChecklistError, entriesFromAnswers } from '../../core/signoff/checklist'
import { KeyFileError, loadKeyFile } from '../../core/signoff/keys-node'
import { shortFingerprint } from '../../core/signoff/keys'
import { SignError, signPackOnDisk } from '../../core/signoff/sign-node'
import { readPassphrase } from './key'
import { assessmentLines, loadTrustFile } from './signoff'

const spec: CommandSpec = {
  name: 'sign',
  synopsis: '<pack> --key <path> --role <role> --decision approve|reject --checklist <answers.json> [--comment <text>]',
  description:
    'Sign off a pack: a DSSE envelope (in-toto Statement, ed25519) about this exact pack, embedded under\nsignoffs/. The pack must verify first. Get the answers file from: vouch signoff checklist',
  positionals: ['pack'],
  flags: [
    { name: 'key', short: 'k', kind: 'string', placeholder: '<path>', description: 'your encrypted private key file (from vouch key new)' },
    { name: 'role', kind: 'string', placeholder: '<role>', description: 'the role you sign in (default: the role recorded in the key file)' },
    { name: 'decision', kind: 'string', choices: ['approve', 'reject'], placeholder: '<decision>', description: 'approve or reject' },
    { name: 'checklist', kind: 'string', placeholder: '<answers.json>', description: 'the filled-in checklist answers' },
    { name: 'comment', kind: 'string', placeholder: '<text>', description: 'a comment recorded in the signed statement' },
    { name: 'trust', kind: 'string', placeholder: '<file>', description: 'also print the approval status against this trust file' }
  ],
  examples: ['vouch signoff checklist > answers.json   # fill it in', 'vouch sign release.zip --key ~/.vouch/ana.key --role engineer --decision approve --checklist answers.json'],
  notes: 'The passphrase is read from VOUCH_PASSPHRASE, else prompted on a terminal.\nexit codes: 0 signed, 1 the pack does not verify (not signed), 2 usage error, 3 pack unreadable, 4 not signed (wrong passphrase, write refused, ...); the pack is unchanged on any non-zero exit'
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

  const answersFile = resolve(io.cwd, checklistPath)
  let parsed: { entries: ReturnType<typeof entriesFromAnswers>['entries']; comment?: string }
  try {
    parsed = entriesFromAnswers(toPlain(parseStrictJson(await readFile(answersFile, 'utf8'))))
  } catch (e) {
    const msg = e instanceof ChecklistError || e instanceof Error ? e.message : String(e)
    throw new UsageError(`checklist ${answersFile}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : msg}`)
  }
  if (decision === 'approve') {
    const noes = parsed.entries.filter((e) => e.answer === 'no').map((e) => e.id)
    if (noes.length > 0) throw new UsageError(`an approval needs every item answered yes or n/a; answered "no": ${noes.join(', ')} (fix them, or sign with --decision reject)`)
  }

  try {
    const k = await loadKeyFile(resolve(io.cwd, keyPath), await readPassphrase(io, keyPath, false))
    const role = flagString(args, 'role') ?? k.role
    const r = await signPackOnDisk(location, k, parsed.entries, { role, decision, comment: flagString(args, 'comment') ?? parsed.comment })
    io.out(`Signed ${r.report.pack.name}@${r.report.pack.version} as ${role} (${decision}) with ${k.name} ${shortFingerprint(r.created.fingerprint)}\n  wrote ${r.path}\n`)
    // Through a symbolic link: say which file changed (the link itself did not).
    if (r.written !== location) io.out(`  signed ${r.written} (${args.positionals[0] as string} links to it)\n`)
    if (trust) for (const l of assessmentLines(assessSignoffs(r.report, trust))) io.out(`  ${l.replace('\t', '  ')}\n`)
    return EXIT.ok
  } catch (e) {
    if (e instanceof KeyFileError) {
      io.err(`vouch sign: ${e.message} [${e.code}]; the pack was not changed\n`)
      return EXIT.error
    }
    if (e instanceof PackReadError) {
      io.err(`vouch sign: cannot read ${e.path || location}: ${e.message} [${e.code}]\n`)
      return EXIT.unreadable
    }
    if (e instanceof SignError) {
      // not-embedded: the write went through but reading it back disagrees; say so, do not claim "unchanged".
      const tail = e.code === 'not-embedded' ? 'check the pack with vouch verify' : 'the pack was not changed'
      io.err(`vouch sign: ${e.message} [${e.code}]; ${tail}\n`)
      return e.code === 'pack-not-verified' ? EXIT.failed : EXIT.error
    }
    if (e instanceof PackWriteError) {
      io.err(`vouch sign: could not write ${e.path}: ${e.message} [${e.code}]; the original is unchanged\n`)
      return EXIT.error
    }
    throw e
  }
}
