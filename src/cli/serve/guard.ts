/**
 * Who may talk to the loopback host. It binds 127.0.0.1 only, and still every request must:
 * name this host in Host (defeats DNS rebinding), come from no other origin (Origin and
 * Sec-Fetch-Site: defeats cross-site requests from other pages), and carry the token printed at
 * start (defeats other local users and processes that cannot read our terminal).
 */
import { timingSafeEqual } from 'node:crypto'
import type { IncomingMessage } from 'node:http'

/** Cookies ignore ports: two hosts on one machine must not overwrite each other's token. */
export const tokenCookieName = (port: number): string => `vouch_token_${port}`

export type GuardResult =
  | { readonly ok: true; readonly viaQuery: boolean }
  | { readonly ok: false; readonly status: 401 | 403 | 421; readonly reason: string }

export function allowedHosts(port: number): readonly string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

export function checkRequest(req: IncomingMessage, url: URL, port: number, token: string): GuardResult {
  const host = (req.headers.host ?? '').toLowerCase()
  if (!allowedHosts(port).includes(host)) return { ok: false, status: 421, reason: 'foreign Host header' }
  const origin = req.headers.origin
  if (origin !== undefined && !allowedHosts(port).some((h) => origin.toLowerCase() === `http://${h}`)) {
    return { ok: false, status: 403, reason: 'foreign Origin header' }
  }
  const site = req.headers['sec-fetch-site']
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return { ok: false, status: 403, reason: 'cross-site request' }
  const fromQuery = url.searchParams.get('token')
  if (fromQuery !== null && sameToken(fromQuery, token)) return { ok: true, viaQuery: true }
  const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1]
  if (bearer !== undefined && sameToken(bearer, token)) return { ok: true, viaQuery: false }
  const cookie = readCookie(req.headers.cookie, tokenCookieName(port))
  if (cookie !== undefined && sameToken(cookie, token)) return { ok: true, viaQuery: false }
  return { ok: false, status: 401, reason: fromQuery !== null || bearer !== undefined || cookie !== undefined ? 'wrong token' : 'missing token' }
}

/** The cookie set after the first tokened request: not readable by scripts, never sent cross-site. */
export function tokenCookie(token: string, port: number): string {
  return `${tokenCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined
  for (const part of header.split(';')) {
    const i = part.indexOf('=')
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim()
  }
  return undefined
}
