/**
 * Archives written on every core: the same bytes whatever the number of workers, the store rule in
 * the zip's methods, the tar.gz's two members, and independent tools (unzip -t, tar -tzf, the
 * stdlib BagIt validator on the unpacked result) accepting what Vouch writes.
 */
import { execFile } from 'node:child_process'
import { createHash } from 'node:crypto'
import { appendFile, mkdir, mkdtemp, open, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makePack, type TestPack } from '../verify/testing/make-pack'
import { verifyPack } from '../verify/verify'
import { listFolderFiles, writeArchiveFromFolder } from './archive-write'
import { endOfArchiveMember } from './tar-write'
import { buildHashWorker, noise } from './testing/fixtures'
import { readZipDirectory } from './zip-format'

const run = promisify(execFile)
const VALIDATOR = resolve(__dirname, '../../../scripts/bagit/validate_bag.py')
const MiB = 1024 * 1024
let dir = ''
let workerFile = ''
let pack: TestPack

const text = (bytes: number): Buffer => {
  const rows: string[] = []
  for (let i = 0, n = 0; n < bytes; i++) {
    const r = `${i},segment-${i % 97},${(i * 7919) % 1000},0.${(i * 104729) % 100000}\n`
    rows.push(r)
    n += r.length
  }
  return Buffer.from(rows.join('')).subarray(0, bytes)
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vouch-pack-write-'))
  workerFile = await buildHashWorker(dir)
  const small = Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`data/segments/s${String(i).padStart(3, '0')}.json`, `{"segment":${i},"auc":0.${700 + i}}\n`]))
  pack = await makePack({
    files: {
      ...small,
      'data/model/weights.bin': noise(2 * MiB + 12_345, 21), // stored, three pieces
      'data/evaluation/predictions.csv': text(2 * MiB + 777), // deflated, three pieces
      'data/evaluation/plot.png': noise(40_000, 22), // random but under 64 KiB: deflated
      'data/empty.txt': ''
    }
  })
}, 60_000)
afterAll(async () => {
  await pack?.cleanup()
  await rm(dir, { recursive: true, force: true })
})

const digest = async (p: string): Promise<string> => createHash('sha256').update(await readFile(p)).digest('hex')

async function methods(zip: string): Promise<Record<string, number>> {
  const fh = await open(zip, 'r')
  try {
    const d = await readZipDirectory(fh, (await fh.stat()).size, 1000)
    return Object.fromEntries(d.entries.map((e) => [e.name, e.method]))
  } finally {
    await fh.close()
  }
}

describe('archives written on every core', () => {
  it.each(['zip', 'tar.gz'] as const)('%s: the same bytes with 0, 1 and 2 workers; verifies', async (kind) => {
    const outs: string[] = []
    for (const pool of [{ workers: 0 }, { workers: 1, workerFile }, { workers: 2, workerFile }]) {
      const out = join(dir, `w${pool.workers}.${kind}`)
      await writeArchiveFromFolder(pack.dir, out, kind, { pool })
      outs.push(await digest(out))
    }
    expect(new Set(outs).size).toBe(1)
    const report = await verifyPack(join(dir, `w2.${kind}`))
    expect(report.findings.filter((f) => f.severity === 'error')).toEqual([])
    expect(report.pack.digest).toBe((await verifyPack(pack.dir)).pack.digest)
  }, 60_000)

  it('zip: the store rule picks each method; unzip -t accepts it', async () => {
    const zip = join(dir, 'w2.zip')
    const m = await methods(zip)
    expect(m['data/model/weights.bin']).toBe(0)
    expect(m['data/evaluation/predictions.csv']).toBe(8)
    expect(m['data/evaluation/plot.png']).toBe(8)
    expect(m['data/pack.json']).toBe(8)
    const { stdout } = await run('unzip', ['-t', zip])
    expect(stdout).toContain('No errors detected')
  })

  it('tar.gz: the tar of `vouch pack -o x.tar`, in an entries member and an end member; tar -tzf lists every file', async () => {
    const tgz = await readFile(join(dir, 'w2.tar.gz'))
    await writeArchiveFromFolder(pack.dir, join(dir, 'plain.tar'), 'tar')
    const tar = await readFile(join(dir, 'plain.tar'))
    expect(gunzipSync(tgz).equals(tar)).toBe(true)
    // The last member holds the end-of-archive zeros alone (its size is in its trailer).
    const endBytes = tgz.readUInt32LE(tgz.length - 4)
    expect(endBytes).toBeGreaterThanOrEqual(1024)
    const endMember = endOfArchiveMember(tar.length - endBytes)
    expect(tgz.subarray(tgz.length - endMember.length).equals(endMember)).toBe(true)
    expect(gunzipSync(tgz.subarray(0, tgz.length - endMember.length)).equals(tar.subarray(0, tar.length - endBytes))).toBe(true)
    const { stdout } = await run('tar', ['-tzf', join(dir, 'w2.tar.gz')])
    expect(stdout.trim().split('\n')).toContain('data/model/weights.bin')
    expect(stdout.trim().split('\n').length).toBe((await listFolderFiles(pack.dir)).length)
  })

  it.each(['zip', 'tar.gz'] as const)('%s: unpacked by unzip / tar, an independent BagIt validator says valid', async (kind) => {
    const out = join(dir, `unpacked-${kind}`)
    await mkdir(out)
    if (kind === 'zip') await run('unzip', ['-q', join(dir, 'w2.zip'), '-d', out])
    else await run('tar', ['-xzf', join(dir, 'w2.tar.gz'), '-C', out])
    const { stdout } = await run('python3', [VALIDATOR, out])
    expect(stdout).toBe('valid\n')
  })

  it('a file that grows while it is packed: nothing written, the file named', async () => {
    const big = join(pack.dir, 'data', 'evaluation', 'predictions.csv')
    const out = join(dir, 'grow.zip')
    // The file grows after it was listed (its size taken), before its bytes are read.
    const p = writeArchiveFromFolder(pack.dir, out, 'zip', { pool: { workers: 0 }, faults: { onTempCreated: () => appendFile(big, 'one more row\n') } })
    await expect(p).rejects.toMatchObject({ code: 'write-failed', message: expect.stringContaining('predictions.csv') })
    await expect(readFile(out)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
