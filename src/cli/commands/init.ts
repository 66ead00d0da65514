/**
 * `vouch init <dir> [--template tabular|vision|nlp]`: writes a pack skeleton (every evidence file,
 * filled with examples of the right shape) into a new or empty folder.
 */
import { resolve } from 'node:path'
import { flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, type Command } from '../command'
import { initPack } from '../../core/build/init'
import { PackWriteError, type Template } from '../../core/build/types'
import { safeText } from '../format/findings'

export const INIT_SPEC: CommandSpec = {
  name: 'init',
  synopsis: '<dir> [--template tabular|vision|nlp]',
  description:
    'Create a pack skeleton in <dir> (created if absent; refused if not empty): data/pack.json,\n' +
    'evaluation/, risk/, monitoring/, policy/ and traceability.json with example content to replace.',
  positionals: ['dir'],
  flags: [
    {
      name: 'template',
      short: 't',
      kind: 'string',
      placeholder: '<name>',
      choices: ['tabular', 'vision', 'nlp'],
      description: 'which example content to start from (default tabular)'
    }
  ],
  examples: ['vouch init my-model-1.0.0', 'vouch init ocr-pack --template vision'],
  notes: 'exit codes: 0 written, 2 usage error, 4 the folder exists and is not empty (nothing written)'
}

export const init: Command = async (argv, io) => {
  const args = parseArgs(INIT_SPEC, argv)
  if (args.help) {
    io.out(helpText(INIT_SPEC))
    return EXIT.ok
  }
  const dir = resolve(io.cwd, args.positionals[0] as string)
  const template = (flagString(args, 'template') ?? 'tabular') as Template
  try {
    const written = await initPack(dir, template)
    io.out(`Created a ${template} pack skeleton in ${safeText(dir)} (${written.length} files).\n`)
    for (const f of written) io.out(`  ${f}\n`)
    io.out(`\nNext: replace the example values in data/, then run 'vouch build ${safeText(args.positionals[0] as string)}'.\n`)
    return EXIT.ok
  } catch (e) {
    if (e instanceof PackWriteError) {
      io.err(`vouch init: ${safeText(e.message)} (${safeText(e.path)}) [${e.code}]; nothing was written\n`)
      return EXIT.error
    }
    throw e
  }
}
