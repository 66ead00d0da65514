/**
 * The packs the bench measures besides its own (big-pack.ts), each the 1.1.0 sample's evidence
 * plus generated payload, built with the product's buildPack and cached in the bench folder:
 *
 * - weights: the shape of issue 14's measurements: four 250 MB weight shards (random bytes, as
 *   trained weights are to a compressor) and 2,000 small JSON reports;
 * - text: 20,000 JSON and CSV files (~170 MB), what a text-heavy evaluation looks like;
 * - many: 100,000 files of about 300 bytes (the app target: a pack with a file per case).
 */
import { spawnSync } from 'node:child_process'
import { randomFillSync } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { buildPack } from '../../src/core/build/build'
import { makeRng, type Rng } from '../samples/prng'
import { releaseFiles } from '../samples/generate'
import { RELEASES } from '../samples/releases'

export type Shape = 'weights' | 'text' | 'many'

export interface ShapedPack {
  readonly shape: Shape
  readonly folder: string
  /** Every file the verifier hashes (payload and tag files), absolute paths. */
  readonly files: readonly string[]
  readonly payloadFiles: number
  readonly payloadBytes: number
}

const MiB = 1024 * 1024

async function writeRandom(path: string, bytes: number): Promise<void> {
  const chunk = Buffer.allocUnsafe(8 * MiB)
  const fh = await open(path, 'w')
  try {
    for (let left = bytes; left > 0; left -= chunk.length) {
      const n = Math.min(left, chunk.length)
      randomFillSync(chunk, 0, n)
      await fh.write(chunk, 0, n)
    }
  } finally {
    await fh.close()
  }
}

function jsonReport(rng: Rng, i: number, metrics: number): string {
  const m: Record<string, unknown> = {}
  for (let j = 0; j < metrics; j++) m[`metric_${j}`] = { value: Number(rng.next().toFixed(6)), ci: [Number(rng.next().toFixed(4)), Number(rng.next().toFixed(4))], n: rng.int(100, 10_000) }
  return `${JSON.stringify({ segment: `SEG-${String(i).padStart(5, '0')}`, metrics: m }, null, 2)}\n`
}

function csvReport(rng: Rng, i: number, rows: number): string {
  const lines = ['segment_id,month,applications,approved,defaults_12m,mean_pd,observed_rate']
  for (let r = 0; r < rows; r++) {
    const apps = rng.int(20, 900)
    lines.push(`SEG-${String(i).padStart(5, '0')},2024-${String((r % 12) + 1).padStart(2, '0')},${apps},${Math.floor(apps * (0.5 + rng.next() * 0.4))},${rng.int(0, 40)},${(0.02 + rng.next() * 0.06).toFixed(6)},${(rng.next() * 0.09).toFixed(6)}`)
  }
  return `${lines.join('\n')}\n`
}

async function fill(folder: string, shape: Shape): Promise<void> {
  const rng = makeRng(`bench-${shape}`)
  const put = async (rel: string, text: string): Promise<void> => {
    const abs = join(folder, ...rel.split('/'))
    await mkdir(dirname(abs), { recursive: true })
    await writeFile(abs, text)
  }
  if (shape === 'weights') {
    for (let i = 0; i < 2000; i++) await put(`data/evaluation/reports/r${String(i).padStart(5, '0')}.json`, jsonReport(rng, i, rng.int(5, 25)))
    await mkdir(join(folder, 'data', 'model', 'weights'), { recursive: true })
    for (let i = 1; i <= 4; i++) await writeRandom(join(folder, 'data', 'model', 'weights', `model-0000${i}-of-00004.bin`), 250_000_000)
  } else if (shape === 'text') {
    for (let i = 0; i < 20_000; i++) {
      const dir = `data/evaluation/segments/b${String(Math.floor(i / 1000)).padStart(3, '0')}`
      if (i % 2 === 0) await put(`${dir}/s${String(i).padStart(5, '0')}.csv`, csvReport(rng, i, rng.int(100, 300)))
      else await put(`${dir}/s${String(i).padStart(5, '0')}.json`, jsonReport(rng, i, rng.int(20, 80)))
    }
  } else {
    for (let i = 0; i < 100_000; i++) {
      const note = 'x'.repeat(rng.int(150, 250))
      await put(`data/evaluation/cases/b${String(Math.floor(i / 1000)).padStart(3, '0')}/c${String(i).padStart(6, '0')}.json`, `{"case":${i},"score":${rng.next().toFixed(6)},"label":"${rng.next() < 0.5 ? 'yes' : 'no'}","note":"${note}"}\n`)
    }
  }
}

/** Every file the verifier hashes: the payload (from the manifest) and the four tag files. */
export async function listFiles(folder: string): Promise<string[]> {
  const manifest = await readFile(join(folder, 'manifest-sha256.txt'), 'utf8')
  const payload = manifest
    .split('\n')
    .filter((l) => l.length > 0)
    .map((l) => join(folder, l.slice(l.indexOf('  ') + 2)))
  return [...payload, ...['bagit.txt', 'bag-info.txt', 'manifest-sha256.txt', 'tagmanifest-sha256.txt'].map((t) => join(folder, t))]
}

export async function ensureShapedPack(dir: string, shape: Shape, log: (l: string) => void): Promise<ShapedPack> {
  const folder = join(dir, `shape-${shape}`)
  const marker = join(dir, `shape-${shape}.done`)
  if (existsSync(marker) && existsSync(folder)) {
    const m = JSON.parse(await readFile(marker, 'utf8')) as { payloadFiles: number; payloadBytes: number }
    return { shape, folder, files: await listFiles(folder), ...m }
  }
  await rm(folder, { recursive: true, force: true })
  log(`generating the ${shape} pack in ${folder}…`)
  for (const [p, text] of releaseFiles(RELEASES[1] as (typeof RELEASES)[number])) {
    const abs = join(folder, ...p.split('/'))
    await mkdir(dirname(abs), { recursive: true })
    await writeFile(abs, text)
  }
  await fill(folder, shape)
  const built = await buildPack(folder)
  if (!built.ok) throw new Error(`buildPack failed on the ${shape} pack: ${built.findings.map((f) => f.message).join('; ')}`)
  const meta = { payloadFiles: built.payloadFiles, payloadBytes: built.payloadBytes }
  await writeFile(marker, JSON.stringify(meta))
  return { shape, folder, files: await listFiles(folder), ...meta }
}

/** The pack as `vouch pack` (the built CLI, on every core) writes it, cached beside the folder. */
export async function ensureArchive(cli: string, pack: { folder: string }, kind: 'zip' | 'tar.gz', log: (l: string) => void): Promise<string> {
  const out = `${pack.folder}.${kind === 'zip' ? 'zip' : 'tar.gz'}`
  if (existsSync(out) && (await stat(out)).mtimeMs >= (await stat(join(pack.folder, 'tagmanifest-sha256.txt'))).mtimeMs) return out
  log(`writing ${out} (vouch pack)…`)
  await rm(out, { force: true })
  const r = spawnSync(process.execPath, [cli, 'pack', pack.folder, '-o', out, '--no-verify'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`vouch pack ${pack.folder} failed: ${r.stderr}`)
  return out
}

export const gib = (bytes: number): string => `${(bytes / 1024 ** 3).toFixed(2)} GiB`
export const mib = (bytes: number): string => `${(bytes / MiB).toFixed(0)} MiB`
