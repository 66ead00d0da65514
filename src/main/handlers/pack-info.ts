/**
 * What pack:open can say before hashing: the embedded samples, and name/version/previous version
 * from a folder's bag-info.txt (archives get them from verification). Best effort, never throws.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { EVIDENCE_PATHS } from '../../core/format/evidence'
import { MAX_EVIDENCE_BYTES, parseEvidence } from '../../core/format/evidence-parse'
import type { Evidence, SamplePack } from '../../shared/domain'
import { detectContainer } from '../../core/io/open'

export interface BagLabels {
  readonly name?: string
  readonly version?: string
  readonly previousVersion?: string
}

export async function readFolderLabels(folder: string): Promise<BagLabels> {
  try {
    const st = await stat(join(folder, 'bag-info.txt'))
    if (!st.isFile() || st.size > 256 * 1024) return {}
    return parseBagLabels(await readFile(join(folder, 'bag-info.txt'), 'utf8'))
  } catch {
    return {}
  }
}

/** The three labels the header needs (the verifier does the strict parse and reports problems). */
export function parseBagLabels(text: string): BagLabels {
  const out: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const m = /^(Pack-Name|Pack-Version|Previous-Version):\s*(.*?)\s*$/.exec(line)
    if (m && m[1] && m[2] && !(m[1] in out)) out[m[1]] = m[2]
  }
  return { name: out['Pack-Name'], version: out['Pack-Version'], previousVersion: out['Previous-Version'] }
}

export async function listSamples(dir: string): Promise<readonly SamplePack[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch {
    return []
  }
  const out: SamplePack[] = []
  for (const name of names.sort()) {
    if (name.startsWith('.')) continue
    const path = join(dir, name)
    try {
      const st = await stat(path)
      if (st.isDirectory()) {
        // A sample folder is a bag: it has bagit.txt (skips README dirs and the like).
        if ((await stat(join(path, 'bagit.txt')).catch(() => undefined))?.isFile()) out.push({ path, fileName: name, container: 'folder' })
      } else if (st.isFile()) {
        const container = await detectContainer(path).catch(() => undefined)
        if (container) out.push({ path, fileName: name, container })
      }
    } catch {
      // Unreadable entry: not offered.
    }
  }
  return out
}

/**
 * A folder's evidence documents, parsed and schema-checked by core but not yet hash-verified: lets
 * the UI show the overview while hashing runs (the status stays "verifying" until the report).
 * Files that resolve outside the folder (symlinks) or are too large are skipped, never followed.
 */
export async function readFolderEvidence(folder: string): Promise<Evidence | undefined> {
  try {
    const root = await realpath(folder)
    const contents = new Map<string, Uint8Array>()
    for (const rel of Object.values(EVIDENCE_PATHS)) {
      const abs = await realpath(join(root, ...rel.split('/'))).catch(() => undefined)
      if (!abs || !abs.startsWith(root + sep)) continue
      const st = await stat(abs)
      if (!st.isFile() || st.size > MAX_EVIDENCE_BYTES) continue
      contents.set(rel, new Uint8Array(await readFile(abs)))
    }
    return contents.size === 0 ? undefined : parseEvidence(contents).evidence
  } catch {
    return undefined
  }
}
