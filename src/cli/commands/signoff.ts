/**
 * `vouch signoff checklist [--template <name>] [--out <file>]`: print the checklist (with a template's
 * domain items) as a JSON answers file to fill in.
 * Also loadTrustFile, shared by the commands that take `--trust <file>`.
 */
import { open, readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command } from '../command'
import { loadTemplate, TemplateError } from '../../core/build/template-data'
import { blankAnswers, DEFAULT_CHECKLIST } from '../../core/signoff/checklist'
import { parseTrustFile, TrustFileError, type TrustFile } from '../../core/signoff/trust'

const checklistSpec: CommandSpec = {
  name: 'signoff checklist',
  synopsis: '[--template <name>] [--out <file>]',
  description: 'Print the sign-off checklist as a JSON answers file. Fill in every "answer" (yes, no or n/a;\n"no" and "n/a" need a note), optionally add your team\'s items, then pass it to vouch sign --checklist.',
  positionals: [],
  flags: [
    { name: 'out', short: 'o', kind: 'string', placeholder: '<file>', description: 'write to this file (never overwrites) instead of stdout' },
    { name: 'template', short: 't', kind: 'string', placeholder: '<name>', description: 'add the domain items of a vouch init template (vouch init --list-templates)' }
  ],
  examples: ['vouch signoff checklist > answers.json', 'vouch signoff checklist --template llm-eval --out answers.json']
}

export const signoff: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out('usage: vouch signoff checklist [--template <name>] [--out <file>]\n\nSee also: vouch sign, vouch key, vouch verify --trust. Docs: docs/cli.md\n')
    return sub === undefined ? EXIT.usage : EXIT.ok
  }
  if (sub !== 'checklist') throw new UsageError(`unknown sub-command '${sub}' (checklist)`)
  const args = parseArgs(checklistSpec, rest)
  if (args.help) {
    io.out(helpText(checklistSpec))
    return EXIT.ok
  }
  const templateName = flagString(args, 'template')
  let items = DEFAULT_CHECKLIST
  if (templateName !== undefined) {
    try {
      items = [...DEFAULT_CHECKLIST, ...(await loadTemplate(templateName)).template.checklist]
    } catch (e) {
      if (e instanceof TemplateError && e.code === 'unknown-template') throw new UsageError(e.message)
      throw e
    }
  }
  const text = `${JSON.stringify(blankAnswers(items), null, 2)}\n`
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
