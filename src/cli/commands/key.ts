/**
 * `vouch key new --name <n> --role <r> --out <path>`: create an encrypted ed25519 key and <path>.pub.
 * `vouch key show <path.pub|key file>`: print the fingerprint and a trust-file line.
 * The passphrase comes from VOUCH_PASSPHRASE (automation) or a no-echo prompt on a terminal.
 */
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { flagString, helpText, parseArgs, type CommandSpec } from '../args'
import { EXIT, UsageError, type CliIO, type Command } from '../command'
import { decodeBase64 } from '../../core/signoff/base64'
import { fingerprint, formatPublicKeyLine, KeyFormatError, parsePublicKeyFile, shortFingerprint } from '../../core/signoff/keys'
import { createKeyFiles, KEY_FILE_TYPE, KeyFileError, MIN_PASSPHRASE, upgradeKeyFile } from '../../core/signoff/keys-node'
import { formatTrustLine } from '../../core/signoff/trust'
import { safeText } from '../format/findings'

const newSpec: CommandSpec = {
  name: 'key new',
  synopsis: '--name <name> --role <role> --out <path>',
  description: 'Create an ed25519 signing key: <path> (private, encrypted with your passphrase) and <path>.pub.\nExisting files are never overwritten.',
  positionals: [],
  flags: [
    { name: 'name', kind: 'string', placeholder: '<name>', description: 'signer name, no spaces (e.g. ana.ruiz@bank.example)' },
    { name: 'role', kind: 'string', placeholder: '<role>', description: 'role the key is meant for (e.g. engineer, owner)' },
    { name: 'out', short: 'o', kind: 'string', placeholder: '<path>', description: 'private key file to create (<path>.pub is written beside it)' }
  ],
  examples: ['vouch key new --name ana.ruiz --role engineer --out ~/.vouch/ana.key', 'VOUCH_PASSPHRASE=... vouch key new --name ci-bot --role engineer --out ci.key'],
  notes: `The passphrase (at least ${MIN_PASSPHRASE} characters) is read from VOUCH_PASSPHRASE, else prompted twice on a terminal.\nexit codes: 0 created, 2 usage error, 4 not created (file exists, weak passphrase, ...)`
}

const showSpec: CommandSpec = {
  name: 'key show',
  synopsis: '<path.pub | key file>',
  description: 'Print a key\'s name, fingerprint (ed25519: + hex SHA-256 of the raw public key) and a trust-file line.',
  positionals: ['key'],
  flags: [],
  examples: ['vouch key show ana.key.pub']
}

const upgradeSpec: CommandSpec = {
  name: 'key upgrade',
  synopsis: '<key file>',
  description:
    'Rewrite a version 1 private key file as version 2, which binds the name and role to the encryption\n' +
    '(an edit is then refused). Same key, same fingerprint: trust files and earlier sign-offs stay valid.\n' +
    'The new file is written beside the old one, checked, then renamed over it. A version 2 file is left as it is.',
  positionals: ['key'],
  flags: [],
  examples: ['vouch key upgrade ~/.vouch/ana.key'],
  notes: 'The passphrase is read from VOUCH_PASSPHRASE, else prompted on a terminal.\nexit codes: 0 upgraded (or already version 2), 2 usage error, 4 not upgraded (wrong passphrase, ...; the file is unchanged)'
}

/** VOUCH_PASSPHRASE first (automation), else the terminal prompt; never echoed, never logged. */
export async function readPassphrase(io: CliIO, what: string, confirm: boolean): Promise<string> {
  const env = io.env.VOUCH_PASSPHRASE
  if (env !== undefined && env !== '') return env
  if (!io.promptSecret) throw new UsageError('no passphrase: set VOUCH_PASSPHRASE or run on a terminal')
  const p = await io.promptSecret(`Passphrase for ${what}: `)
  if (confirm) {
    const again = await io.promptSecret('Repeat the passphrase: ')
    if (again !== p) throw new UsageError('the passphrases do not match')
  }
  return p
}

export const key: Command = async (argv, io) => {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === '--help' || sub === '-h') {
    io.out(
      `usage: vouch key new --name <name> --role <role> --out <path>\n       vouch key show <path.pub | key file>\n       vouch key upgrade <key file>\n\n` +
        `Run 'vouch key <sub-command> --help' for options. Docs: docs/cli.md\n`
    )
    return sub === undefined ? EXIT.usage : EXIT.ok
  }
  if (sub === 'new') return keyNew(rest, io)
  if (sub === 'show') return keyShow(rest, io)
  if (sub === 'upgrade') return keyUpgrade(rest, io)
  throw new UsageError(`unknown sub-command '${sub}' (new, show, upgrade)`)
}

