/** The built renderer (out/renderer), served read-only: no directory listing, no path outside it. */
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import type { ServerResponse } from 'node:http'
import { extname, join, sep } from 'node:path'

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8'
}

/** Resolves a URL path inside root; undefined when it would escape or is malformed. */
export function staticPath(root: string, urlPath: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return undefined
  }
  if (decoded.includes('\u0000') || decoded.includes('\\')) return undefined
  const parts = decoded.split('/').filter((p) => p !== '')
  if (parts.some((p) => p === '..' || p === '.')) return undefined
  const rel = parts.length === 0 ? 'index.html' : parts.join(sep)
  const full = join(root, rel)
  return full.startsWith(root + sep) ? full : undefined
}

export async function serveStatic(root: string, urlPath: string, res: ServerResponse, headers: Readonly<Record<string, string>>): Promise<void> {
  const file = staticPath(root, urlPath)
  const st = file ? await stat(file).catch(() => undefined) : undefined
  if (!file || !st?.isFile()) {
    res.writeHead(404, { ...headers, 'content-type': 'text/plain; charset=utf-8' }).end('not found\n')
    return
  }
  res.writeHead(200, { ...headers, 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'content-length': String(st.size) })
  createReadStream(file).on('error', () => res.destroy()).pipe(res)
}
