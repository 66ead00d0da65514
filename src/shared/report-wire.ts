/**
 * How the HTTP transport (`vouch serve` and the page, http-transport.ts) carries a long list of
 * file records: one array per field instead of one object per file, and an expected hash equal
 * to the computed one (every intact file) as 1. A 100,000-file pack's report is 23 MB of JSON as
 * objects and 12 MB so, which the host writes and the page parses on the way to the overview.
 *
 * Lossless: unpackFiles gives back records equal to those packed, keys in the order core writes
 * them. A list it cannot say exactly (a key or a type a file record never has) stays as it was.
 * Short lists stay as they are too. Electron's IPC is not concerned (it clones objects).
 */
import type { FileRecord } from './domain'

/** Below this many files the list is sent as it is. */
export const PACK_FILES_FROM = 1000

export interface PackedFiles {
  readonly packed: 'files/v1'
  readonly path: readonly string[]
  readonly size: readonly number[]
  readonly sha256: readonly (string | null)[]
  /** null: absent; 1: equal to sha256. */
  readonly expected: readonly (string | 1 | null)[]
  readonly status: readonly string[]
}

const KEYS = new Set(['path', 'size', 'sha256', 'expected', 'status'])

/** The result's `files` packed when it is a long list of file records, else the value as it is. */
export function packResult(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('files' in value)) return value
  const files = (value as { files: unknown }).files
  if (!Array.isArray(files) || files.length < PACK_FILES_FROM) return value
  const packed = packFiles(files)
  return packed ? { ...value, files: packed } : value
}

/** Undoes packResult (a value whose `files` is not packed is returned as it is). */
export function unpackResult(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || !('files' in value)) return value
  const files = (value as { files: unknown }).files
  if (typeof files !== 'object' || files === null || (files as { packed?: unknown }).packed !== 'files/v1') return value
  return { ...value, files: unpackFiles(files as PackedFiles) }
}

export function packFiles(files: readonly unknown[]): PackedFiles | undefined {
  const n = files.length
  const path = new Array<string>(n)
  const size = new Array<number>(n)
  const sha256 = new Array<string | null>(n)
  const expected = new Array<string | 1 | null>(n)
  const status = new Array<string>(n)
  for (let i = 0; i < n; i++) {
    const f = files[i] as Record<string, unknown> | null
    if (typeof f !== 'object' || f === null || Array.isArray(f)) return undefined
    for (const k in f) if (!KEYS.has(k) || f[k] === undefined) return undefined
    const { path: p, size: s, sha256: h, expected: e, status: st } = f
    if (typeof p !== 'string' || typeof s !== 'number' || !Number.isFinite(s) || typeof st !== 'string') return undefined
    if ((h !== undefined && typeof h !== 'string') || (e !== undefined && typeof e !== 'string')) return undefined
    path[i] = p
    size[i] = s
    sha256[i] = h ?? null
    expected[i] = e === undefined ? null : e === h ? 1 : e
    status[i] = st
  }
  return { packed: 'files/v1', path, size, sha256, expected, status }
}

export function unpackFiles(p: PackedFiles): FileRecord[] {
  const n = p.path.length
  const out = new Array<FileRecord>(n)
  for (let i = 0; i < n; i++) {
    const h = p.sha256[i] ?? null
    const e = p.expected[i] ?? null
    const r: { path: string; size: number; sha256?: string; expected?: string; status?: string } = { path: p.path[i] as string, size: p.size[i] as number }
    if (h !== null) r.sha256 = h
    if (e !== null) r.expected = e === 1 ? (h as string) : e
    // Last, as core writes it (key order shows in JSON written from the record).
    r.status = p.status[i] as string
    out[i] = r as FileRecord
  }
  return out
}
