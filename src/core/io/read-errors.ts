import { PackReadError } from './reader'

/** A file-system error on the container itself, as the typed error the CLI maps to exit 3. */
export function toPackReadError(e: unknown, abs: string): PackReadError {
  if (e instanceof PackReadError) return e
  const code = (e as { code?: string }).code
  if (code === 'ENOENT' || code === 'ENOTDIR') return new PackReadError('not-found', abs, `Nothing at ${abs}.`)
  if (code === 'EACCES' || code === 'EPERM') return new PackReadError('unreadable', abs, `${abs} cannot be read: permission denied.`)
  return new PackReadError('unreadable', abs, `${abs} cannot be read (${code ?? 'I/O error'}).`)
}

/** True for Node file-system errors (they carry an errno code such as ENOENT or EIO). */
export function isFsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | undefined)?.code
  return typeof code === 'string' && /^E[A-Z]+$/.test(code)
}
