import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashFiles, type HashTarget } from './hash-pool'
import { buildHashWorker, noise, sha256Hex } from './testing/fixtures'

let dir: string
let workerFile: string
const contents = new Map<string, Buffer>()
let targets: HashTarget[]

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-hash-queue-'))
  workerFile = await buildHashWorker(dir)
  // Two big files (the last one goes out with overlapped reads), and enough small ones for several batches.
  const files: [string, Buffer][] = [
    ['big-1.bin', noise(3 * 1024 * 1024 + 17, 1)],
    ['big-2.bin', noise(2 * 1024 * 1024 + 5, 2)],
    ...Array.from({ length: 150 }, (_, i): [string, Buffer] => [`small-${i}.txt`, noise(100 + i * 37, 10 + i)])
  ]
  for (const [name, b] of files) {
    await writeFile(join(dir, name), b)
    contents.set(join(dir, name), b)
  }
  targets = files.map(([name, b]) => ({ abs: join(dir, name), size: b.length }))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

const expected = (ts: readonly HashTarget[]) => ts.map((t) => ({ ok: true, sha256: sha256Hex(contents.get(t.abs) as Buffer), bytesRead: t.size }))

describe('hash queue', () => {
  it('workers hash big and small files, in batches, with the same results as this thread', async () => {
    let files = 0
    let bytes = 0
    const viaWorkers = await hashFiles(targets, { workers: 2, workerFile, onFile: () => files++, onBytes: (n) => (bytes += n) })
    expect(viaWorkers).toEqual(expected(targets))
    expect(files).toBe(targets.length)
    expect(bytes).toBe(targets.reduce((n, t) => n + t.size, 0))
    expect(await hashFiles(targets, { workers: 0 })).toEqual(viaWorkers)
  })

  it('hashes a byte range (stored zip entry) on a worker, overlapped or not', async () => {
    const big = targets[0] as HashTarget
    const data = contents.get(big.abs) as Buffer
    const ranges = [
      { abs: big.abs, size: 1024 * 1024 + 3, offset: 11 },
      { abs: big.abs, size: 1000, offset: 5 }
    ]
    const got = await hashFiles(ranges, { workers: 1, workerFile })
    expect(got).toEqual(ranges.map((r) => ({ ok: true, sha256: sha256Hex(data.subarray(r.offset, r.offset + r.size)), bytesRead: r.size })))
  })

  it('refuses a symlink swapped in after the walk (never followed), on workers and in this thread', async () => {
    const link = join(dir, 'link.txt')
    await symlink(join(dir, 'small-1.txt'), link)
    const ts = [{ abs: link, size: 137 }, ...targets.slice(2, 80)]
    for (const opts of [{ workers: 2, workerFile }, { workers: 0 }]) {
      const [first, ...rest] = await hashFiles(ts, opts)
      expect(first).toMatchObject({ ok: false, error: 'ELOOP' })
      expect(rest).toEqual(expected(ts.slice(1)))
    }
  })

  it('a worker that dies mid-batch loses no file: its batch is hashed elsewhere', async () => {
    const dying = join(dir, 'dying-worker.mjs')
    await writeFile(dying, "import { parentPort } from 'node:worker_threads'\nparentPort.on('message', () => process.exit(1))\n")
    expect(await hashFiles(targets, { workers: 2, workerFile: dying })).toEqual(expected(targets))
  })
})
