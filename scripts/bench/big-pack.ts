/**
 * The large pack the bench verifies: the 1.1.0 sample's evidence plus a few big weight shards and
 * thousands of small per-segment reports, built with the product's own buildPack and packed with
 * `vouch pack`. Cached in the bench folder (keyed by size and file counts) between runs.
 */
import { randomFillSync } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, open, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { buildPack } from '../../src/core/build/build'
import { PREDICTIONS_PATH } from '../../src/core/format/predictions'
import { makeRng } from '../samples/prng'
import { ensureArchive, listFiles } from './packs'
import { releaseFiles } from '../samples/generate'
import { RELEASES } from '../samples/releases'
import type { BenchArgs, BigPack } from './types'

const MiB = 1024 * 1024

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const chunk = Buffer.allocUnsafe(8 * MiB)
  const fh = await open(path, 'w')
  try {
    for (let left = bytes; left > 0; ) {
      const n = Math.min(left, chunk.length)
      randomFillSync(chunk, 0, n)
      await fh.write(chunk, 0, n)
      left -= n
    }
  } finally {
    await fh.close()
  }
}

function segmentReport(rng: ReturnType<typeof makeRng>, i: number, bytes: number): string {
  const head = `segment_id,month,applications,approved,defaults_12m,mean_pd,observed_rate\n`
  const lines: string[] = [head]
  let size = head.length
  let month = 0
  while (size < bytes) {
    const apps = rng.int(20, 900)
    const appr = Math.floor(apps * (0.5 + rng.next() * 0.4))
    const line = `SEG-${String(i).padStart(5, '0')},2024-${String((month % 12) + 1).padStart(2, '0')},${apps},${appr},${rng.int(0, Math.floor(appr / 10))},${(0.02 + rng.next() * 0.06).toFixed(6)},${(rng.next() * 0.09).toFixed(6)}\n`
    lines.push(line)
    size += line.length
    month++
  }
  return lines.join('')
}

export async function ensureBigPack(dir: string, cli: string, args: BenchArgs, log: (l: string) => void): Promise<BigPack> {
  const key = `pack-${Math.round(args.sizeBytes / MiB)}m-${args.bigFiles}b-${args.smallFiles}s`
  const folder = join(dir, key)
  const zip = join(dir, `${key}.zip`)
  const marker = join(dir, `${key}.done`)
  if (existsSync(marker) && existsSync(folder)) {
    const m = JSON.parse(await readFile(marker, 'utf8')) as { payloadFiles: number; payloadBytes: number }
    log(`reusing ${folder} (cached; delete it to regenerate)`)
    const z = await writeZip(cli, folder, log)
    return { folder, files: await listFiles(folder), payloadFiles: m.payloadFiles, payloadBytes: m.payloadBytes, ...z }
  }
  await rm(folder, { recursive: true, force: true })
  await rm(zip, { force: true })
  log(`generating ${folder}: ${args.bigFiles} big files + ${args.smallFiles} small files, ${(args.sizeBytes / MiB / 1024).toFixed(2)} GiB payload…`)
  const files = releaseFiles(RELEASES[1] as (typeof RELEASES)[number])
  for (const [p, text] of files) {
    // This pack measures integrity checking of a pack without predictions; recomputation has its own section.
    if (p === PREDICTIONS_PATH) continue
    const abs = join(folder, ...p.split('/'))
    await mkdir(dirname(abs), { recursive: true })
    await writeFile(abs, text)
  }
  const rng = makeRng('bench-pack')
  // Small files: ~5% of the payload (at most 64 KiB each), the rest in the big shards.
  const smallAvg = Math.max(512, Math.min(64 * 1024, Math.floor((args.sizeBytes * 0.05) / Math.max(1, args.smallFiles))))
  let smallTotal = 0
  for (let i = 0; i < args.smallFiles; i++) {
    const bytes = rng.int(Math.floor(smallAvg / 2), Math.floor(smallAvg * 1.5))
    const dirN = Math.floor(i / 1000)
    const abs = join(folder, 'data', 'evaluation', 'segments', `batch-${String(dirN).padStart(3, '0')}`, `segment-${String(i).padStart(5, '0')}.csv`)
    if (i % 1000 === 0) await mkdir(dirname(abs), { recursive: true })
    const text = segmentReport(rng, i, bytes)
    smallTotal += Buffer.byteLength(text)
    await writeFile(abs, text)
  }
  const bigEach = Math.max(MiB, Math.floor((args.sizeBytes - smallTotal) / Math.max(1, args.bigFiles)))
  await mkdir(join(folder, 'data', 'model', 'weights'), { recursive: true })
  for (let i = 0; i < args.bigFiles; i++) {
    const name = `model-${String(i + 1).padStart(5, '0')}-of-${String(args.bigFiles).padStart(5, '0')}.bin`
    await writeRandomFile(join(folder, 'data', 'model', 'weights', name), bigEach)
  }
  log('building the bag (buildPack)…')
  const built = await buildPack(folder)
  if (!built.ok) throw new Error(`buildPack failed on the bench pack: ${built.findings.map((f) => f.message).join('; ')}`)
  const meta = { payloadFiles: built.payloadFiles, payloadBytes: built.payloadBytes, digest: built.digest }
  await writeFile(marker, JSON.stringify(meta, null, 2))
  const z = await writeZip(cli, folder, log)
  return { folder, files: await listFiles(folder), payloadFiles: built.payloadFiles, payloadBytes: built.payloadBytes, ...z }
}

/** The zip is optional for the bench: when the writer fails, the folder figures are still printed. */
async function writeZip(cli: string, folder: string, log: (l: string) => void): Promise<{ zip?: string; zipError?: string }> {
  try {
    return { zip: await ensureArchive(cli, { folder }, 'zip', log) }
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e)
    log(`no zip: ${msg}`)
    return { zipError: msg }
  }
}
