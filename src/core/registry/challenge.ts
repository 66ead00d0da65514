/**
 * WWW-Authenticate (RFC 9110 section 11.6.1): one header may carry several challenges, each a scheme
 * and comma-separated auth-params whose values are tokens or quoted strings (with \-escapes).
 * Registries use `Basic realm="..."` and `Bearer realm="...",service="...",scope="..."`.
 */

export interface Challenge {
  /** Lowercase, e.g. "basic", "bearer". */
  readonly scheme: string
  /** Parameter names lowercased. */
  readonly params: Readonly<Record<string, string>>
}

const TOKEN = /[!#$%&'*+.^_`|~0-9A-Za-z-]/

export function parseChallenges(header: string): Challenge[] {
  const out: { scheme: string; params: Record<string, string> }[] = []
  let i = 0
  const n = header.length
  const ws = (): void => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++
  }
  const token = (): string => {
    const s = i
    while (i < n && TOKEN.test(header[i] as string)) i++
    return header.slice(s, i)
  }
  const quoted = (): string | undefined => {
    if (header[i] !== '"') return undefined
    i++
    let v = ''
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++
      v += header[i]
      i++
    }
    if (header[i] !== '"') return undefined
    i++
    return v
  }
  while (i < n) {
    ws()
    if (header[i] === ',') {
      i++
      continue
    }
    const scheme = token()
    if (scheme === '') break
    const current = { scheme: scheme.toLowerCase(), params: {} as Record<string, string> }
    out.push(current)
    // auth-params until the next token that is not followed by '=' (the next scheme)
    for (;;) {
      ws()
      const save = i
      const name = token()
      if (name === '') {
        if (header[i] === ',') {
          i++
          continue
        }
        break
      }
      ws()
      if (header[i] !== '=') {
        i = save // a new scheme (or a token68, which registries do not use)
        break
      }
      i++
      ws()
      const value = quoted() ?? token()
      current.params[name.toLowerCase()] = value
      ws()
      if (header[i] === ',') i++
    }
  }
  return out
}

/** Bearer first (it carries the token service), else Basic; undefined when neither is offered. */
export function pickChallenge(challenges: readonly Challenge[]): Challenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic')
}
