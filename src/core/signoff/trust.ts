/**
 * The trust file, in the spirit of OpenSSH allowed_signers (ssh-keygen(1) ALLOWED SIGNERS):
 *
 *   # comment
 *   <name> roles=<role,...> [valid-after=<time>] [valid-before=<time>] [revoked] ed25519 <base64>
 *   @revoked ed25519 <base64> [comment]
 *
 * <time> is YYYYMMDD[HHMM[SS]] with an optional Z, always UTC (SSH's local-time reading would make
 * a verdict depend on the verifier's time zone). A key is revoked by the `revoked` option on its
 * line or by an `@revoked` line anywhere in the file; a revoked key counts for nothing, whatever the
 * signing time (a compromised key can backdate). Parsing fails closed: one bad line rejects the file.
 *
 * A name is one person: the four-eyes rule counts people by name. Several lines may carry the same
 * name (one person's keys, e.g. across a rotation), spelled the same way; two names that differ
 * only in case (ana.ruiz, Ana.Ruiz) would count as two people, so such a file is refused, naming
 * both lines.
 */
import { encodeBase64 } from './base64'
import { decodePublicKey, fingerprint, KeyFormatError, NAME_RE, ROLE_RE } from './keys'

export interface TrustEntry {
  readonly name: string
  readonly roles: readonly string[]
  readonly publicKey: Uint8Array
  readonly fingerprint: string
  /** Epoch ms; the key is valid for signing times >= validAfter. */
  readonly validAfter?: number
  /** Epoch ms; the key is valid for signing times < validBefore. */
  readonly validBefore?: number
  readonly revoked: boolean
  readonly line: number
}

export interface TrustFile {
  readonly entries: readonly TrustEntry[]
  /** Fingerprints revoked by `@revoked` lines or `revoked` options. */
  readonly revoked: ReadonlySet<string>
}

export interface TrustProblem {
  readonly line: number
  readonly message: string
}

export class TrustFileError extends Error {
  constructor(readonly problems: readonly TrustProblem[]) {
    super(problems.map((p) => `line ${p.line}: ${p.message}`).join('; '))
    this.name = 'TrustFileError'
  }
}

const TIME_RE = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?Z?$/

export function parseTrustTime(s: string): number | undefined {
  const m = TIME_RE.exec(s)
  if (!m) return undefined
  const [y, mo, d, h, mi, se] = [m[1], m[2], m[3], m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'].map(Number) as [number, number, number, number, number, number]
  const t = Date.UTC(y, mo - 1, d, h, mi, se)
  const back = new Date(t)
  // Reject impossible dates (20260231) instead of letting Date roll them over.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d || h > 23 || mi > 59 || se > 59) return undefined
  return t
}

/** Parses trust-file text, collecting every problem (for the app's editor). */
export function parseTrustFileLenient(text: string): { file: TrustFile; problems: TrustProblem[] } {
  const entries: TrustEntry[] = []
  const revoked = new Set<string>()
  const problems: TrustProblem[] = []
  /** Lower-cased name -> its first spelling and line. */
  const spellings = new Map<string, { name: string; line: number }>()
  const lines = text.split(/\r?\n/)
  lines.forEach((raw, i) => {
    const line = i + 1
    const s = raw.trim()
    if (s === '' || s.startsWith('#')) return
    const tokens = s.split(/\s+/)
    try {
      if (tokens[0] === '@revoked') {
        if (tokens[1] !== 'ed25519' || tokens[2] === undefined) throw new KeyFormatError('expected: @revoked ed25519 <base64> [comment]')
        revoked.add(fingerprint(decodePublicKey(tokens[2])))
        return
      }
      const keyAt = tokens.indexOf('ed25519')
      if (keyAt < 1) throw new KeyFormatError('expected: <name> roles=<role,...> [options] ed25519 <base64>')
      if (tokens.length !== keyAt + 2) throw new KeyFormatError('nothing may follow the base64 key')
      const name = tokens[0]!
      if (!NAME_RE.test(name)) throw new KeyFormatError(`invalid name "${name}"`)
      const first = spellings.get(name.toLowerCase())
      if (first && first.name !== name) {
        throw new KeyFormatError(`name "${name}" differs only in case from "${first.name}" on line ${first.line}: names are compared case-insensitively (one person, one spelling), or the four-eyes rule would count them as two people`)
      }
      let roles: string[] | undefined
      let validAfter: number | undefined
      let validBefore: number | undefined
      let isRevoked = false
      for (const opt of tokens.slice(1, keyAt)) {
        const eq = opt.indexOf('=')
        const k = eq < 0 ? opt : opt.slice(0, eq)
        const v = eq < 0 ? undefined : opt.slice(eq + 1)
        if (k === 'revoked' && v === undefined) isRevoked = true
        else if (k === 'roles' && v !== undefined) {
          if (roles) throw new KeyFormatError('roles= given twice')
          roles = v.split(',')
          for (const r of roles) if (!ROLE_RE.test(r)) throw new KeyFormatError(`invalid role "${r}" (kebab-case, e.g. engineer)`)
        } else if ((k === 'valid-after' || k === 'valid-before') && v !== undefined) {
          const t = parseTrustTime(v)
          if (t === undefined) throw new KeyFormatError(`${k}: "${v}" is not YYYYMMDD[HHMM[SS]][Z] (UTC)`)
          if (k === 'valid-after') validAfter = t
          else validBefore = t
        } else throw new KeyFormatError(`unknown option "${opt}" (known: roles=, valid-after=, valid-before=, revoked)`)
      }
      if (!roles || roles.length === 0) throw new KeyFormatError('roles=<role,...> is required')
      if (validAfter !== undefined && validBefore !== undefined && validAfter >= validBefore) throw new KeyFormatError('valid-after is not before valid-before')
      const publicKey = decodePublicKey(tokens[keyAt + 1]!)
      const fp = fingerprint(publicKey)
      if (entries.some((e) => e.fingerprint === fp)) throw new KeyFormatError('this key is already listed on another line (put all its roles on one line)')
      if (isRevoked) revoked.add(fp)
      if (!first) spellings.set(name.toLowerCase(), { name, line })
      entries.push({ name, roles, publicKey, fingerprint: fp, validAfter, validBefore, revoked: isRevoked, line })
    } catch (e) {
      problems.push({ line, message: e instanceof Error ? e.message : String(e) })
    }
  })
  return { file: { entries, revoked }, problems }
}

/** Parses trust-file text; throws TrustFileError listing every bad line (fail closed). */
export function parseTrustFile(text: string): TrustFile {
  const { file, problems } = parseTrustFileLenient(text)
  if (problems.length > 0) throw new TrustFileError(problems)
  return file
}

/** One trust-file line for a key (what `vouch key show` suggests). */
export function formatTrustLine(name: string, roles: readonly string[], publicKey: Uint8Array): string {
  return `${name} roles=${roles.join(',')} ed25519 ${encodeBase64(publicKey)}`
}
