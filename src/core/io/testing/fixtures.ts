/**
 * Test-only helpers: write a folder from a path -> content map, compute expected hashes, and build
 * the hash worker from source (so tests exercise the real worker, as the bundles do).
 */
import { createHash } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

export type FileMap = Readonly<Record<string, string | Uint8Array>>

export async function writeFolder(root: string, files: FileMap): Promise<void> {
  for (const [p, content] of Object.entries(files)) {
    const abs = join(root, ...p.split('/'))
    await mkdir(dirname(abs), { recursive: true })
    await writeFile(abs, content)
  }
}

export function sha256Hex(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex')
}

/** Deterministic pseudo-random bytes (incompressible, reproducible). */
export function noise(size: number, seed = 1): Buffer {
  const out = Buffer.alloc(size)
  let block = Buffer.from(String(seed))
  for (let o = 0; o < size; o += 32) {
    block = createHash('sha256').update(block).digest()
    block.copy(out, o, 0, Math.min(32, size - o))
  }
  return out
}

/** A small but complete-looking bag (tag files + payload, one file over 1 MiB). */
export function sampleBag(): FileMap {
  return {
    'bagit.txt': 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n',
    'bag-info.txt': 'Pack-Name: credit-default\nPack-Version: 1.0.0\n',
    'data/pack.json': '{"name":"credit-default"}\n',
    'data/evaluation/metrics.json': '{"metrics":[]}\n',
    'data/model/weights.bin': noise(1536 * 1024, 7),
    'data/caf\u00e9 notes.txt': 'accents\n',
    [`data/deep/${'long-segment-name/'.repeat(8)}x.txt`]: 'long path\n'
  }
}

/** Bundles src/core/io/hash-worker.ts to `outDir`/hash-worker.mjs with esbuild (a vite dependency). */
export async function buildHashWorker(outDir: string): Promise<string> {
  const { build } = await import('esbuild')
  const entry = join(dirname(fileURLToPath(import.meta.url)), '..', 'hash-worker.ts')
  const outfile = join(outDir, 'hash-worker.mjs')
  await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', logLevel: 'silent' })
  return outfile
}