async function keyUpgrade(argv: readonly string[], io: CliIO): Promise<(typeof EXIT)[keyof typeof EXIT]> {
  const args = parseArgs(upgradeSpec, argv)
  if (args.help) {
    io.out(helpText(upgradeSpec))
    return EXIT.ok
  }
  const path = resolve(io.cwd, args.positionals[0] as string)
  try {
    const r = await upgradeKeyFile(path, await readPassphrase(io, path, false))
    io.out(
      r.upgraded
        ? `Upgraded ${safeText(path)} to version 2: name ${r.name} and role ${r.role} are now bound to the key\n  fingerprint  ${r.fingerprint} (unchanged)\n`
        : `${safeText(path)} is already version 2 (name ${r.name}, role ${r.role}); nothing was changed\n`
    )
    return EXIT.ok
  } catch (e) {
    if (e instanceof KeyFileError) {
      io.err(`vouch key upgrade: ${safeText(e.message)} [${e.code}]; the file is unchanged\n`)
      return EXIT.error
    }
    throw e
  }
}

async function keyNew(argv: readonly string[], io: CliIO): Promise<(typeof EXIT)[keyof typeof EXIT]> {
  const args = parseArgs(newSpec, argv)
  if (args.help) {
    io.out(helpText(newSpec))
    return EXIT.ok
  }
  const name = flagString(args, 'name')
  const role = flagString(args, 'role')
  const out = flagString(args, 'out')
  if (!name || !role || !out) throw new UsageError('--name, --role and --out are required')
  const path = resolve(io.cwd, out)
  const passphrase = await readPassphrase(io, `the new key ${path}`, true)
  try {
    const k = await createKeyFiles({ out: path, name, role, passphrase })
    io.out(
      `Created ${safeText(k.keyPath)} (private, encrypted) and ${safeText(k.pubPath)}\n` +
        `  fingerprint  ${k.fingerprint}\n` +
        `  trust line   ${formatTrustLine(name, [role], k.publicKey)}\n` +
        'Give the .pub file (or the trust line) to whoever keeps the trust file. Never share the private key file.\n'
    )
    return EXIT.ok
  } catch (e) {
    if (e instanceof KeyFileError) {
      io.err(`vouch key new: ${safeText(e.message)} [${e.code}]\n`)
      return EXIT.error
    }
    throw e
  }
}

async function keyShow(argv: readonly string[], io: CliIO): Promise<(typeof EXIT)[keyof typeof EXIT]> {
  const args = parseArgs(showSpec, argv)
  if (args.help) {
    io.out(helpText(showSpec))
    return EXIT.ok
  }
  const path = resolve(io.cwd, args.positionals[0] as string)
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (e) {
    io.err(`vouch key show: cannot read ${safeText(path)} (${(e as NodeJS.ErrnoException).code ?? 'error'})\n`)
    return EXIT.error
  }
  try {
    let name: string, publicKey: Uint8Array, role: string | undefined
    if (text.includes(KEY_FILE_TYPE)) {
      // A private key file: its public half is in clear; no passphrase needed to show it.
      const j = JSON.parse(text) as { name?: unknown; role?: unknown; publicKey?: unknown }
      if (typeof j.name !== 'string' || typeof j.publicKey !== 'string') throw new KeyFormatError('key file without name or publicKey')
      name = j.name
      role = typeof j.role === 'string' ? j.role : undefined
      publicKey = decodeBase64(j.publicKey)
    } else {
      const p = parsePublicKeyFile(text)
      name = p.name
      publicKey = p.publicKey
    }
    const fp = fingerprint(publicKey)
    // A key file is input like a pack: its name and role are shown escaped (a .pub line is checked, a key file's clear half is not).
    io.out(
      `${safeText(name)}\n  fingerprint  ${fp}\n  short        ${shortFingerprint(fp)}\n  public key   ${safeText(formatPublicKeyLine(publicKey, name))}\n` +
        `  trust line   ${safeText(formatTrustLine(name, [role ?? '<role>'], publicKey))}\n`
    )
    return EXIT.ok
  } catch (e) {
    io.err(`vouch key show: ${safeText(path)}: ${safeText(e instanceof Error ? e.message : String(e))}\n`)
    return EXIT.error
  }
}
