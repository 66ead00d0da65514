import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Finding } from '../findings'
import { FolderReader } from './folder-reader'
import { CancelledError, type ScanProgress } from './reader'
import { buildHashWorker, writeFolder } from './testing/fixtures'
import { keptWorkers } from './worker-reuse'

let dir: string
let root: string
let workerFile: string

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-walk-'))
  root = join(dir, 'bag')
  const files: Record<string, string> = { 'bagit.txt': 'BagIt-Version: 1.0\n', 'bag-info.txt': 'Pack-Name: x\n' }
  // More than a slice (256 entries) per folder, so the walk arrives in several messages.
  for (let i = 0; i < 700; i++) files[`data/cases/c${String(i).padStart(4, '0')}.json`] = `{"i":${i}}\n`
  for (let i = 0; i < 40; i++) files[`data/nested/n${i % 4}/f${i}.txt`] = `n${i}\n`
  files['data/Model.bin'] = 'a'
  files['data/model.bin'] = 'b'
  files['data/cafe\u0301'] = 'c'
  files['data/caf\u00e9'] = 'd'
  files['data/back\\slash.txt'] = 'unsafe'
  files['data/.x.json.vouch-tmp-999999-0123abcd'] = 'partial'
  await writeFolder(root, files)
  await writeFile(join(dir, 'secret.txt'), 'secret')
  await symlink(join(dir, 'secret.txt'), join(root, 'data', 'link.txt'))
  await symlink(dir, join(root, 'data', 'linkdir'))
  execFileSync('mkfifo', [join(root, 'data', 'fifo')])
  await mkdir(join(root, 'data', 'empty'))
  workerFile = await buildHashWorker(dir)
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

async function scan(pool: ConstructorParameters<typeof FolderReader>[1], signal?: AbortSignal) {
  const findings: Finding[] = []
  const progress: ScanProgress[] = []
  const out = await new FolderReader(root, pool).scan({
    onFinding: (f) => findings.push(f),
    keep: (p) => !p.startsWith('data/'),
    onProgress: (p) => progress.push(p),
    ...(signal ? { signal } : {})
  })
  return { files: out.map((f) => [f.entry.path, f.entry.size, f.sha256, f.content === undefined] as const), findings, last: progress.at(-1) }
}

describe('folder walk on a worker thread', () => {
  it('gives the same files and findings, in the same order, as the walk on this thread', async () => {
    const here = await scan({ workers: 0 })
    expect(here.files.length).toBe(2 + 700 + 40 + 3)
    expect(here.findings.map((f) => `${f.code}:${f.path}`)).toEqual(
      expect.arrayContaining(['symlink-refused:data/link.txt', 'symlink-refused:data/linkdir', 'special-file-refused:data/fifo', 'stray-temp-file:data/.x.json.vouch-tmp-999999-0123abcd', 'name-collision-case:data/model.bin', 'name-collision-nfc:data/café'])
    )
    const worker = await scan({ workers: 2, workerFile })
    expect(worker).toEqual(here)
  })

  it('a walker that dies part-way is replaced by a walk here that skips what it delivered: nothing lost or repeated', async () => {
    const here = await scan({ workers: 0 })
    // Delivers the first two events as the real walk would (bag-info.txt, bagit.txt), then exits.
    const dying = join(dir, 'dying-walker.mjs')
    const first = here.files.slice(0, 2).flatMap(([p, size]) => [p, size])
    await writeFile(
      dying,
      `import { parentPort } from 'node:worker_threads'\nparentPort.on('message', (m) => { if (!m.walk) process.exit(3); parentPort.postMessage({ walkEvents: ${JSON.stringify(JSON.stringify(first))} }); setTimeout(() => process.exit(3), 20) })\n`
    )
    // As a hash worker it dies at its first batch: in-thread hashing takes over once the workers are gone.
    expect(await scan({ workers: 1, workerFile: dying })).toEqual(here)
  })

  it('cancelling stops the walk with CancelledError', async () => {
    const ac = new AbortController()
    const p = scan({ workers: 2, workerFile }, ac.signal)
    ac.abort()
    await expect(p).rejects.toBeInstanceOf(CancelledError)
  })

  it('workers of a scan that ended normally are kept for the next one, which gives the same result', async () => {
    const here = await scan({ workers: 0 })
    const fresh = join(dir, 'kept-worker.mjs')
    await writeFile(fresh, await readFile(workerFile))
    expect(await scan({ workers: 2, workerFile: fresh })).toEqual(here)
    // The walker and both hashing lanes wait for the next job.
    expect(keptWorkers(fresh)).toBe(3)
    expect(await scan({ workers: 2, workerFile: fresh })).toEqual(here)
    expect(keptWorkers(fresh)).toBe(3)
    // Cancelled at the walk's first finding (the link beside the data): its hashing lanes and its
    // walker were taken by then, and are stopped, not kept.
    const ac = new AbortController()
    const p = new FolderReader(root, { workers: 2, workerFile: fresh }).scan({ onFinding: () => ac.abort(), signal: ac.signal })
    await expect(p).rejects.toBeInstanceOf(CancelledError)
    expect(keptWorkers(fresh)).toBe(0)
  })
})
