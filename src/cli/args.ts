/**
 * The one small argument parser every `vouch` command uses, so that flags behave the same way
 * everywhere: `--flag value`, `--flag=value`, `-o value`, `--` ends the flags, `-h`/`--help`
 * prints the command's help, and any unknown flag or missing value is a UsageError (exit 2).
 */
import { UsageError } from './command'

export interface FlagSpec {
  /** Long name without dashes, e.g. "json". */
  readonly name: string
  /** One letter, without the dash, e.g. "o". */
  readonly short?: string
  readonly kind: 'boolean' | 'string'
  /** A string flag may be given several times (values collected in order). */
  readonly repeatable?: boolean
  /** When set, the value must be one of these. */
  readonly choices?: readonly string[]
  /** Shown in help, e.g. "<file>". */
  readonly placeholder?: string
  readonly description: string
}

export interface CommandSpec {
  readonly name: string
  /** e.g. "<dir> [--template tabular|vision|nlp]" */
  readonly synopsis: string
  readonly description: string
  /** Names of the positional arguments, in order; optional ones in `optional`. */
  readonly positionals: readonly string[]
  readonly optionalPositionals?: readonly string[]
  readonly flags: readonly FlagSpec[]
  readonly examples?: readonly string[]
  /** Extra help text (exit codes, notes), printed last. */
  readonly notes?: string
}

export interface ParsedArgs {
  readonly help: boolean
  readonly positionals: readonly string[]
  readonly flags: Readonly<Record<string, string | boolean | readonly string[] | undefined>>
}

export function parseArgs(spec: CommandSpec, argv: readonly string[]): ParsedArgs {
  const byLong = new Map(spec.flags.map((f) => [f.name, f]))
  const byShort = new Map(spec.flags.filter((f) => f.short).map((f) => [f.short as string, f]))
  const flags: Record<string, string | boolean | string[]> = {}
  const positionals: string[] = []
  let help = false
  let endOfFlags = false

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (endOfFlags || arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg)
      continue
    }
    if (arg === '--') {
      endOfFlags = true
      continue
    }
    if (arg === '-h' || arg === '--help') {
      help = true
      continue
    }
    let spec_: FlagSpec | undefined
    let inline: string | undefined
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq)
      inline = eq === -1 ? undefined : arg.slice(eq + 1)
      spec_ = byLong.get(name)
    } else if (arg.length === 2) {
      spec_ = byShort.get(arg.slice(1))
    }
    if (!spec_) throw new UsageError(`unknown option '${arg}'`)
    const label = `--${spec_.name}`
    if (spec_.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option '${label}' takes no value`)
      if (flags[spec_.name] !== undefined) throw new UsageError(`option '${label}' given twice`)
      flags[spec_.name] = true
      continue
    }
    let value = inline
    if (value === undefined) {
      const next = argv[i + 1]
      if (next === undefined || (next.startsWith('-') && next !== '-')) {
        throw new UsageError(`option '${label}' needs a value${spec_.placeholder ? ` ${spec_.placeholder}` : ''}`)
      }
      value = next
      i++
    }
    if (value === '') throw new UsageError(`option '${label}' needs a non-empty value`)
    if (spec_.choices && !spec_.choices.includes(value)) {
      throw new UsageError(`option '${label}' must be one of ${spec_.choices.join(', ')} (got '${value}')`)
    }
    const prev = flags[spec_.name]
    if (spec_.repeatable) {
      flags[spec_.name] = [...(Array.isArray(prev) ? prev : []), value]
    } else {
      if (prev !== undefined) throw new UsageError(`option '${label}' given twice`)
      flags[spec_.name] = value
    }
  }

  if (!help) {
    const optional = spec.optionalPositionals ?? []
    const min = spec.positionals.length
    const max = min + optional.length
    if (positionals.length < min) {
      const missing = spec.positionals.slice(positionals.length).map((p) => `<${p}>`)
      throw new UsageError(`missing ${missing.join(' ')}`)
    }
    if (positionals.length > max) {
      throw new UsageError(`unexpected argument '${positionals[max] as string}'`)
    }
  }
  return { help, positionals, flags }
}

export function flagString(args: ParsedArgs, name: string): string | undefined {
  const v = args.flags[name]
  return typeof v === 'string' ? v : undefined
}

export function flagBool(args: ParsedArgs, name: string): boolean {
  return args.flags[name] === true
}

export function flagList(args: ParsedArgs, name: string): readonly string[] {
  const v = args.flags[name]
  return Array.isArray(v) ? v : typeof v === 'string' ? [v] : []
}

export function helpText(spec: CommandSpec): string {
  const lines: string[] = [`usage: vouch ${spec.name} ${spec.synopsis}`, '', spec.description, '']
  const rows: [string, string][] = spec.flags.map((f) => {
    const left = `${f.short ? `-${f.short}, ` : '    '}--${f.name}${f.kind === 'string' ? ` ${f.placeholder ?? '<value>'}` : ''}`
    const choices = f.choices ? ` (${f.choices.join('|')})` : ''
    const rep = f.repeatable ? ' (repeatable)' : ''
    return [left, `${f.description}${choices}${rep}`]
  })
  rows.push(['-h, --help', 'show this help'])
  const width = Math.max(...rows.map(([l]) => l.length))
  lines.push('options:')
  for (const [l, r] of rows) lines.push(`  ${l.padEnd(width)}  ${r}`)
  if (spec.examples && spec.examples.length > 0) {
    lines.push('', 'examples:')
    for (const e of spec.examples) lines.push(`  ${e}`)
  }
  if (spec.notes) lines.push('', spec.notes.trimEnd())
  lines.push('', 'Docs: docs/cli.md', '')
  return lines.join('\n')
}
