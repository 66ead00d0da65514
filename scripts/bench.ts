/**
 * `npm run bench` (builds first): measures Vouch against its speed and memory targets and prints
 * the figures side by side. Sections live in scripts/bench/ (see sections.ts).
 *
 *   npm run bench -- [--size 1GiB] [--big-files 4] [--small-files 5000] [--runs 3] [--only verify,diff] [--strict]
 */
import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureBigPack } from './bench/big-pack'
import { section, targets as printTargets } from './bench/print'
import { SECTIONS } from './bench/sections'
import type { BenchArgs, BenchContext, BigPack, Target } from './bench/types'

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(B|KiB|MiB|GiB|K|M|G)?$/i.exec(s.trim())
  if (!m) throw new Error(`--size: cannot read '${s}' (e.g. 1GiB, 256MiB)`)
  const unit = (m[2] ?? 'B').toUpperCase()[0] as string
  const mult = unit === 'G' ? 1024 ** 3 : unit === 'M' ? 1024 ** 2 : unit === 'K' ? 1024 : 1
  return Math.round(Number(m[1]) * mult)
}

function parseArgs(argv: readonly string[]): BenchArgs {
  const a = { sizeBytes: 1024 ** 3, smallFiles: 5000, bigFiles: 4, runs: 3, only: [] as string[], strict: false }
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i] as string
    const v = (): string => {
      const x = argv[++i]
      if (x === undefined) throw new Error(`${k} needs a value`)
      return x
    }
    if (k === '--size') a.sizeBytes = parseSize(v())
    else if (k === '--small-files') a.smallFiles = Number(v())
    else if (k === '--big-files') a.bigFiles = Number(v())
    else if (k === '--runs') a.runs = Number(v())
    else if (k === '--only') a.only = v().split(',')
    else if (k === '--strict') a.strict = true
    else throw new Error(`unknown option ${k}`)
  }
  return a
}

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..')
const args = parseArgs(process.argv.slice(2))
const cli = join(root, 'out', 'cli', 'vouch.js')
if (!existsSync(cli)) {
  process.stderr.write('bench: out/cli/vouch.js is missing; run `npm run build` first (npm run bench does)\n')
  process.exit(2)
}
// Generated inputs and outputs live outside the repository (VOUCH_BENCH_DIR, else the system's temp
// folder), cached between runs: the bench never writes into the checkout.
const dir = process.env['VOUCH_BENCH_DIR'] ?? join(tmpdir(), 'vouch-bench')
await mkdir(dir, { recursive: true })
let packPromise: Promise<BigPack> | undefined
const log = (l: string): void => void process.stderr.write(`bench: ${l}\n`)
const ctx: BenchContext = { root, dir, cli, args, log, bigPack: () => (packPromise ??= ensureBigPack(dir, cli, args, log)) }

const cpu = cpus()
const load = loadavg()[0] ?? 0
const stamp = (): string => new Date().toISOString().replace(/\.\d+Z$/, 'Z')
// The date and load are printed so that figures copied from this output say when and how they were measured.
process.stdout.write(`Vouch bench: node ${process.version}, ${cpu.length} cores (${cpu[0]?.model.trim() ?? '?'}), ${process.platform}; started ${stamp()}, load ${load.toFixed(1)}\n\n`)
if (load > cpu.length * 0.5) {
  process.stdout.write(`WARNING: load average ${load.toFixed(1)} on ${cpu.length} cores: other work competes for the CPU, wall times and ratios are unreliable (see the cpu column)\n\n`)
}
const all: Target[] = []
for (const s of SECTIONS) {
  if (args.only.length > 0 && !args.only.includes(s.id)) continue
  const r = await s.run(ctx)
  all.push(...r.targets)
  process.stdout.write(`${section(s.title, r)}\n`)
}
const failed = all.filter((t) => !t.pass)
process.stdout.write(`== summary: ${all.length - failed.length}/${all.length} targets met (finished ${stamp()}, load ${(loadavg()[0] ?? 0).toFixed(1)})\n${printTargets(all)}\n`)
if (args.strict && failed.length > 0) process.exitCode = 1
