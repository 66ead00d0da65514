/**
 * A minimal PackReader over a folder or over in-memory files, for tests of the verifier's checks
 * that must not depend on the real container readers (src/core/io has its own tests).
 */
import { createHash } from 'node:crypto'
import { lstat, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Finding } from '../../findings'
import { containerFinding } from '../../io/codes'
import { CancelledError, type PackReader, type ScannedFile } from '../../io/reader'

export interface MemoryFile {
  readonly path: string
  readonly bytes: Uint8Array
}

export function memoryReader(files: readonly MemoryFile[], extraFindings: readonly Finding[] = [], location = '/memory'): PackReader {
  return {
    kind: 'folder',
    location,
    async scan(opts) {
      for (const f of extraFindings) opts.onFinding(f)
      const out: ScannedFile[] = []
      const bytesTotal = files.reduce((n, f) => n + f.bytes.length, 0)
      let bytesDone = 0
      for (const f of files) {
        if (opts.signal?.aborted) throw new CancelledError()
        const sha256 = createHash('sha256').update(f.bytes).digest('hex')
        const keep = opts.keep?.(f.path, f.bytes.length) ?? false
        out.push({ entry: { path: f.path.normalize('NFC'), rawName: f.path, kind: 'file', size: f.bytes.length }, sha256, bytesRead: f.bytes.length, ...(keep ? { content: f.bytes } : {}) })
        bytesDone += f.bytes.length
        opts.onProgress?.({ filesDone: out.length, filesTotal: files.length, bytesDone, bytesTotal })
        await Promise.resolve()
      }
      return out
    },
    async close() {}
  }
}

/** Reads every regular file of a folder into memory (symlinks become symlink-refused findings). */
export async function loadFolder(root: string): Promise<{ files: MemoryFile[]; findings: Finding[] }> {
  const files: MemoryFile[] = []
  const findings: Finding[] = []
  const visit = async (abs: string, rel: string): Promise<void> => {
    for (const name of (await readdir(abs)).sort()) {
      const a = join(abs, name)
      const r = rel ? `${rel}/${name}` : name
      const st = await lstat(a)
      if (st.isSymbolicLink()) findings.push(containerFinding('symlink-refused', 'Symbolic link refused: never followed.', { path: r }))
      else if (st.isDirectory()) await visit(a, r)
      else if (st.isFile()) files.push({ path: r, bytes: new Uint8Array(await readFile(a)) })
    }
  }
  await visit(root, '')
  return { files, findings }
}

export async function folderTestReader(root: string): Promise<PackReader> {
  const { files, findings } = await loadFolder(root)
  return memoryReader(files, findings, root)
}
