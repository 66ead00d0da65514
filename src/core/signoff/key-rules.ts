/**
 * The rules a key's name, role and passphrase follow, in one pure module: the key store (keys-node)
 * enforces them, the CLI and the app state them before anyone types (so a disabled button can say why).
 */

/** Signer names: no spaces, so trust-file and .pub lines stay one token each (e.g. "ana.ruiz@bank.example"). */
export const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}$/
/** Roles: kebab-case words (engineer, owner, validator, ...). */
export const ROLE_RE = /^[a-z][a-z0-9-]{0,31}$/
/** The shortest passphrase a private key file is sealed with. */
export const MIN_PASSPHRASE = 8

export const NAME_RULE = 'letters, digits and . _ @ + - (starting with a letter or digit), no spaces, at most 128 characters'
export const ROLE_RULE = 'lowercase letters, digits and -, starting with a letter (e.g. engineer, owner)'
export const PASSPHRASE_RULE = `at least ${MIN_PASSPHRASE} characters`

/** Why a proposed name is refused, in words; undefined when it is fine. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'enter your name'
  if (/\s/.test(name)) return 'a name cannot contain spaces (use . or _ instead)'
  return NAME_RE.test(name) ? undefined : `a name uses ${NAME_RULE}`
}

export function roleProblem(role: string): string | undefined {
  if (role === '') return 'enter a role'
  return ROLE_RE.test(role) ? undefined : `a role uses ${ROLE_RULE}`
}

export function passphraseProblem(passphrase: string, again?: string): string | undefined {
  if (passphrase.length < MIN_PASSPHRASE) return `the passphrase needs ${PASSPHRASE_RULE} (${passphrase.length} so far)`
  if (again !== undefined && again !== passphrase) return 'the two passphrases differ'
  return undefined
}
