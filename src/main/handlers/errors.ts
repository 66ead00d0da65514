/** Every failure crossing the boundary becomes an ApiError: a code, one line, maybe a path. */
import type { ApiError } from '../../shared/contract'
import { CancelledError, PackReadError } from '../../core/io/reader'
import { HandlerError } from './types'

export function toApiError(e: unknown): ApiError {
  if (e instanceof HandlerError) return withPath(e.code, e.message, e.path)
  if (e instanceof PackReadError) {
    const base = withPath(e.code || 'unreadable', e.message, e.path || undefined)
    return { ...base, ...(e.reason === undefined ? {} : { reason: e.reason }), ...(e.hint === undefined ? {} : { hint: e.hint }) }
  }
  if (e instanceof CancelledError) return { code: 'cancelled', message: 'cancelled' }
  // Core modules may throw their own typed errors carrying a code (e.g. a write or key error).
  // Core's typed errors without a code field: known by name, reported as a problem with the input.
  const byName = e instanceof Error ? NAMED_ERRORS[e.name] : undefined
  if (byName && e instanceof Error) return { code: byName, message: firstLine(e.message) }
  const coded = e instanceof Error ? (e as Error & { code?: unknown; path?: unknown }) : undefined
  if (coded && typeof coded.code === 'string' && !isNodeSystemCode(coded.code)) {
    return withPath(coded.code, coded.message, typeof coded.path === 'string' ? coded.path : undefined)
  }
  if (coded && isNodeSystemCode(coded.code)) {
    const sys = e as NodeJS.ErrnoException
    return withPath(sys.code === 'ENOENT' ? 'not-found' : 'unreadable', systemMessage(sys), sys.path)
  }
  return { code: 'internal', message: `unexpected problem: ${firstLine(e instanceof Error ? e.message : String(e))}` }
}

const NAMED_ERRORS: Readonly<Record<string, string>> = {
  KeyFormatError: 'invalid-key',
  ChecklistError: 'invalid-checklist',
  TrustFileError: 'invalid-trust',
  Base64Error: 'invalid-key',
  FontError: 'fonts-missing'
}

function withPath(code: string, message: string, path: string | undefined): ApiError {
  return path === undefined ? { code, message: firstLine(message) } : { code, message: firstLine(message), path }
}

function firstLine(s: string): string {
  const line = s.split('\n', 1)[0] ?? ''
  return line.length > 500 ? `${line.slice(0, 500)}…` : line
}

function isNodeSystemCode(code: unknown): boolean {
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}

function systemMessage(e: NodeJS.ErrnoException): string {
  const where = e.path ? ` (${e.path})` : ''
  switch (e.code) {
    case 'ENOENT':
      return `not found${where}`
    case 'EACCES':
    case 'EPERM':
      return `permission denied${where}`
    case 'ENOSPC':
      return `the disk is full${where}`
    case 'EROFS':
      return `read-only file system${where}`
    default:
      return `${e.code ?? 'error'}${where}`
  }
}
