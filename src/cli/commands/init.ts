/**
 * `vouch init <dir> [--template <name>]` writes a template's pack skeleton (resources/templates)
 * into a new or empty folder and says what to fill in; `vouch init --list-templates` says what
 * each template is for.
 */
import { resolve } from 'node:path'
import { flagBool, flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type Command, type CliIO } from '../command'
import { initPack } from '../../core/build/init'
import { DEFAULT_TEMPLATE, listTemplates, TemplateError, type PackTemplate } from '../../core/build/template-data'
import { PackWriteError } from '../../core/build/types'
import { safeText } from '../format/findings'

export const INIT_SPEC: CommandSpec = {
  name: 'init',
  synopsis: '<dir> [--template <name>] | --list-templates',
  description:
    'Create a pack skeleton in <dir> (created if absent; refused if not empty) from a template: the\n' +
    'evidence files of its domain (metrics with their recompute definitions, suggested slices, risks,\n' +
    'monitoring, guardrails, traceability) with null wherever a value must be filled in, and the\n' +
    'predictions descriptor. --list-templates says what each template is for.',
  positionals: [],
  optionalPositionals: ['dir'],
  flags: [
    { name: 'template', short: 't', kind: 'string', placeholder: '<name>', description: `which template (default ${DEFAULT_TEMPLATE}; see --list-templates)` },
    { name: 'list-templates', kind: 'boolean', description: 'list the templates and what each is for, then exit' }
  ],
  examples: ['vouch init --list-templates', 'vouch init my-model-1.0.0', 'vouch init support-bot-2.0.0 --template llm-eval'],
  notes: 'exit codes: 0 written (or listed), 2 usage error (unknown template), 4 the folder exists and is not empty (nothing written)'
}

function wrap(text: string, indent: string, width = 96): string {
  const lines: string[] = []
  let line = ''
  for (const w of text.split(/\s+/)) {
    if (line && line.length + 1 + w.length > width - indent.length) {
      lines.push(line)
      line = w
    } else line = line ? `${line} ${w}` : w
  }
  if (line) lines.push(line)
  return lines.map((l) => indent + l).join('\n')
}

function listing(all: readonly PackTemplate[]): string {
  const width = Math.max(...all.map((t) => t.name.length))
  return all
    .map((t) => {
      const aka = [t.name === DEFAULT_TEMPLATE ? 'default' : '', ...t.aliases.map((a) => `alias ${a}`)].filter(Boolean)
      return `${t.name.padEnd(width)}  ${t.title}${aka.length ? ` (${aka.join(', ')})` : ''}\n${wrap(t.purpose, ' '.repeat(width + 2))}\n`
    })
    .join('\n')
}

function nextSteps(io: CliIO, t: PackTemplate, dirArg: string): void {
  const own = t.blanks.filter((b) => !b.claim)
  const claims = t.blanks.filter((b) => b.claim)
  io.out(`\n${t.blanks.length} values to fill in (null in the files). ${own.length} describe the release:\n`)
  const w = Math.max(...own.map((b) => `${b.path} ${b.pointer}`.length))
  for (const b of own) io.out(`  ${`${b.path} ${b.pointer}`.padEnd(w)}  ${b.hint}${b.example !== undefined ? ` (e.g. ${JSON.stringify(b.example)})` : ''}\n`)
  const byFile = new Map<string, number>()
  for (const b of claims) byFile.set(b.path, (byFile.get(b.path) ?? 0) + 1)
  io.out(`and ${claims.length} are figures your evaluation computed (values, sample sizes, interval bounds), which vouch verify recomputes from the predictions:\n`)
  for (const [p, n] of byFile) io.out(`  ${p}: ${n}\n`)
  io.out('\nWrite the predictions the descriptor (data/evaluation/predictions.json) declares:\n')
  for (const p of t.predictions) io.out(`  ${p.path} (${p.dataset}/${p.split}), columns: ${p.columns.map((c) => `${c.name} (${c.meaning}${c.values ? `: ${c.values.join(' | ')}` : ''})`).join('; ')}\n`)
  if (t.checklist.length) io.out(`\nSign-off checklist with this domain's ${t.checklist.length} items: vouch signoff checklist --template ${t.name} --out answers.json\n`)
  io.out(`\nNext: fill in the values, write the predictions, then run 'vouch build ${safeText(dirArg)}' and 'vouch verify ${safeText(dirArg)}'.\n`)
}

export const init: Command = async (argv, io) => {
  const parsed = parseArgs(INIT_SPEC, argv)
  if (parsed.help) {
    io.out(helpText(INIT_SPEC))
    return EXIT.ok
  }
  try {
    if (flagBool(parsed, 'list-templates')) {
      io.out(listing(await listTemplates()))
      return EXIT.ok
    }
    const dirArg = parsed.positionals[0]
    if (dirArg === undefined) throw new UsageError('missing <dir> (or --list-templates)')
    const dir = resolve(io.cwd, dirArg)
    const r = await initPack(dir, flagString(parsed, 'template') ?? DEFAULT_TEMPLATE)
    io.out(`Created a ${r.template.name} pack skeleton in ${safeText(dir)} (${r.written.length} files): ${r.template.title}.\n`)
    for (const f of r.written) io.out(`  ${f}\n`)
    nextSteps(io, r.template, dirArg)
    return EXIT.ok
  } catch (e) {
    if (e instanceof TemplateError && e.code === 'unknown-template') throw new UsageError(e.message)
    if (e instanceof TemplateError) {
      io.err(`vouch init: ${safeText(e.message)} [${e.code}]; nothing was written\n`)
      return EXIT.error
    }
    if (e instanceof PackWriteError) {
      io.err(`vouch init: ${safeText(e.message)} (${safeText(e.path)}) [${e.code}]; nothing was written\n`)
      return EXIT.error
    }
    throw e
  }
}
